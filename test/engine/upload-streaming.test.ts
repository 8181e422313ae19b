// Uploads of big files from n8n's binary store (filesystem mode) are streamed: the node opens the
// stored file as a stream and never asks n8n for the whole file as one Buffer, and the server
// still gets the whole file as a multipart part, for every operation that uploads. Small files
// keep the path they always had. (The memory this saves is measured by npm run bench.)
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryDataService, runWorkflow, type InputItem } from '../harness';
import { FAST_OPTIONS, completedVideo, emulatorContent, soraNode, useEmulator } from '../harness/sora';
import { makePng } from '../fixtures/png';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

const MiB = 1024 * 1024;
const BIG = 9 * MiB; // above the 8 MiB from which stored files are streamed

describe('uploads streamed from the binary store (engine)', () => {
	const ctx = useEmulator({ mp4Bytes: BIG });
	let mp4: Buffer;

	beforeAll(async () => {
		const video = await completedVideo(ctx.emulator, 'a harbour at night');
		mp4 = (await emulatorContent(ctx.emulator, video.id as string)).bytes;
		expect(mp4.length).toBe(BIG);
	});

	afterEach(() => jest.restoreAllMocks());

	/** Runs one node in filesystem mode and reports how n8n's binary store was read. */
	async function runStored(parameters: IDataObject, inputItems: InputItem[]) {
		const service = binaryDataService();
		const asBuffer = jest.spyOn(service, 'getAsBuffer');
		const asStream = jest.spyOn(service, 'getAsStream');
		const result = await runWorkflow({
			nodes: [soraNode(parameters)],
			credentials: ctx.credentials(),
			binaryMode: 'filesystem',
			inputItems,
		});
		if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
		const items: INodeExecutionData[] = result.outputs.Sora;
		return { items, buffers: asBuffer.mock.calls.length, streams: asStream.mock.calls.length };
	}

	const lastRequest = (kind: string) => ctx.emulator.requests().filter((r) => r.kind === kind).pop();
	const video = (fileName = 'source.mp4') => [{ json: {}, binary: { data: { data: mp4, mimeType: 'video/mp4', fileName } } }];

	it.each([
		['edit', 'edit', { operation: 'edit', prompt: 'make it snow' }],
		['extend', 'extend', { operation: 'extend', prompt: 'and then the sun rises', seconds: '4' }],
	])('%s streams a 9 MiB source video and the server gets all of it', async (_name, kind, parameters) => {
		const run = await runStored(
			{ ...parameters, videoSource: 'binary', videoBinaryProperty: 'data', waitForCompletion: false, options: FAST_OPTIONS },
			video(),
		);
		expect(run.items[0].json.id).toEqual(expect.any(String));
		expect(run.buffers).toBe(0);
		expect(run.streams).toBe(1);
		const request = lastRequest(kind);
		expect(request?.format).toBe('multipart');
		expect(request?.body).toMatchObject({ video: { filename: 'source.mp4', contentType: 'video/mp4', size: BIG } });
	});

	it('character create streams its 9 MiB video', async () => {
		const run = await runStored(
			{ resource: 'character', operation: 'create', characterName: 'Captain Nova', videoBinaryProperty: 'data' },
			video('nova.mp4'),
		);
		expect(run.items[0].json).toMatchObject({ name: 'Captain Nova' });
		expect(run.buffers).toBe(0);
		expect(run.streams).toBe(1);
		expect(lastRequest('character.create')?.body).toMatchObject({
			name: 'Captain Nova',
			video: { filename: 'nova.mp4', contentType: 'video/mp4', size: BIG },
		});
	});

	it('create streams a 9 MiB reference image after checking its pixel size from its first bytes', async () => {
		// A PNG followed by padding: readers stop at IEND, and the file is big enough to stream.
		const png = makePng(1280, 720);
		const image = Buffer.concat([png, Buffer.alloc(BIG - png.length)]);
		const run = await runStored(
			{
				operation: 'create',
				prompt: 'the harbour wakes up',
				size: '1280x720',
				inputReference: 'binary',
				inputReferenceBinaryProperty: 'frame',
				waitForCompletion: false,
			},
			[{ json: {}, binary: { frame: { data: image, mimeType: 'image/png', fileName: 'frame.png' } } }],
		);
		expect(run.items[0].json.id).toEqual(expect.any(String));
		expect(run.buffers).toBe(0);
		// Once for the image's header, once for the upload.
		expect(run.streams).toBe(2);
		expect(lastRequest('create')?.body).toMatchObject({
			input_reference: { filename: 'frame.png', contentType: 'image/png', size: BIG },
		});
	});

	it('a small stored file is read whole, as before', async () => {
		const small = mp4.subarray(0, 64 * 1024);
		const run = await runStored(
			{ operation: 'edit', prompt: 'small', videoSource: 'binary', videoBinaryProperty: 'data', waitForCompletion: false },
			[{ json: {}, binary: { data: { data: small, mimeType: 'video/mp4', fileName: 'small.mp4' } } }],
		);
		expect(run.items[0].json.id).toEqual(expect.any(String));
		expect(run.buffers).toBe(1);
		expect(run.streams).toBe(0);
		expect(lastRequest('edit')?.body).toMatchObject({ video: { filename: 'small.mp4', size: small.length } });
	});
});
