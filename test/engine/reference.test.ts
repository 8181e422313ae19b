// Input reference of Create: an image from the input binary (its pixel size must equal Size),
// an image URL, or a file ID.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import { makePng } from '../fixtures/png';
import { FAST_OPTIONS, soraNode, useEmulator } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('input reference (engine)', () => {
	const ctx = useEmulator();

	const createRequests = () => ctx.emulator.requests().filter((r) => r.kind === 'create');

	it('uploads a PNG from the input binary whose size matches, and waits for the video', async () => {
		const png = makePng(1280, 720);
		const result = await runWorkflow({
			nodes: [
				soraNode({
					operation: 'create',
					prompt: 'the first frame comes alive',
					size: '1280x720',
					inputReference: 'binary',
					inputReferenceBinaryProperty: 'frame',
					options: FAST_OPTIONS,
				}),
			],
			credentials: ctx.credentials(),
			inputItems: [{ json: {}, binary: { frame: { data: png, mimeType: 'image/png', fileName: 'frame.png' } } }],
		});
		expect(result.error).toBeUndefined();
		const [item] = result.outputs.Sora;
		expect(item.json).toMatchObject({ status: 'completed', size: '1280x720' });
		expect(item.binary?.data?.mimeType).toBe('video/mp4');

		const request = createRequests().pop();
		expect(request?.format).toBe('multipart');
		expect(request?.body).toMatchObject({
			size: '1280x720',
			input_reference: { filename: 'frame.png', contentType: 'image/png', size: png.length },
		});
	});

	it('refuses a PNG whose size differs from Size before any create request', async () => {
		const before = createRequests().length;
		const result = await runWorkflow({
			nodes: [
				soraNode({
					operation: 'create',
					prompt: 'wrong frame',
					size: '720x1280',
					inputReference: 'binary',
					options: FAST_OPTIONS,
				}),
			],
			credentials: ctx.credentials(),
			inputItems: [{ json: {}, binary: { data: { data: makePng(640, 480), mimeType: 'image/png', fileName: 'small.png' } } }],
		});
		expect(result.error).toBeDefined();
		expect(result.error!.message).toMatch(/640x480/);
		expect(result.error!.message).toMatch(/720x1280/);
		expect(createRequests().length).toBe(before);
	});

	it('checks every item before the first create: one bad image stops the batch with nothing sent', async () => {
		const before = createRequests().length;
		const good = { data: makePng(720, 1280), mimeType: 'image/png', fileName: 'ok.png' };
		const bad = { data: makePng(100, 100), mimeType: 'image/png', fileName: 'bad.png' };
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: 'batch', inputReference: 'binary', waitForCompletion: false })],
			credentials: ctx.credentials(),
			inputItems: [
				{ json: {}, binary: { data: good } },
				{ json: {}, binary: { data: bad } },
			],
		});
		expect(result.error?.message).toMatch(/100x100/);
		expect(result.error?.message).toMatch(/item 1/);
		expect(createRequests().length).toBe(before);
	});

	it('sends an image URL as input_reference[image_url]', async () => {
		const result = await runWorkflow({
			nodes: [
				soraNode({
					operation: 'create',
					prompt: 'from a url',
					inputReference: 'imageUrl',
					imageUrl: 'https://example.com/first-frame.png',
					waitForCompletion: false,
				}),
			],
			credentials: ctx.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs.Sora[0].json.object).toBe('video');
		expect(createRequests().pop()?.body).toMatchObject({
			input_reference: { image_url: 'https://example.com/first-frame.png' },
		});
	});

	it('sends a file ID as input_reference[file_id]', async () => {
		const result = await runWorkflow({
			nodes: [
				soraNode({ operation: 'create', prompt: 'from a file', inputReference: 'fileId', fileId: 'file-abc123', waitForCompletion: false }),
			],
			credentials: ctx.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(createRequests().pop()?.body).toMatchObject({ input_reference: { file_id: 'file-abc123' } });
	});
});
