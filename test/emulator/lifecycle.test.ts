// The Video object and its life: 13 keys, lazy status clock, failures, delete, logs.
import { call, createVideo, Emu, sleep, startEmulator, waitDone } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

const KEYS = [
	'id', 'object', 'model', 'status', 'progress', 'created_at', 'completed_at', 'expires_at',
	'prompt', 'size', 'seconds', 'remixed_from_video_id', 'error',
].sort();

describe('video lifecycle', () => {
	let emu: Emu;
	const START = { durationMs: 400, queuedMs: 100, pollAfterMs: 250, failPrompts: ['FAIL_MODERATION'] };
	beforeAll(async () => {
		emu = await startEmulator(START);
	});
	afterAll(() => emu.close());
	// Every test starts from no jobs and the options above, whatever the one before it set.
	beforeEach(() => {
		emu.reset();
		emu.setOptions(START);
	});

	test('create answers a queued Video object with exactly the 13 contract keys', async () => {
		const r = await call(emu, 'POST', '/videos', { prompt: 'a cat', model: 'sora-2-pro', size: '1920x1080', seconds: '8' });
		expect(r.status).toBe(200);
		expect(Object.keys(r.json).sort()).toEqual(KEYS);
		expect(r.json).toMatchObject({
			object: 'video', model: 'sora-2-pro', status: 'queued', progress: 0, prompt: 'a cat',
			size: '1920x1080', seconds: '8', completed_at: null, expires_at: null, remixed_from_video_id: null, error: null,
		});
		expect(r.json.id).toMatch(/^video_[0-9a-f]{32}$/);
		expect(Math.abs(r.json.created_at - Date.now() / 1000)).toBeLessThan(2);
		expect(r.headers['x-request-id']).toMatch(/^req_/);
		expect(r.headers['openai-poll-after-ms']).toBe('250');
	});

	test('defaults: sora-2, 720x1280, 4 seconds; multipart works like JSON', async () => {
		const fd = new (require('undici').FormData)();
		fd.append('prompt', 'multipart prompt');
		const r = await call(emu, 'POST', '/videos', fd);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ model: 'sora-2', size: '720x1280', seconds: '4', prompt: 'multipart prompt' });
		expect(emu.requests().at(-1)).toMatchObject({ kind: 'create', format: 'multipart', body: { prompt: 'multipart prompt' } });
	});

	test('status goes queued -> in_progress (progress rising) -> completed', async () => {
		// Phases of a second or more: a poll on a loaded machine still lands in every one.
		emu.setOptions({ durationMs: 2500, queuedMs: 1000 });
		const v = await createVideo(emu);
		const seen: Array<{ status: string; progress: number }> = [{ status: v.status, progress: v.progress }];
		for (;;) {
			const r = await call(emu, 'GET', `/videos/${v.id}`);
			expect(r.headers['openai-poll-after-ms']).toBe('250');
			seen.push({ status: r.json.status, progress: r.json.progress });
			if (r.json.status === 'completed') {
				expect(r.json.progress).toBe(100);
				expect(r.json.completed_at).toBeGreaterThanOrEqual(r.json.created_at);
				expect(r.json.expires_at).toBe(r.json.completed_at + 3600);
				break;
			}
			await sleep(30);
		}
		const statuses = [...new Set(seen.map((s) => s.status))];
		expect(statuses).toEqual(['queued', 'in_progress', 'completed']);
		const progress = seen.filter((s) => s.status === 'in_progress').map((s) => s.progress);
		expect(progress.length).toBeGreaterThan(2);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
		expect(progress[progress.length - 1]).toBeGreaterThan(progress[0]);
		expect(Math.max(...progress)).toBeLessThan(100);
	});

	test('a prompt containing FAIL_MODERATION ends failed with HTTP 200 and an error object', async () => {
		const v = await createVideo(emu, { prompt: 'please FAIL_MODERATION now' });
		expect(v.status).toBe('queued');
		const done = await waitDone(emu, v.id);
		expect(done).toMatchObject({ status: 'failed', completed_at: null, expires_at: null });
		expect(done.error).toEqual({ code: 'moderation_blocked', message: expect.any(String) });
		expect(Object.keys(done).sort()).toEqual(KEYS);
	});

	test('failPrompts option changes the trigger words', async () => {
		emu.setOptions({ failPrompts: ['nope'] });
		try {
			const a = await waitDone(emu, (await createVideo(emu, { prompt: 'FAIL_MODERATION is fine now' })).id);
			const b = await waitDone(emu, (await createVideo(emu, { prompt: 'nope' })).id);
			expect([a.status, b.status]).toEqual(['completed', 'failed']);
		} finally {
			emu.setOptions({ failPrompts: ['FAIL_MODERATION'] });
		}
	});

	test('pollAfterMs null sends no poll hint', async () => {
		emu.setOptions({ pollAfterMs: null });
		try {
			const v = await createVideo(emu);
			const r = await call(emu, 'GET', `/videos/${v.id}`);
			expect(r.headers['openai-poll-after-ms']).toBeUndefined();
		} finally {
			emu.setOptions({ pollAfterMs: 250 });
		}
	});

	test('jobs() lists stored objects in creation order; delete removes one', async () => {
		const a = await createVideo(emu);
		const b = await createVideo(emu);
		expect(emu.jobs().map((j) => j.id)).toEqual([a.id, b.id]);
		const del = await call(emu, 'DELETE', `/videos/${a.id}`);
		expect(del.status).toBe(200);
		expect(del.json).toEqual({ id: a.id, object: 'video.deleted', deleted: true });
		expect(emu.jobs().map((j) => j.id)).toEqual([b.id]);
		expect((await call(emu, 'GET', `/videos/${a.id}`)).status).toBe(404);
		expect((await call(emu, 'DELETE', `/videos/${a.id}`)).status).toBe(404);
	});

	test('unknown ids and paths answer 404 with the error envelope', async () => {
		const r = await call(emu, 'GET', '/videos/video_nope');
		expect(r.status).toBe(404);
		expect(r.json).toEqual({ error: { message: expect.stringContaining('video_nope'), type: 'invalid_request_error', param: null, code: 'video_not_found' } });
		const p = await call(emu, 'GET', '/nothing-here');
		expect(p.status).toBe(404);
		expect(p.json.error.message).toContain('Invalid URL');
		expect((await call(emu, 'GET', '/videos/characters/char_nope')).status).toBe(404);
	});

	test('the request log records kind, query and redacted auth headers', async () => {
		const v = await createVideo(emu);
		await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
		await call(emu, 'GET', '/videos?limit=2', undefined, { headers: { 'OpenAI-Project': 'proj_1' } });
		const log = emu.requests();
		expect(log.map((e) => e.kind)).toEqual(['create', 'content', 'list']);
		expect(log[1]).toMatchObject({ method: 'GET', path: `/v1/videos/${v.id}/content`, query: { variant: 'thumbnail' } });
		expect(typeof log[0].at).toBe('number');
		for (const e of log) {
			expect(e.headers.authorization).toBe('Bearer REDACTED');
			expect(JSON.stringify(e)).not.toContain(emu.apiKey);
			expect(e.authOk).toBe(true);
		}
		expect(log[2].headers['openai-project']).toBe('proj_1');
	});

	test('401 for a missing or wrong key, and the wrong key is not echoed whole', async () => {
		const none = await call(emu, 'GET', '/videos', undefined, { auth: false });
		expect(none.status).toBe(401);
		expect(none.json.error.type).toBe('invalid_request_error');
		const wrong = await call(emu, 'GET', '/videos', undefined, { auth: false, headers: { authorization: 'Bearer sk-wrong-key-123456' } });
		expect(wrong.status).toBe(401);
		expect(wrong.json.error.code).toBe('invalid_api_key');
		expect(wrong.body.toString()).not.toContain('sk-wrong-key-123456');
		expect(emu.requests().at(-1)!.headers.authorization).toBe('Bearer REDACTED');
	});

	test('GET /models lists the sora models', async () => {
		const r = await call(emu, 'GET', '/models');
		expect(r.status).toBe(200);
		expect(r.json.object).toBe('list');
		expect(r.json.data.map((m: any) => m.id)).toEqual(['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08']);
		expect(r.json.data[0]).toEqual({ id: 'sora-2', object: 'model', created: expect.any(Number), owned_by: 'system' });
	});
});
