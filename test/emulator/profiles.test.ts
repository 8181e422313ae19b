// Azure and gateway flavours of the contract.
import { request } from 'undici';
import { makePng } from '../fixtures/png';
import { call, createVideo, Emu, form, sleep, startEmulator } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('profile azure', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ profile: 'azure', durationMs: 100 });
	});
	afterAll(() => emu.close());
	// Every test starts from no jobs and the options above, whatever the one before it set.
	beforeEach(() => {
		emu.reset();
		emu.setOptions({ profile: 'azure', durationMs: 100 });
	});

	const azure = (method: string, path: string, body?: unknown, key?: string) =>
		call(emu, method, path, body, { auth: false, headers: { 'api-key': key ?? emu.apiKey } });

	test('base URL ends in /openai/v1 and the api-key header authenticates', async () => {
		expect(emu.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
		const r = await azure('POST', '/videos', { prompt: 'p', seconds: '8' });
		expect(r.status).toBe(200);
		expect(Object.keys(r.json)).toHaveLength(13);
		expect(emu.requests().at(-1)!.headers['api-key']).toBe('REDACTED');
		expect((await azure('GET', `/videos/${r.json.id}?api-version=preview`)).status).toBe(200);
	});

	test('Bearer is not accepted, a wrong api-key is 401, /v1 is not served', async () => {
		expect((await call(emu, 'GET', '/videos')).status).toBe(401);
		expect((await azure('GET', '/videos', undefined, 'nope')).status).toBe(401);
		const v1 = await call(emu, 'GET', '/videos', undefined, { auth: false, headers: { 'api-key': emu.apiKey }, base: `${emu.origin}/v1` });
		expect(v1.status).toBe(404);
	});

	test('validation is as strict as openai', async () => {
		expect((await azure('POST', '/videos', { prompt: 'p', size: '1344x768' })).status).toBe(400);
		expect((await azure('POST', '/videos', { prompt: 'p', seconds: 4 })).status).toBe(400);
	});
});

describe('profile gateway', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ profile: 'gateway', durationMs: 600, queuedMs: 200 });
	});
	afterAll(() => emu.close());
	// Every test starts from no jobs and the options above, whatever the one before it set.
	beforeEach(() => {
		emu.reset();
		emu.setOptions({ profile: 'gateway', durationMs: 600, queuedMs: 200 });
	});

	test('accepts any WxH, any seconds and provider-prefixed models', async () => {
		for (const [model, size, seconds] of [
			['openai/sora-2', '1344x768', '6'],
			['azure/sora-2', '1280x720', '8'],
			['gemini/veo-3.0-generate-preview', '1920x1080', '5'],
			['sora-2', '640x360', 7],
		]) {
			const r = await call(emu, 'POST', '/videos', { prompt: 'p', model, size, seconds });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ model, size, seconds: String(seconds) });
		}
		expect((await call(emu, 'POST', '/videos', { prompt: 'p', model: 'unprefixed-unknown' })).status).toBe(400);
		expect((await call(emu, 'POST', '/videos', { prompt: 'p', size: 'huge' })).status).toBe(400);
		// reference images are not size-checked by gateways
		const r = await call(emu, 'POST', '/videos', form({ prompt: 'p', size: '1344x768', input_reference: { data: makePng(64, 64), type: 'image/png', name: 'r.png' } }));
		expect(r.status).toBe(200);
	});

	test('sparse objects and extra status words: NOT_START, queued, processing, completed', async () => {
		// Phases of a second each (NOT_START is the first half of queued): a poll on a loaded machine lands in every one.
		emu.setOptions({ durationMs: 3000, queuedMs: 2000 });
		const v = await createVideo(emu, { model: 'openai/sora-2', size: '1344x768', seconds: '6' });
		expect(v.status).toBe('NOT_START');
		expect(v).not.toHaveProperty('progress');
		expect(v).not.toHaveProperty('expires_at');
		expect(v).not.toHaveProperty('remixed_from_video_id');
		expect(v).toMatchObject({ id: expect.stringMatching(/^video_/), model: 'openai/sora-2' });
		const statuses = new Set<string>([v.status]);
		for (;;) {
			const r = await call(emu, 'GET', `/videos/${v.id}`);
			statuses.add(r.json.status);
			if (r.json.status === 'completed') break;
			await sleep(20);
		}
		expect([...statuses]).toEqual(['NOT_START', 'queued', 'processing', 'completed']);
		const list = await call(emu, 'GET', '/videos');
		expect(list.json.data[0]).not.toHaveProperty('progress');
		// the programmatic view stays complete
		expect(Object.keys(emu.jobs()[0])).toHaveLength(13);
	});

	test('content answers 302 to unauthenticated storage on the same server', async () => {
		emu.setOptions({ durationMs: 50 });
		const v = await createVideo(emu, { size: '1344x768', seconds: '6' });
		await sleep(80);
		const r = await request(`${emu.baseUrl}/videos/${v.id}/content`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
		await r.body.dump();
		expect(r.statusCode).toBe(302);
		const location = String(r.headers.location);
		expect(location).toMatch(new RegExp(`^${emu.origin}/storage/[0-9a-f]+\\.mp4$`));
		const file = await call(emu, 'GET', '', undefined, { auth: false, base: location });
		expect(file.status).toBe(200);
		expect(file.headers['content-type']).toBe('video/mp4');
		expect(file.body.toString('latin1', 4, 8)).toBe('ftyp');
		const thumb = await request(`${emu.baseUrl}/videos/${v.id}/content?variant=thumbnail`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
		await thumb.body.dump();
		expect(String(thumb.headers.location)).toMatch(/\.webp$/);
		expect((await call(emu, 'GET', '/storage/deadbeef.mp4', undefined, { auth: false, base: emu.origin })).status).toBe(404);
		expect(emu.requests().at(-1)!.kind).toBe('storage');
	});

	test('GET /models lists provider-prefixed models', async () => {
		const r = await call(emu, 'GET', '/models');
		const ids = r.json.data.map((m: any) => m.id);
		expect(ids).toEqual(expect.arrayContaining(['openai/sora-2', 'azure/sora-2', 'gemini/veo-3.0-generate-preview']));
		expect(r.json.data.find((m: any) => m.id === 'gemini/veo-3.0-generate-preview').owned_by).toBe('gemini');
	});
});
