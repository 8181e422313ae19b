// The OpenRouter Videos dialect through n8n's real engine against the emulator's openrouter
// profile: the same operations, one credential setting apart. Create bodies are also judged by
// @openrouter/sdk's own request schema.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, runWorkflow, type RunResult } from '../harness';
import { makePng } from '../fixtures/png';
import { validateCreateBody } from '../harness/openrouter-schemas';
import { FAST_OPTIONS, soraNode, useEmulator } from '../harness/sora';

jest.setTimeout(30_000);

const model = (value: string) => ({ __rl: true, mode: 'id', value });

function ok(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	return result.outputs.Sora;
}

describe('OpenRouter dialect (engine)', () => {
	const ctx = useEmulator({ profile: 'openrouter' }, { eachTest: { durationMs: 400 } });
	const credentials = (extra: IDataObject = {}) => ctx.credentials({ dialect: 'openrouter', ...extra });
	const creates = () => ctx.emulator.requests().filter((r) => r.kind === 'create');
	const lastCreateBody = (): IDataObject => JSON.parse(Buffer.from(String(creates().pop()?.rawBody), 'base64').toString('utf8'));

	const create = (parameters: IDataObject, extra: IDataObject = {}) =>
		runWorkflow({
			nodes: [soraNode({ operation: 'create', model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '6', size: '1280x720', options: FAST_OPTIONS, ...parameters })],
			credentials: credentials(extra),
			inputItems: [{ json: {}, binary: { frame: { data: makePng(1280, 720), mimeType: 'image/png', fileName: 'frame.png' } } }],
		});

	it('creates from text as JSON with an integer duration, waits and downloads the MP4', async () => {
		const [item] = ok(await create({ prompt: 'a lighthouse in a storm\nwide shot' }));
		const body = lastCreateBody();
		expect(creates().pop()?.format).toBe('json');
		expect(body).toEqual({ model: 'google/veo-3.1', prompt: 'a lighthouse in a storm\nwide shot', duration: 6, size: '1280x720' });
		expect(item.json).toMatchObject({ object: 'video', status: 'completed', provider_status: 'completed' });
		expect(item.json.costUsd).toBeCloseTo(0.4 * 6, 6);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(item.binary?.data.fileName).toBe(`${String(item.json.id)}.mp4`);
		expect((await binaryBuffer(item, 'data')).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const content = ctx.emulator.requests().filter((r) => r.kind === 'content');
		expect(content.map((r) => r.query)).toEqual([{ index: '0' }]);
		expect((await validateCreateBody(body)).issues).toEqual([]);
	});

	it('on Auto, a host other than openrouter.ai keeps the OpenAI dialect (multipart, refused by OpenRouter)', async () => {
		// The emulator is not openrouter.ai: "auto" on it means OpenAI, whose multipart body OpenRouter refuses.
		const result = await create({ prompt: 'auto dialect' }, { dialect: 'auto' });
		expect(result.error?.message).toMatch(/JSON|400/);
		expect(creates().pop()?.format).toBe('multipart');
	});

	it('sends a binary first frame as a data URL in frame_images, with the extras', async () => {
		const [item] = ok(
			await create({
				prompt: 'the frame comes alive',
				inputReference: 'binary',
				inputReferenceBinaryProperty: 'frame',
				modelOptions: { lastFrameUrl: 'https://example.com/end.png', generateAudio: false, seed: 42, providerOptions: '{"google-vertex":{"parameters":{"negativePrompt":"blur"}}}' },
			}),
		);
		expect(item.json.status).toBe('completed');
		const body = lastCreateBody();
		const frames = body.frame_images as IDataObject[];
		expect(frames[0]).toEqual({ type: 'image_url', image_url: { url: `data:image/png;base64,${makePng(1280, 720).toString('base64')}` }, frame_type: 'first_frame' });
		expect(frames[1]).toEqual({ type: 'image_url', image_url: { url: 'https://example.com/end.png' }, frame_type: 'last_frame' });
		expect(body).toMatchObject({ generate_audio: false, seed: 42, provider: { options: { 'google-vertex': { parameters: { negativePrompt: 'blur' } } } } });
		expect((await validateCreateBody(body)).issues).toEqual([]);
	});

	it('sends an image URL as the first frame, and resolution + aspect ratio where the model lists no sizes', async () => {
		const [item] = ok(
			await create({
				model: model('bytedance/seedance-1.5-pro'),
				customSeconds: '5',
				size: '720x1280',
				prompt: 'from a link',
				inputReference: 'imageUrl',
				imageUrl: 'https://example.com/first.png',
				waitForCompletion: false,
			}),
		);
		expect(item.json).toMatchObject({ object: 'video', status: 'queued', model: 'bytedance/seedance-1.5-pro' });
		const body = lastCreateBody();
		expect(body).toMatchObject({ duration: 5, resolution: '720p', aspect_ratio: '9:16' });
		expect(body.size).toBeUndefined();
		expect(body.frame_images).toEqual([{ type: 'image_url', image_url: { url: 'https://example.com/first.png' }, frame_type: 'first_frame' }]);
		expect((await validateCreateBody(body)).issues).toEqual([]);
	});

	it('waits for a job by ID, downloads it, then extends it via continuation', async () => {
		const [started] = ok(await create({ prompt: 'to be continued', waitForCompletion: false }));
		const id = String(started.json.id);
		const [waited] = ok(await runWorkflow({ nodes: [soraNode({ operation: 'wait', videoId: id, options: FAST_OPTIONS })], credentials: credentials() }));
		expect(waited.json).toMatchObject({ id, status: 'completed' });
		const [downloaded] = ok(await runWorkflow({ nodes: [soraNode({ operation: 'download', videoId: id, variant: 'video' })], credentials: credentials() }));
		expect(downloaded.binary?.data.mimeType).toBe('video/mp4');
		const [extended] = ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'extend', videoId: id, prompt: 'the storm clears', seconds: '4', continuationModel: 'google/veo-3.1', options: FAST_OPTIONS })],
				credentials: credentials(),
			}),
		);
		expect(lastCreateBody()).toEqual({ model: 'google/veo-3.1', prompt: 'the storm clears', duration: 4, previous_job_id: id });
		expect(extended.json).toMatchObject({ status: 'completed', remixed_from_video_id: id });
		expect(extended.json.id).not.toBe(id);
		expect(extended.binary?.data.mimeType).toBe('video/mp4');
	});
});
