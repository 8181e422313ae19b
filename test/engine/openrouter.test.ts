// The OpenRouter Videos dialect through n8n's real engine against the emulator's openrouter
// profile: the same operations, one credential setting apart. Create bodies are also judged by
// @openrouter/sdk's own request schema.
import { createHmac } from 'node:crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, runWorkflow, type RunResult } from '../harness';
import { makePng } from '../fixtures/png';
import { validateCreateBody } from '../harness/openrouter-schemas';
import { startTriggerServer, type TriggerServer } from '../harness/webhook';
import { FAST_OPTIONS, soraNode, useEmulator } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // runs and callbacks wait on the emulator and the engine

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
		expect(item.json).toMatchObject({ object: 'video', status: 'completed', state: 'completed', provider_status: 'completed' });
		expect(item.json.costUsd).toBeCloseTo(0.4 * 6, 6);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(item.binary?.data.fileName).toBe(`${String(item.json.id)}.mp4`);
		expect((await binaryBuffer(item, 'data')).subarray(4, 8).toString('ascii')).toBe('ftyp');
		const content = ctx.emulator.requests().filter((r) => r.kind === 'content');
		expect(content.map((r) => r.query)).toEqual([{ index: '0' }]);
		expect((await validateCreateBody(body)).issues).toEqual([]);
	});

	it('on Auto, a host other than openrouter.ai keeps the OpenAI dialect (its seconds field, refused by OpenRouter)', async () => {
		// The emulator is not openrouter.ai: "auto" on it means OpenAI, whose multipart body OpenRouter refuses.
		const result = await create({ prompt: 'auto dialect' }, { dialect: 'auto' });
		expect(result.error?.message).toMatch(/Unrecognized parameter\(s\): "seconds"/);
		expect(lastCreateBody()).toMatchObject({ seconds: '6' });
		expect(lastCreateBody().duration).toBeUndefined();
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
		expect(item.json).toMatchObject({ object: 'video', status: 'queued', state: 'queued', model: 'bytedance/seedance-1.5-pro' });
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

	it('edits a finished job via continuation, and sends a reference image as input_references', async () => {
		const [first] = ok(await create({ prompt: 'a quiet harbour', customSeconds: '4' }));
		const id = String(first.json.id);
		const [edited] = ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'edit', videoId: id, prompt: 'now at night', continuationModel: 'google/veo-3.1', options: FAST_OPTIONS })],
				credentials: credentials(),
			}),
		);
		expect(lastCreateBody()).toEqual({ model: 'google/veo-3.1', prompt: 'now at night', previous_job_id: id });
		expect(edited.json).toMatchObject({ status: 'completed', remixed_from_video_id: id });
		expect(edited.binary?.data.mimeType).toBe('video/mp4');

		ok(await create({ prompt: 'in this style', inputReference: 'imageUrl', imageUrl: 'https://example.com/style.png', modelOptions: { imageRole: 'reference' }, waitForCompletion: false }));
		const body = lastCreateBody();
		expect(body.input_references).toEqual([{ type: 'image_url', image_url: { url: 'https://example.com/style.png' } }]);
		expect(body.frame_images).toBeUndefined();
		expect((await validateCreateBody(body)).issues).toEqual([]);
	});

	it("surfaces OpenRouter's refusal to continue a model without continuation, naming the model", async () => {
		const [first] = ok(await create({ model: model('alibaba/wan-2.7'), customSeconds: '5', prompt: 'a paper boat' }));
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'extend', videoId: String(first.json.id), prompt: 'it sails on', seconds: 'custom', customSeconds: '5', continuationModel: 'alibaba/wan-2.7' })],
			credentials: credentials(),
		});
		expect(`${result.error?.message} ${String(result.error?.description ?? '')}`).toMatch(/alibaba\/wan-2.7 does not support continuation/);
		expect(creates()).toHaveLength(2);
	});

	describe('refused before any request', () => {
		const paidOrAny = () => ctx.emulator.requests().filter((r) => r.kind !== 'models');

		it.each([
			['list', { operation: 'list', returnAll: true }, /has no list videos/],
			['delete', { operation: 'delete', videoId: 'abc' }, /has no delete a video/],
			['remix', { operation: 'remix', videoId: 'abc', prompt: 'again' }, /has no remix/],
			['thumbnail download', { operation: 'download', videoId: 'abc', variant: 'thumbnail' }, /has no thumbnail and spritesheet downloads/],
			['character get', { resource: 'character', operation: 'get', characterId: 'char_1' }, /has no characters/],
		])('%s, saying what to use instead', async (_name, parameters, message) => {
			const result = await runWorkflow({ nodes: [soraNode(parameters as IDataObject)], credentials: credentials() });
			expect(result.error?.message).toMatch(message);
			expect(String(result.error?.description)).toMatch(/Use instead: /);
			expect(ctx.emulator.requests()).toEqual([]);
		});

		it('a duration the model does not publish, naming the allowed values, for the whole batch', async () => {
			const result = await runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', model: model('google/veo-3.1'), seconds: '={{ $json.seconds }}', size: '1280x720', options: FAST_OPTIONS })],
				credentials: credentials(),
				inputItems: [{ json: { prompt: 'fine', seconds: '4' } }, { json: { prompt: 'too long', seconds: '12' } }],
			});
			expect(result.error?.message).toBe('Seconds: "12" is not offered by google/veo-3.1; allowed: "4", "6", "8" (item 1)');
			expect(paidOrAny()).toEqual([]);
		});

		it.each([
			[{ size: '1792x1024' }, /Size: "1792x1024" is not offered by google\/veo-3.1; allowed: "1280x720", "720x1280", "1920x1080", "1080x1920"/],
			[{ model: model('openai/sora-2-pro'), seconds: '4', modelOptions: { lastFrameUrl: 'https://example.com/end.png' } }, /Last Frame: openai\/sora-2-pro does not take a last frame; frame images it takes: "first_frame"/],
			[{ model: model('alibaba/wan-2.7'), customSeconds: '5', modelOptions: { generateAudio: true } }, /Generate Audio: alibaba\/wan-2.7 does not generate audio/],
			[{ model: model('minimax/hailuo-2.3'), size: '1280x720' }, /Size: 1280x720 is 720p, which minimax\/hailuo-2.3 does not offer; resolutions: "768p", "1080p"/],
			[{ modelOptions: { resolution: '4K' } }, /Resolution: "4K" is not offered by google\/veo-3.1; allowed: "720p", "1080p"/],
			[{ model: model('openai/gpt-5') }, /Model: "openai\/gpt-5" is not one of this server's video models: "google\/veo-3.1"/],
		])('Create with %j', async (parameters, message) => {
			const result = await create({ prompt: 'refused', ...parameters });
			expect(result.error?.message).toMatch(message);
			expect(paidOrAny()).toEqual([]);
		});

		it('an uploaded source video for Extend, and Extend without the source model', async () => {
			const upload = await runWorkflow({
				nodes: [soraNode({ operation: 'extend', videoSource: 'binary', videoBinaryProperty: 'frame', prompt: 'more', seconds: '4', continuationModel: 'google/veo-3.1' })],
				credentials: credentials(),
				inputItems: [{ json: {}, binary: { frame: { data: Buffer.from('not really a video'), mimeType: 'video/mp4', fileName: 'a.mp4' } } }],
			});
			expect(upload.error?.message).toMatch(/Source Video: this server continues a finished job by its Video ID/);
			const noModel = await runWorkflow({ nodes: [soraNode({ operation: 'extend', videoId: 'abc', prompt: 'more', seconds: '4' })], credentials: credentials() });
			expect(noModel.error?.message).toMatch(/Source Model: must name the model/);
			expect(paidOrAny()).toEqual([]);
		});

		it('Model Options added but left empty send nothing, on either dialect', async () => {
			const empty = { seed: '', generateAudio: '', aspectRatio: '', resolution: '', callbackUrl: '', lastFrameUrl: '', providerOptions: '{}' };
			const onOpenAi = await create({ prompt: 'empty extras on openai', modelOptions: empty, waitForCompletion: false }, { dialect: 'openai' });
			expect(onOpenAi.error?.message).not.toMatch(/no such field/);
			const [item] = ok(await create({ prompt: 'empty extras on openrouter', modelOptions: empty, waitForCompletion: false }));
			expect(item.json.state).toBe('queued');
			const body = lastCreateBody();
			for (const key of ['seed', 'generate_audio', 'aspect_ratio', 'resolution', 'callback_url', 'frame_images', 'provider']) expect([key, body[key]]).toEqual([key, undefined]);
		});

		it('Model Options on an OpenAI-dialect server', async () => {
			const result = await create({ prompt: 'extras on openai', modelOptions: { seed: 7 } }, { dialect: 'openai' });
			expect(result.error?.message).toMatch(/Seed: this server's Videos API has no such field \(Seed\)/);
			expect(ctx.emulator.requests()).toEqual([]);
		});

		it('a Last Frame file on an OpenAI-dialect server, before the file is read', async () => {
			// The binary field does not exist: reading it first would have reported that instead.
			const result = await create({ prompt: 'last frame on openai', modelOptions: { lastFrameBinaryProperty: 'missing' } }, { dialect: 'openai' });
			expect(result.error?.message).toMatch(/Last Frame: this server's Videos API has no such field/);
			expect(ctx.emulator.requests()).toEqual([]);
		});

		it.each([
			['Download Thumbnail', { downloadThumbnail: true }],
			['Download Spritesheet', { downloadSpritesheet: true }],
		])('%s while waiting: OpenRouter serves only the MP4, so no job is paid for a file it cannot give', async (field, option) => {
			const result = await create({ prompt: 'with a thumbnail', options: { ...FAST_OPTIONS, ...option } });
			expect(result.error?.message).toMatch(new RegExp(`${field}: OpenRouter's Videos API serves only the MP4`));
			expect(creates()).toEqual([]);
		});

		it('Input Reference as a File ID, for the whole batch before the first paid request', async () => {
			const result = await runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: 'p', model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '6', size: '1280x720', inputReference: '={{ $json.ref }}', fileId: 'file-123', imageUrl: 'https://example.com/a.png', inputReferenceBinaryProperty: 'data', options: FAST_OPTIONS })],
				credentials: credentials(),
				inputItems: [{ json: { ref: 'none' } }, { json: { ref: 'fileId' } }],
			});
			expect(result.error?.message).toMatch(/Input Reference: OpenRouter takes an image from the input item or an image URL, not a file ID \(item 1\)/);
			expect(creates()).toEqual([]);
		});

		it('Character Create, before its video is read', async () => {
			const result = await runWorkflow({
				nodes: [soraNode({ resource: 'character', operation: 'create', characterName: 'Mia', videoBinaryProperty: 'missing' })],
				credentials: credentials(),
			});
			expect(result.error?.message).toMatch(/has no characters/);
			expect(ctx.emulator.requests()).toEqual([]);
		});
	});

	describe('cost', () => {
		const batch = (items: number, options: IDataObject) =>
			runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '6', size: '1920x1080', options: { ...FAST_OPTIONS, ...options } })],
				credentials: credentials(),
				inputItems: Array.from({ length: items }, (_, i) => ({ json: { prompt: `shot ${i}` } })),
			});

		it('refuses a batch whose estimate is over Max Spend per Run before the first request', async () => {
			// 3 x 6 s at the 1080p price of $0.60/s = $10.80.
			const result = await batch(3, { maxSpendUsd: 10 });
			expect(result.error?.message).toBe(
				'Max Spend per Run: the 3 job(s) of this run are estimated at $10.80, over the limit of $10.00; no job was started',
			);
			expect(creates()).toEqual([]);
		});

		it('starts a batch within the cap and puts the estimate and the reported cost on every item', async () => {
			const items = ok(await batch(2, { maxSpendUsd: 7.2, waitForCompletion: true }));
			expect(creates()).toHaveLength(2);
			for (const item of items) {
				expect(item.json.estimatedCostUsd).toBeCloseTo(3.6, 6);
				expect(item.json.costUsd).toBeCloseTo(0.6 * 6, 6);
			}
		});

		it("caps Sora on the OpenAI dialect with the default table (nothing sent)", async () => {
			const result = await runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', model: model('sora-2-pro'), seconds: '12', size: '1080x1920', options: { maxSpendUsd: 5 } })],
				credentials: credentials({ dialect: 'openai' }),
				inputItems: [{ json: { prompt: 'a' } }, { json: { prompt: 'b' } }],
			});
			expect(result.error?.message).toMatch(/estimated at \$16\.80, over the limit of \$5\.00/);
			expect(ctx.emulator.requests()).toEqual([]);
		});

		it('with an aspect ratio and no resolution (Size not sent), counts the dearest published price', async () => {
			// 2 x 6 s: the 720p Size would say $0.40/s ($4.80); the server may pick 1080p at $0.60/s ($7.20).
			const result = await runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '6', size: '1280x720', modelOptions: { aspectRatio: '16:9' }, options: { ...FAST_OPTIONS, maxSpendUsd: 5 } })],
				credentials: credentials(),
				inputItems: [{ json: { prompt: 'a' } }, { json: { prompt: 'b' } }],
			});
			expect(result.error?.message).toMatch(/estimated at \$7\.20, over the limit of \$5\.00/);
			expect(creates()).toEqual([]);
		});

		it('guards Edit (a paid continuation) at the longest published duration and dearest price', async () => {
			// google/veo-3.1: up to 8 s at up to $0.60/s = $4.80 per edit.
			const edit = (maxSpendUsd: number) =>
				runWorkflow({
					nodes: [soraNode({ operation: 'edit', videoId: '={{ $json.id }}', prompt: 'brighter', continuationModel: 'google/veo-3.1', options: { ...FAST_OPTIONS, maxSpendUsd } })],
					credentials: credentials(),
					inputItems: [{ json: { id: 'job_a' } }, { json: { id: 'job_b' } }],
				});
			expect((await edit(9)).error?.message).toMatch(/the 2 job\(s\) of this run are estimated at \$9\.60, over the limit of \$9\.00; no job was started/);
			expect(creates()).toEqual([]);
		});

		it('Extend without Source Model under a cap asks for the Source Model (OpenAI dialect)', async () => {
			const result = await runWorkflow({
				nodes: [soraNode({ operation: 'extend', videoId: 'video_1', prompt: 'more', seconds: '4', options: { maxSpendUsd: 5 } })],
				credentials: credentials({ dialect: 'openai' }),
			});
			expect(result.error?.message).toMatch(/Max Spend per Run: .*the model of the source video is not known; set Source Model/);
			// The source was looked up (a free read, which this server cannot answer); nothing paid was sent.
			expect(ctx.emulator.requests().map((r) => `${r.method} ${r.kind}`)).toEqual(['GET get']);
		});

		it('uses the Price Table over published prices', async () => {
			const result = await batch(2, { maxSpendUsd: 1, priceTable: '{"google/veo-3.1": {"1080p": 0.05}}' });
			const items = ok(result);
			expect(items.map((item) => item.json.estimatedCostUsd)).toEqual([0.3, 0.3]);
		});
	});

	describe('Sora Video Trigger with OpenRouter callbacks', () => {
		const secret = 'or-whsec-test-0123456789';
		const servers: TriggerServer[] = [];
		afterAll(async () => {
			await Promise.all(servers.map((server) => server.close()));
		});

		async function listen(options: IDataObject = {}) {
			const server = await startTriggerServer({
				trigger: { name: 'Sora Trigger', type: 'soraVideoTrigger', parameters: { output: 'videoAndBinary', options } as never },
				credentials: () => ({ soraApi: { apiKey: ctx.emulator.apiKey, baseUrl: ctx.emulator.baseUrl, dialect: 'openrouter', webhookSecret: secret } }),
			});
			servers.push(server);
			ctx.emulator.setOptions({ webhook: { url: null, secret } });
			return server;
		}

		const startWithCallback = async (server: TriggerServer, prompt: string) =>
			ok(await create({ prompt, waitForCompletion: false, modelOptions: { callbackUrl: server.url } }))[0];

		it("Create passes the trigger's URL as callback_url; the signed completion starts a run with the MP4", async () => {
			const server = await listen();
			const started = await startWithCallback(server, 'fire and forget');
			const body = lastCreateBody();
			expect(body.callback_url).toBe(server.url);
			expect((await validateCreateBody(body)).issues).toEqual([]);

			const [delivery] = await server.waitForDeliveries(1);
			expect(delivery.headers['x-openrouter-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
			expect(delivery.status).toBe(200);
			expect(delivery.run?.status).toBe('success');
			const [item] = delivery.run!.outputs['Sora Trigger'];
			expect(item.json).toMatchObject({ id: started.json.id, status: 'completed', provider_status: 'completed' });
			expect(item.binary?.data.mimeType).toBe('video/mp4');
			expect((await binaryBuffer(item, 'data')).subarray(4, 8).toString('ascii')).toBe('ftyp');
		});

		it('with Download Thumbnail on, the completion still starts a run with the MP4 and says why there is no thumbnail', async () => {
			const server = await listen({ downloadThumbnail: true });
			const started = await startWithCallback(server, 'thumbnail wanted');
			const [delivery] = await server.waitForDeliveries(1);
			expect(delivery.status).toBe(200);
			expect(delivery.run?.status).toBe('success');
			const [item] = delivery.run!.outputs['Sora Trigger'];
			expect(item.json).toMatchObject({ id: started.json.id, status: 'completed' });
			expect(item.json.warnings).toEqual([expect.stringMatching(/Download Thumbnail: OpenRouter's Videos API serves only the MP4/)]);
			expect(Object.keys(item.binary ?? {})).toEqual(['data']);
			expect(ctx.emulator.requests().filter((r) => r.kind === 'content')).toHaveLength(1);
		});

		it('the same signed callback under a new or missing X-OpenRouter-Idempotency-Key starts no second run', async () => {
			const server = await listen();
			const started = await startWithCallback(server, 'replayed with another key');
			const [delivery] = await server.waitForDeliveries(1);
			expect(delivery.run?.status).toBe('success');
			expect(delivery.run!.outputs['Sora Trigger'][0].json.id).toBe(started.json.id);

			// The key is not covered by the signature: anyone holding the captured bytes can change it.
			const signature = String(delivery.headers['x-openrouter-signature']);
			const post = (headers: Record<string, string>, body = delivery.rawBody.toString()) =>
				fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
			for (const key of ['a-brand-new-key', undefined]) {
				const answer = await post({ 'x-openrouter-signature': signature, ...(key ? { 'x-openrouter-idempotency-key': key } : {}) });
				expect(answer.status).toBe(200);
				expect(await answer.json()).toEqual({ received: true, duplicate: true });
			}
			// OpenRouter's own retry: the event built again (new created_at), signed at a new time.
			const event = JSON.parse(delivery.rawBody.toString());
			const retryBody = JSON.stringify({ ...event, created_at: new Date(Date.now() + 1000).toISOString() });
			const t = Math.floor(Date.now() / 1000);
			const retrySignature = `t=${t},v1=${createHmac('sha256', secret).update(`${t},${retryBody}`).digest('hex')}`;
			const retry = await post({ 'x-openrouter-signature': retrySignature, 'x-openrouter-idempotency-key': String(delivery.headers['x-openrouter-idempotency-key']) }, retryBody);
			expect(retry.status).toBe(200);
			expect(await retry.json()).toEqual({ received: true, duplicate: true });
			const deliveries = await server.waitForDeliveries(4);
			expect(deliveries.map((d) => d.run !== undefined)).toEqual([true, false, false, false]);
		});

		it('a cancelled job is a failed event without a file; replays, bad and stale signatures start nothing', async () => {
			const server = await listen();
			const started = await startWithCallback(server, 'OR_CANCELLED on purpose');
			const [delivery] = await server.waitForDeliveries(1);
			expect(JSON.parse(delivery.rawBody.toString()).type).toBe('video.generation.cancelled');
			const [item] = delivery.run!.outputs['Sora Trigger'];
			expect(item.json).toMatchObject({ id: started.json.id, status: 'failed', provider_status: 'cancelled' });
			expect(item.binary).toBeUndefined();

			const post = (headers: Record<string, string>, body = delivery.rawBody) =>
				fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body.toString() });
			const sent = { 'x-openrouter-signature': String(delivery.headers['x-openrouter-signature']), 'x-openrouter-idempotency-key': String(delivery.headers['x-openrouter-idempotency-key']) };
			const replay = await post(sent);
			expect(replay.status).toBe(200);
			expect(await replay.json()).toEqual({ received: true, duplicate: true });

			const tampered = await post(sent, Buffer.from(delivery.rawBody.toString().replace('cancelled', 'completed')));
			expect(tampered.status).toBe(401);
			const staleT = Math.floor(Date.now() / 1000) - 3600;
			const { createHmac } = await import('node:crypto');
			const stale = `t=${staleT},v1=${createHmac('sha256', secret).update(`${staleT},${delivery.rawBody.toString()}`).digest('hex')}`;
			const old = await post({ 'x-openrouter-signature': stale, 'x-openrouter-idempotency-key': 'another-key' });
			expect(old.status).toBe(401);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(server.deliveries.filter((d) => d.run)).toHaveLength(1);
		});
	});
});
