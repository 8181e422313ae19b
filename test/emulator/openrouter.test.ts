// The openrouter profile judged by the official client: @openrouter/sdk drives it, and
// every answer (success or error) must parse with the SDK's own schemas. Callbacks are
// checked with the verification OpenRouter's webhook guide prescribes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { makePng } from '../fixtures/png';
import { call, Emu, form, readMp4, Reply, sleep, startEmulator } from './helpers';
import { closeSdkWorker, parseWithSdk, sdkCall, validateCreateBody } from '../harness/openrouter-schemas';
import { eventually, SERVER_TEST_MS } from '../fixtures/wait';

const FIRST_FRAME_PNG = `data:image/png;base64,${makePng(64, 36).toString('base64')}`;

jest.setTimeout(SERVER_TEST_MS); // 2 shared cores: SDK calls go through a worker thread, callbacks wait on timers

let emu: Emu;
beforeAll(async () => {
	emu = await startEmulator({ profile: 'openrouter', durationMs: 300, queuedMs: 100 });
	await parseWithSdk('VideoGenerationUsage', {}); // load the SDK in its worker once (seconds on a busy machine)
}, 60000);
afterAll(async () => {
	await emu.close();
	await closeSdkWorker();
});
// Every test starts from the same state: no jobs or pending callbacks, the options it relies on.
beforeEach(() => {
	emu.reset();
	emu.setOptions({ durationMs: 300, queuedMs: 100, assetTtlSec: 3600, webhook: null, webhookRetryMs: null, pollingUrlStyle: 'absolute' });
});
afterEach(() => jest.restoreAllMocks());

/** Every answer must parse with the SDK schema for its route and status. */
async function judged(r: Reply, schema: 'VideoGenerationResponse' | 'VideoModelsListResponse' = 'VideoGenerationResponse') {
	const verdict = await parseWithSdk(r.status < 300 ? schema : `Error${r.status}`, r.json);
	expect({ status: r.status, issues: verdict.issues }).toEqual({ status: r.status, issues: [] });
	return r.json;
}

/** POST /videos with a body that must itself pass the SDK's request schema. */
async function create(body: Record<string, unknown>) {
	expect((await validateCreateBody(body)).issues).toEqual([]);
	const r = await call(emu, 'POST', '/videos', body);
	await judged(r);
	return r;
}

async function waitTerminal(id: string) {
	return await eventually(async () => {
		const v = await judged(await call(emu, 'GET', `/videos/${id}`));
		return !['pending', 'in_progress'].includes(v.status) && v;
	}, `job ${id} to finish`, { intervalMs: 25 });
}

describe('models', () => {
	test('the SDK lists the models; each publishes durations, sizes, resolutions, ratios, frames and prices', async () => {
		const r = await sdkCall(emu.baseUrl, emu.apiKey, 'listVideosModels');
		expect(r.error).toBeUndefined();
		const byId = Object.fromEntries(r.value.data.map((m: any) => [m.id, m]));
		expect(Object.keys(byId)).toEqual(['google/veo-3.1', 'openai/sora-2-pro', 'alibaba/wan-2.7', 'bytedance/seedance-1.5-pro', 'minimax/hailuo-2.3']);
		expect(byId['google/veo-3.1']).toMatchObject({
			name: 'Google: Veo 3.1',
			supportedDurations: [4, 6, 8],
			supportedResolutions: ['720p', '1080p'],
			supportedAspectRatios: ['16:9', '9:16'],
			supportedFrameImages: ['first_frame', 'last_frame'],
			pricingSkus: { 'per-video-second': '0.40', 'per-video-second-1080p': '0.60' },
		});
		expect(byId['minimax/hailuo-2.3']).toMatchObject({ supportedSizes: null, supportedAspectRatios: null, supportedFrameImages: null, seed: null });
	});

	test('the list is public (no key) and its raw JSON parses with VideoModelsListResponse', async () => {
		const r = await call(emu, 'GET', '/videos/models', undefined, { auth: false });
		expect(r.status).toBe(200);
		const json = await judged(r, 'VideoModelsListResponse');
		expect(json.data.every((m: any) => !('continuation' in m))).toBe(true);
	});
});

describe('create, poll, download through the SDK', () => {
	test('text to video: 202 {id, polling_url, status}, then completed with unsigned_urls, usage.cost and a real MP4', async () => {
		const raw = await create({ model: 'google/veo-3.1', prompt: 'a fox in snow', duration: 6, resolution: '1080p', aspect_ratio: '9:16' });
		expect(raw.status).toBe(202);
		expect(Object.keys(raw.json).sort()).toEqual(['id', 'polling_url', 'status']);
		expect(raw.json.status).toBe('pending');
		expect(raw.json.polling_url).toBe(`${emu.baseUrl}/videos/${raw.json.id}`);
		expect(raw.json.id).toMatch(/^[A-Za-z0-9]{20}$/);

		const done = await waitTerminal(raw.json.id);
		const sdk = await sdkCall(emu.baseUrl, emu.apiKey, 'getGeneration', { jobId: raw.json.id });
		expect(sdk.value).toMatchObject({ status: 'completed', unsignedUrls: [`${emu.baseUrl}/videos/${raw.json.id}/content?index=0`] });
		expect(done.usage).toEqual({ cost: 3.6, is_byok: false }); // 6 s x 0.60 (1080p SKU)
		expect(sdk.value.generationId).toMatch(/^gen-/);

		const content = await sdkCall(emu.baseUrl, emu.apiKey, 'getVideoContent', { jobId: raw.json.id, index: 0 });
		expect(content.error).toBeUndefined();
		const mp4 = readMp4(Buffer.from(content.bytes!, 'base64'));
		expect(mp4).toMatchObject({ width: 1080, height: 1920, seconds: 6, firstSampleIsJpeg: true });
	});

	test('the SDK itself submits (generate) and the job passes through pending and in_progress', async () => {
		emu.setOptions({ durationMs: 60000, queuedMs: 30000 });
		const sub = await sdkCall(emu.baseUrl, emu.apiKey, 'generate', {
			videoGenerationRequest: { model: 'alibaba/wan-2.7', prompt: 'waves', duration: 5, size: '960x720', seed: 7, generateAudio: false },
		});
		expect(sub.value).toMatchObject({ status: 'pending' });
		expect((await judged(await call(emu, 'GET', `/videos/${sub.value.id}`))).status).toBe('pending');
		emu.setOptions({ queuedMs: 0 });
		const running = await sdkCall(emu.baseUrl, emu.apiKey, 'generate', { videoGenerationRequest: { model: 'alibaba/wan-2.7', prompt: 'waves' } });
		const view = await judged(await call(emu, 'GET', `/videos/${running.value.id}`));
		expect(view).toMatchObject({ status: 'in_progress' });
		expect(view.unsigned_urls).toBeUndefined();
		const early = await call(emu, 'GET', `/videos/${running.value.id}/content`);
		expect(early.status).toBe(409);
		await judged(early);
	});

	test('a first frame as a data URL (image to video) and input_references are accepted', async () => {
		const r = await create({
			model: 'openai/sora-2-pro',
			prompt: 'the picture comes alive',
			duration: 4,
			size: '1280x720',
			frame_images: [{ type: 'image_url', image_url: { url: FIRST_FRAME_PNG }, frame_type: 'first_frame' }],
			input_references: [{ type: 'image_url', image_url: { url: 'https://example.com/style.png' } }],
			generate_audio: true,
			provider: { options: { openai: { parameters: {} } } },
		});
		expect(r.status).toBe(202);
		expect((await waitTerminal(r.json.id)).usage.cost).toBeCloseTo(1.2); // 4 s x 0.30
	});

	test('without a prompt, a frame image is enough; a size picks the MP4 frame size', async () => {
		const r = await create({ model: 'alibaba/wan-2.7', duration: 5, size: '720x960', frame_images: [{ type: 'image_url', image_url: { url: FIRST_FRAME_PNG }, frame_type: 'last_frame' }] });
		await waitTerminal(r.json.id);
		const bytes = (await call(emu, 'GET', `/videos/${r.json.id}/content?index=0`)).body;
		expect(readMp4(bytes)).toMatchObject({ width: 720, height: 960, seconds: 5 });
	});
});

describe('capability checks answer 400 in OpenRouter\'s envelope, naming the allowed values', () => {
	const base = { model: 'google/veo-3.1', prompt: 'p' };
	test.each([
		['a duration the model does not list', { ...base, duration: 5 }, /duration 5 .*Supported values: 4, 6, 8/],
		['a non-integer duration', { ...base, duration: '8' }, /'duration' must be an integer/],
		['a resolution outside the list', { ...base, resolution: '4K' }, /resolution "4K" .*"720p", "1080p"/],
		['an aspect ratio outside the list', { ...base, aspect_ratio: '1:1' }, /aspect_ratio "1:1" .*"16:9", "9:16"/],
		['a size outside the list', { ...base, size: '720x720' }, /size "720x720" .*"1280x720"/],
		['size on a model without sizes', { model: 'bytedance/seedance-1.5-pro', prompt: 'p', size: '1280x720' }, /does not accept 'size'/],
		['size contradicting the resolution', { ...base, size: '1280x720', resolution: '1080p' }, /contradicts/],
		['a last frame on a first-frame-only model', { model: 'openai/sora-2-pro', prompt: 'p', frame_images: [{ type: 'image_url', image_url: { url: FIRST_FRAME_PNG }, frame_type: 'last_frame' }] }, /"first_frame"/],
		['frame images on a model without them', { model: 'minimax/hailuo-2.3', prompt: 'p', frame_images: [{ type: 'image_url', image_url: { url: FIRST_FRAME_PNG }, frame_type: 'first_frame' }] }, /does not accept frame_images/],
		['a data URL that is no image', { ...base, frame_images: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,aGVsbG8=' }, frame_type: 'first_frame' }] }, /does not hold a PNG/],
		['audio on a silent model', { model: 'alibaba/wan-2.7', prompt: 'p', generate_audio: true }, /does not generate audio/],
		['an OpenAI field (seconds)', { ...base, seconds: '8' }, /Unrecognized parameter.*seconds/],
		['an unknown model', { ...base, model: 'openai/sora-3' }, /not a video generation model/],
		['a pass-through parameter the model does not allow', { ...base, provider: { options: { 'google-vertex': { parameters: { fps: 60 } } } } }, /"fps" not allowed .*"personGeneration", "negativePrompt"/],
		['a plain-http callback to a public host', { ...base, callback_url: 'http://example.com/hook' }, /must be HTTPS/],
	])('%s', async (_label, body, message) => {
		const r = await call(emu, 'POST', '/videos', body);
		expect(r.status).toBe(400);
		await judged(r);
		expect(r.json.error.code).toBe(400);
		expect(r.json.error.message).toMatch(message);
	});

	test('multipart (what an OpenAI client sends) is refused: JSON only', async () => {
		const r = await call(emu, 'POST', '/videos', form({ model: 'google/veo-3.1', prompt: 'p', seconds: '4' }));
		expect(r.status).toBe(400);
		expect((await judged(r)).error.message).toMatch(/must be JSON/);
	});

	test('the SDK reads the refusal as its own BadRequestResponseError', async () => {
		const r = await sdkCall(emu.baseUrl, emu.apiKey, 'generate', { videoGenerationRequest: { model: 'google/veo-3.1', prompt: 'p', duration: 10 } });
		expect(r.error).toMatchObject({ name: 'BadRequestResponseError', statusCode: 400 });
		expect(r.error!.data.error.message).toMatch(/Supported values: 4, 6, 8/);
	});
});

describe('continuation with previous_job_id', () => {
	test('extends a completed job of the same model: same frame, longer clip, cost of the new segment', async () => {
		const first = await create({ model: 'google/veo-3.1', prompt: 'a', duration: 4, size: '720x1280' });
		await waitTerminal(first.json.id);
		const next = await create({ model: 'google/veo-3.1', prompt: 'and then', duration: 6, previous_job_id: first.json.id });
		expect(next.status).toBe(202);
		const done = await waitTerminal(next.json.id);
		expect(done.usage.cost).toBeCloseTo(2.4); // 6 s x 0.40 at 720p
		const bytes = (await call(emu, 'GET', `/videos/${next.json.id}/content`)).body;
		expect(readMp4(bytes)).toMatchObject({ width: 720, height: 1280, seconds: 10 });
	});

	test('refusals: not completed (409), other model (400), model without continuation (400), unknown job (404)', async () => {
		emu.setOptions({ durationMs: 60000 });
		const running = await create({ model: 'google/veo-3.1', prompt: 'a' });
		const wan = await create({ model: 'alibaba/wan-2.7', prompt: 'a' });
		const cases: Array<[Record<string, unknown>, number, RegExp]> = [
			[{ model: 'google/veo-3.1', prompt: 'b', previous_job_id: running.json.id }, 409, /only a completed job/],
			[{ model: 'openai/sora-2-pro', prompt: 'b', previous_job_id: running.json.id }, 400, /same model/],
			[{ model: 'alibaba/wan-2.7', prompt: 'b', previous_job_id: wan.json.id }, 400, /does not support continuation/],
			[{ model: 'google/veo-3.1', prompt: 'b', previous_job_id: 'NoSuchJob' }, 404, /not found/],
		];
		for (const [body, status, message] of cases) {
			const r = await call(emu, 'POST', '/videos', body);
			expect([r.status, r.json.error.message]).toEqual([status, expect.stringMatching(message)]);
			await judged(r);
		}
	});
});

describe('terminal states and content errors', () => {
	test.each([
		['FAIL_MODERATION', 'failed', 'Content policy violation'],
		['OR_CANCELLED', 'cancelled', 'Job was cancelled'],
		['OR_EXPIRED', 'expired', 'Job exceeded maximum time to live'],
	])('a prompt with %s ends %s with a string error', async (marker, status, error) => {
		const r = await create({ model: 'google/veo-3.1', prompt: `x ${marker}` });
		const done = await waitTerminal(r.json.id);
		expect(done).toMatchObject({ status, error });
		expect(done.unsigned_urls).toBeUndefined();
		const c = await call(emu, 'GET', `/videos/${r.json.id}/content`);
		expect(c.status).toBe(409);
		await judged(c);
	});

	test('content: index out of range 404, malformed index 400, after the asset TTL 410', async () => {
		emu.setOptions({ assetTtlSec: 0.4 });
		const r = await create({ model: 'alibaba/wan-2.7', prompt: 'p' });
		await waitTerminal(r.json.id);
		const outOfRange = await call(emu, 'GET', `/videos/${r.json.id}/content?index=1`);
		const malformed = await call(emu, 'GET', `/videos/${r.json.id}/content?index=one`);
		expect([outOfRange.status, malformed.status]).toEqual([404, 400]);
		await judged(outOfRange);
		await judged(malformed);
		await sleep(500);
		const gone = await sdkCall(emu.baseUrl, emu.apiKey, 'getVideoContent', { jobId: r.json.id, index: 0 });
		expect(gone.error).toMatchObject({ name: 'GoneResponseError', statusCode: 410 });
	});

	test('OpenAI-only routes do not exist (404), an unknown job is 404, a missing key is 401, all in the envelope', async () => {
		for (const [method, path] of [['GET', '/videos'], ['DELETE', '/videos/abc'], ['POST', '/videos/abc/remix'], ['POST', '/videos/extensions'], ['GET', '/videos/NoSuchJob']]) {
			const r = await call(emu, method, path, method === 'POST' ? {} : undefined);
			expect([method, path, r.status]).toEqual([method, path, 404]);
			await judged(r);
		}
		const anon = await call(emu, 'GET', '/videos/abc', undefined, { auth: false });
		expect(anon.status).toBe(401);
		await judged(anon);
		const sdk = await sdkCall(emu.baseUrl, 'sk-wrong', 'getGeneration', { jobId: 'abc' });
		expect(sdk.error).toMatchObject({ name: 'UnauthorizedResponseError', statusCode: 401 });
	});
});

describe('callbacks (video.generation.* to callback_url)', () => {
	const SECRET = 'or-workspace-signing-secret';
	const received: Array<{ headers: IncomingMessage['headers']; raw: Buffer }> = [];
	let receiver: Server;
	let hookUrl: string;

	// The verification from OpenRouter's guide: t and v1 from X-OpenRouter-Signature,
	// hex HMAC-SHA256 of `${t},${rawBody}` keyed with the secret, 5-minute window.
	function verify(raw: Buffer, header: string | undefined, secret: string): boolean {
		const parts = String(header || '').split(',');
		const t = parts.find((p) => p.startsWith('t='))?.slice(2);
		const v1 = parts.find((p) => p.startsWith('v1='))?.slice(3);
		if (!t || !v1 || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false;
		const expected = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${t},`), raw])).digest('hex');
		return expected.length === v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(v1));
	}

	let answers: number[] = []; // answered in turn, then 204

	const waitFor = (n: number) => eventually(() => received.length >= n && received, `${n} callback(s) at the receiver`);

	beforeAll(async () => {
		receiver = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c) => chunks.push(c));
			req.on('end', () => {
				received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
				res.statusCode = answers.shift() ?? 204;
				res.end();
			});
		});
		await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
		hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/or-hook`;
	});
	afterAll(async () => {
		receiver.closeAllConnections();
		await new Promise((r) => receiver.close(r));
	});
	beforeEach(() => {
		received.length = 0;
		answers = [];
	});

	test('completed: signed per the guide, idempotency key <id>-completed, the documented envelope', async () => {
		emu.setOptions({ webhook: { url: null, secret: SECRET } });
		const r = await create({ model: 'alibaba/wan-2.7', prompt: 'p', duration: 10, callback_url: hookUrl });
		const [hit] = await waitFor(1);
		expect(verify(hit.raw, hit.headers['x-openrouter-signature'] as string, SECRET)).toBe(true);
		expect(verify(hit.raw, hit.headers['x-openrouter-signature'] as string, 'another-secret')).toBe(false);
		expect(hit.headers['x-openrouter-idempotency-key']).toBe(`${r.json.id}-completed`);
		const event = JSON.parse(hit.raw.toString('utf8'));
		expect(Object.keys(event).sort()).toEqual(['created_at', 'data', 'type']);
		expect(event.type).toBe('video.generation.completed');
		expect(new Date(event.created_at).toISOString()).toBe(event.created_at);
		expect(Object.keys(event.data).sort()).toEqual(['generation_id', 'id', 'model', 'status', 'unsigned_urls', 'usage']);
		expect(event.data).toMatchObject({ id: r.json.id, status: 'completed', model: 'alibaba/wan-2.7', usage: { cost: 0.4, is_byok: false } });
		expect((await parseWithSdk('VideoGenerationUsage', event.data.usage)).ok).toBe(true);
		// What the event announces is what polling shows.
		const polled = await judged(await call(emu, 'GET', `/videos/${r.json.id}`));
		expect(polled.unsigned_urls).toEqual(event.data.unsigned_urls);
	});

	test('failed, cancelled, expired: one event each with the string error', async () => {
		emu.setOptions({ webhook: { url: null, secret: SECRET } });
		const ids: Record<string, string> = {};
		for (const [marker, status] of [['FAIL_MODERATION', 'failed'], ['OR_CANCELLED', 'cancelled'], ['OR_EXPIRED', 'expired']]) {
			ids[status] = (await create({ model: 'google/veo-3.1', prompt: marker, callback_url: hookUrl })).json.id;
		}
		const hits = await waitFor(3);
		const events = hits.map((h) => ({ ok: verify(h.raw, h.headers['x-openrouter-signature'] as string, SECRET), key: h.headers['x-openrouter-idempotency-key'], e: JSON.parse(h.raw.toString()) }));
		for (const status of ['failed', 'cancelled', 'expired']) {
			const found = events.find((x) => x.e.data.status === status)!;
			expect(found).toMatchObject({ ok: true, key: `${ids[status]}-${status}`, e: { type: `video.generation.${status}`, data: { id: ids[status], error: expect.any(String) } } });
			expect(found.e.data.unsigned_urls).toBeUndefined();
		}
	});

	test('without a signing secret no signature header is sent; the workspace default URL catches jobs without callback_url', async () => {
		emu.setOptions({ webhook: { url: hookUrl, secret: null } });
		const r = await create({ model: 'google/veo-3.1', prompt: 'p' });
		const [hit] = await waitFor(1);
		expect(hit.headers['x-openrouter-signature']).toBeUndefined();
		expect(hit.headers['x-openrouter-idempotency-key']).toBe(`${r.json.id}-completed`);
	});

	test('emu.sendWebhook re-delivers a job\'s event now and records it', async () => {
		emu.setOptions({ webhook: { url: null, secret: SECRET } });
		const r = await create({ model: 'google/veo-3.1', prompt: 'p', callback_url: hookUrl });
		await waitFor(1);
		const record = await emu.sendWebhook(r.json.id);
		expect(record).toMatchObject({ videoId: r.json.id, type: 'video.generation.completed', status: 204, signed: true });
		expect(received).toHaveLength(2);
		expect(received[1].headers['x-openrouter-idempotency-key']).toBe(received[0].headers['x-openrouter-idempotency-key']);
	});

	// The timer that ends a job runs on Node's monotonic clock in whole ms, the job's status on
	// Date.now(); a timer a millisecond early used to find the job in_progress, and the event was
	// dropped without a word. With the wall clock 20 ms behind, the event still comes.
	test('a callback whose timer fires before Date.now() reaches the job end is still sent, with the terminal status', async () => {
		const r = await create({ model: 'google/veo-3.1', prompt: 'OR_CANCELLED', callback_url: hookUrl });
		const now = Date.now.bind(Date);
		jest.spyOn(Date, 'now').mockImplementation(() => now() - 20);
		const [hit] = await waitFor(1);
		expect(JSON.parse(hit.raw.toString())).toMatchObject({ type: 'video.generation.cancelled', data: { id: r.json.id } });
	});

	test('a callback the receiver does not take is sent again with the same idempotency key, each attempt recorded', async () => {
		emu.setOptions({ webhook: { url: null, secret: SECRET }, webhookRetryMs: [50] });
		answers = [502];
		const r = await create({ model: 'google/veo-3.1', prompt: 'p', callback_url: hookUrl });
		// The record of an attempt is written once its answer is back: wait for the final one.
		await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === r.json.id && d.final), 'the final attempt');
		expect(received.map((h) => h.headers['x-openrouter-idempotency-key'])).toEqual([`${r.json.id}-completed`, `${r.json.id}-completed`]);
		expect(received.every((h) => verify(h.raw, h.headers['x-openrouter-signature'] as string, SECRET))).toBe(true);
		const attempts = emu.webhookDeliveries().filter((d) => d.videoId === r.json.id);
		expect(attempts.map((d) => [d.attempt, d.status, d.final])).toEqual([[1, 502, false], [2, 204, true]]);
	});
});

test('emu.jobs() lists OpenRouter views with what each job was made from', async () => {
	const r = await create({ model: 'bytedance/seedance-1.5-pro', prompt: 'p', duration: 10, resolution: '480p', aspect_ratio: '21:9', seed: 3 });
	const job = emu.jobs().find((j) => j.id === r.json.id)!;
	expect(job).toMatchObject({ model: 'bytedance/seedance-1.5-pro', duration: 10, seconds: 10, resolution: '480p', aspect_ratio: '21:9', size: '1120x480', generate_audio: true, cost: 0.2 });
	expect((await parseWithSdk('VideoGenerationResponse', job)).ok).toBe(true);
});

test('the request judge: a logged create body passes the SDK request schema; OpenAI-style bodies do not', async () => {
	await create({ model: 'google/veo-3.1', prompt: 'p', frame_images: [{ type: 'image_url', image_url: { url: FIRST_FRAME_PNG }, frame_type: 'first_frame' }] });
	const logged = emu.requests().filter((e) => e.kind === 'create').pop()!;
	expect(logged.format).toBe('json');
	expect(await validateCreateBody(logged.body ?? {})).toEqual({ ok: true, issues: [] });
	expect((await validateCreateBody({ model: 'google/veo-3.1', prompt: 'p', seconds: '8', size: '1280x720' })).issues).toEqual(["seconds: not in the SDK's request schema"]);
	expect((await validateCreateBody({ model: 'google/veo-3.1', prompt: 'p', duration: '8' })).ok).toBe(false);
	expect((await validateCreateBody({ model: 'google/veo-3.1', frame_images: [{ image_url: { url: 'x' }, frame_type: 'first_frame' }] })).ok).toBe(false);
});

test('faults answer in the OpenRouter envelope (429 with Retry-After reaches the SDK as TooManyRequestsResponseError)', async () => {
	emu.setFaults([{ match: { kind: 'create' }, times: 2, fault: { type: 'status', status: 429, retryAfter: 1 } }]);
	const raw = await call(emu, 'POST', '/videos', { model: 'google/veo-3.1', prompt: 'p' });
	expect([raw.status, raw.headers['retry-after']]).toEqual([429, '1']);
	await judged(raw);
	const sdk = await sdkCall(emu.baseUrl, emu.apiKey, 'generate', { videoGenerationRequest: { model: 'google/veo-3.1', prompt: 'p' } });
	expect(sdk.error).toMatchObject({ name: 'TooManyRequestsResponseError', statusCode: 429 });
});

test("pollingUrlStyle 'relative' answers polling_url as a path, still valid for the SDK", async () => {
	emu.setOptions({ pollingUrlStyle: 'relative' });
	const r = await create({ model: 'google/veo-3.1', prompt: 'p' });
	expect(r.json.polling_url).toBe(`/api/v1/videos/${r.json.id}`);
	expect((await waitTerminal(r.json.id)).polling_url).toBe(`/api/v1/videos/${r.json.id}`);
});

test('an event is only sent for a finished job', async () => {
	emu.setOptions({ durationMs: 60000, webhook: { url: 'http://127.0.0.1:9/none', secret: 's' } });
	const r = await create({ model: 'google/veo-3.1', prompt: 'p' });
	await expect(emu.sendWebhook(r.json.id)).rejects.toThrow(/(pending|in_progress); events exist for terminal states only/);
});
