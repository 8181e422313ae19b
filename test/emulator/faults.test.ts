// Fault injection: each fault type, rule matching and counting.
import { request } from 'undici';
import { call, completedVideo, createVideo, Emu, startEmulator } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('faults', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 100 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	test('429 with Retry-After and retry-after-ms, for `times` requests only', async () => {
		emu.setFaults([{ match: { kind: 'create' }, times: 2, fault: { type: 'status', status: 429, retryAfter: 3, retryAfterMs: 2500 } }]);
		for (let i = 0; i < 2; i++) {
			const r = await call(emu, 'POST', '/videos', { prompt: 'p' });
			expect(r.status).toBe(429);
			expect(r.headers['retry-after']).toBe('3');
			expect(r.headers['retry-after-ms']).toBe('2500');
			expect(r.json.error).toMatchObject({ code: 'rate_limit_exceeded', message: expect.any(String), param: null });
			expect(r.json.error.type).toEqual(expect.any(String));
		}
		expect((await call(emu, 'POST', '/videos', { prompt: 'p' })).status).toBe(200);
		expect(emu.jobs()).toHaveLength(1); // the rejected creates made no job
		expect(emu.requests().map((e) => e.fault ?? null)).toEqual(['status', 'status', null]);
	});

	test.each([500, 502, 503, 504])('status %i with a server_error envelope', async (status) => {
		emu.setFaults([{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status } }]);
		const v = await createVideo(emu);
		const r = await call(emu, 'GET', `/videos/${v.id}`);
		expect(r.status).toBe(status);
		expect(r.json.error.type).toBe('server_error');
		expect((await call(emu, 'GET', `/videos/${v.id}`)).status).toBe(200);
	});

	test('reset destroys the socket without an answer and creates nothing', async () => {
		emu.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'reset' } }]);
		await expect(call(emu, 'POST', '/videos', { prompt: 'p' })).rejects.toThrow();
		expect(emu.jobs()).toHaveLength(0);
		expect((await call(emu, 'POST', '/videos', { prompt: 'p' })).status).toBe(200);
	});

	test('resetAfterCreate: the job exists although the client saw a reset', async () => {
		emu.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'resetAfterCreate' } }]);
		await expect(call(emu, 'POST', '/videos', { prompt: 'lost answer' })).rejects.toThrow();
		expect(emu.jobs()).toHaveLength(1);
		expect(emu.jobs()[0].prompt).toBe('lost answer');
	});

	test('statusAfterCreate: 502 answered, job created anyway', async () => {
		emu.setFaults({ match: { method: 'POST', path: '/videos' }, times: 1, fault: { type: 'statusAfterCreate', status: 502 } });
		const r = await call(emu, 'POST', '/videos', { prompt: 'p' });
		expect(r.status).toBe(502);
		expect(emu.jobs()).toHaveLength(1);
	});

	test('delay slows the answer', async () => {
		emu.setFaults([{ match: { kind: 'list' }, times: 1, fault: { type: 'delay', ms: 300 } }]);
		const t = Date.now();
		expect((await call(emu, 'GET', '/videos')).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(280);
		// times: 1 is used up; how fast the next answer comes is the machine's business, not the rule's.
		expect(emu.faults()).toEqual([]);
		expect((await call(emu, 'GET', '/videos')).status).toBe(200);
	});

	test('truncate: full Content-Length, partial body, then the connection drops', async () => {
		const v = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content', variant: 'video' }, times: 1, fault: { type: 'truncate', bytes: 1000 } }]);
		const res = await request(`${emu.baseUrl}/videos/${v.id}/content`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
		expect(res.statusCode).toBe(200);
		const length = Number(res.headers['content-length']);
		expect(length).toBeGreaterThan(1000);
		let got = 0;
		await expect(
			(async () => {
				for await (const chunk of res.body) got += chunk.length;
			})(),
		).rejects.toThrow();
		expect(got).toBe(1000);
		// the next download is whole
		const ok = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect(ok.body.length).toBe(length);
	});

	test('truncate without bytes cuts at half', async () => {
		const v = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'truncate' } }]);
		const res = await request(`${emu.baseUrl}/videos/${v.id}/content?variant=thumbnail`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
		const length = Number(res.headers['content-length']);
		let got = 0;
		await expect((async () => { for await (const c of res.body) got += c.length; })()).rejects.toThrow();
		expect(got).toBe(Math.floor(length / 2));
	});

	test('slow paces the whole body to bytesPerSec (a large MP4 over a slow link)', async () => {
		emu.setOptions({ mp4Bytes: 4_000_000 });
		const v = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'slow', bytesPerSec: 8_000_000 } }]);
		const t = Date.now();
		const slow = await call(emu, 'GET', `/videos/${v.id}/content`);
		const slowMs = Date.now() - t;
		expect(slow.status).toBe(200);
		expect(slow.body.length).toBe(4_000_000);
		expect(slowMs).toBeGreaterThanOrEqual(450); // 4 MB at 8 MB/s: 0.5 s at the least
		expect(emu.requests().at(-1)?.fault).toBe('slow');
		const whole = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect(whole.body.equals(slow.body)).toBe(true);
		expect(() => emu.setFaults([{ fault: { type: 'slow' } as never }])).toThrow(/bytesPerSec/);
	});

	test('notReady and expired faults answer the natural content errors on a completed job', async () => {
		const v = await completedVideo(emu);
		emu.setFaults([
			{ match: { kind: 'content' }, times: 1, fault: { type: 'notReady' } },
			{ match: { kind: 'content' }, times: 1, fault: { type: 'expired' } },
		]);
		const a = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([a.status, a.json.error.code]).toEqual([404, 'video_not_ready']);
		const b = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([b.status, b.json.error.code]).toEqual([404, 'video_expired']);
		expect(b.json.error.message).toContain('expired');
		expect((await call(emu, 'GET', `/videos/${v.id}/content`)).status).toBe(200);
	});

	test('rules match by path glob and by kind lists; first matching rule wins', async () => {
		const v = await createVideo(emu);
		emu.setFaults([
			{ match: { path: '/videos/*/content' }, fault: { type: 'status', status: 503 } },
			{ match: { kind: ['get', 'list'] }, times: 1, fault: { type: 'status', status: 500 } },
			{ match: { kind: 'get' }, fault: { type: 'status', status: 502 } },
		]);
		expect((await call(emu, 'GET', `/videos/${v.id}/content`)).status).toBe(503);
		expect((await call(emu, 'GET', `/videos/${v.id}/content`)).status).toBe(503);
		expect((await call(emu, 'GET', '/videos')).status).toBe(500);
		expect((await call(emu, 'GET', `/videos/${v.id}`)).status).toBe(502);
		expect((await call(emu, 'GET', '/models')).status).toBe(200);
		emu.setFaults([]);
		expect((await call(emu, 'GET', `/videos/${v.id}`)).status).toBe(200);
	});

	test('a malformed rule is refused', () => {
		// @ts-expect-error a fault type the emulator does not know, on purpose
		expect(() => emu.setFaults([{ match: {}, fault: { type: 'explode' } }])).toThrow(/fault/);
	});
});
