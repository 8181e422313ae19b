// Fault rules for what real gateways and resellers send: other status words, other
// error bodies, malformed answers, renamed handles, millisecond timestamps, pages that
// ignore `after`, polling rate limits, and the raw request body in the log.
import { request } from 'undici';
import { call, completedVideo, createVideo, Emu, form, sleep, startEmulator, waitDone } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('dialect faults', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 150, queuedMs: 50, pollAfterMs: 10 });
	});
	afterAll(() => emu.close());
	beforeEach(() => {
		emu.reset();
		emu.setOptions({ durationMs: 150, queuedMs: 50, pollAfterMs: 10 });
	});

	test('429 on polling, repeated 40 times with Retry-After and retry-after-ms, then the job', async () => {
		const v = await createVideo(emu);
		emu.setFaults([{ match: { kind: 'get' }, times: 40, fault: { type: 'status', status: 429, retryAfter: 1, retryAfterMs: 20 } }]);
		for (let i = 0; i < 40; i++) {
			const r = await call(emu, 'GET', `/videos/${v.id}`);
			expect([r.status, r.headers['retry-after'], r.headers['retry-after-ms']]).toEqual([429, '1', '20']);
		}
		const ok = await call(emu, 'GET', `/videos/${v.id}`);
		expect([ok.status, ok.json.id]).toEqual([200, v.id]);
		expect(emu.requests().filter((e) => e.kind === 'get' && e.status === 429)).toHaveLength(40);
	});

	test('Retry-After may be an HTTP date', async () => {
		const date = new Date(Date.now() + 2000).toUTCString();
		emu.setFaults({ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfter: date } });
		const r = await call(emu, 'GET', '/videos/video_x');
		expect(r.headers['retry-after']).toBe(date);
	});

	test('statusMap renames the lifecycle words; list items are rewritten too', async () => {
		// Phases of a second each: a poll on a loaded machine still lands in every one.
		emu.setOptions({ durationMs: 2000, queuedMs: 1000 });
		emu.setFaults({ fault: { type: 'rewrite', statusMap: { queued: 'pending', in_progress: 'processing', completed: 'succeeded' } } });
		const v = await createVideo(emu);
		const seen = new Set<string>([v.status]);
		while (!seen.has('succeeded')) {
			seen.add((await call(emu, 'GET', `/videos/${v.id}`)).json.status);
			await sleep(10);
		}
		expect([...seen]).toEqual(['pending', 'processing', 'succeeded']);
		expect((await call(emu, 'GET', '/videos')).json.data[0].status).toBe('succeeded');
		expect(emu.jobs()[0].status).toBe('completed'); // the programmatic view is not rewritten
	});

	test.each(['cancelled', 'canceled', 'expired', 'success', 'rejected', 'NOT_START', 'error', 'weird_new_word'])(
		'set status %s on every poll',
		async (word) => {
			const v = await createVideo(emu);
			emu.setFaults({ match: { kind: 'get' }, fault: { type: 'rewrite', set: { status: word } } });
			await sleep(200);
			expect((await call(emu, 'GET', `/videos/${v.id}`)).json).toMatchObject({ id: v.id, status: word });
		},
	);

	test('a failed job whose error is a plain string, absent or null', async () => {
		const v = await createVideo(emu, { prompt: 'FAIL_MODERATION please' });
		await sleep(200);
		const poll = async (error: string) => {
			emu.setFaults({ match: { kind: 'get' }, times: 1, fault: { type: 'rewrite', whenStatus: 'failed', error } });
			return (await call(emu, 'GET', `/videos/${v.id}`)).json;
		};
		expect((await poll('string')).error).toBe('Your request was blocked by our moderation system.');
		const absent = await poll('absent');
		expect(absent.status).toBe('failed');
		expect(absent).not.toHaveProperty('error');
		expect((await poll('null')).error).toBeNull();
		// whenStatus leaves other jobs alone
		const ok = await completedVideo(emu);
		emu.setFaults({ match: { kind: 'get' }, fault: { type: 'rewrite', whenStatus: 'failed', error: 'absent' } });
		expect((await call(emu, 'GET', `/videos/${ok.id}`)).json.error).toBeNull();
	});

	test('timestamps in milliseconds', async () => {
		const v = await completedVideo(emu);
		emu.setFaults({ fault: { type: 'rewrite', timestamps: 'ms' } });
		const r = (await call(emu, 'GET', `/videos/${v.id}`)).json;
		expect(r.created_at).toBe(v.created_at * 1000 + 437);
		expect(r.completed_at).toBe(v.completed_at * 1000 + 437);
		expect(r.expires_at).toBe(v.expires_at * 1000 + 437);
		expect(Math.abs(r.created_at - Date.now())).toBeLessThan(5000);
	});

	test.each(['task_id', 'video_id', 'job_id', 'generation_id'])('create answers the handle as %s', async (key) => {
		emu.setFaults({ match: { kind: 'create' }, times: 1, fault: { type: 'rewrite', rename: { id: key } } });
		const r = await call(emu, 'POST', '/videos', { prompt: 'p' });
		expect(r.status).toBe(200);
		expect(r.json).not.toHaveProperty('id');
		expect(r.json[key]).toBe(emu.jobs()[0].id);
		// the handle works for polling
		expect((await call(emu, 'GET', `/videos/${r.json[key]}`)).json.id).toBe(r.json[key]);
	});

	test('wrap and unset: {"code":0,"data":{...}} and an object without id', async () => {
		emu.setFaults([
			{ match: { kind: 'create' }, times: 1, fault: { type: 'rewrite', rename: { id: 'task_id' }, wrap: 'data' } },
			{ match: { kind: 'get' }, times: 1, fault: { type: 'rewrite', unset: ['id'] } },
		]);
		const r = await call(emu, 'POST', '/videos', { prompt: 'p' });
		expect(r.json).toMatchObject({ code: 0, data: { task_id: expect.stringMatching(/^video_/) } });
		const g = await call(emu, 'GET', `/videos/${r.json.data.task_id}`);
		expect(g.status).toBe(200);
		expect(g.json).not.toHaveProperty('id');
		expect(g.json.status).toEqual(expect.any(String));
	});

	test('malformed 200 answers: empty, HTML, text, truncated JSON, null; the job lives on', async () => {
		const v = await createVideo(emu);
		const shapes = ['empty', 'html', 'text', 'truncatedJson', 'null'];
		emu.setFaults(shapes.map((shape) => ({ match: { kind: 'get' }, times: 1, fault: { type: 'body', shape } })));
		const got: Array<[number, string, string]> = [];
		for (const _ of shapes) {
			const res = await request(`${emu.baseUrl}/videos/${v.id}`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
			got.push([res.statusCode, String(res.headers['content-type'] ?? ''), await res.body.text()]);
		}
		expect(got[0]).toEqual([200, '', '']);
		expect(got[1][1]).toBe('text/html');
		expect(got[1][2]).toMatch(/^<html>[\s\S]*<h1>200 /);
		expect(got[2][1]).toMatch(/^text\/plain/);
		expect(got[3]).toEqual([200, 'application/json', '{"id":"video_']);
		expect(got[4]).toEqual([200, 'application/json', 'null']);
		expect((await call(emu, 'GET', `/videos/${v.id}`)).json.id).toBe(v.id);
	});

	test('an empty 200 on create: the job exists, the handle is lost', async () => {
		emu.setFaults({ match: { kind: 'create' }, times: 1, fault: { type: 'body', shape: 'empty' } });
		const r = await call(emu, 'POST', '/videos', { prompt: 'paid for' });
		expect([r.status, r.body.length]).toEqual([200, 0]);
		expect(emu.jobs().map((j) => j.prompt)).toEqual(['paid for']);
	});

	test('body fault with any status, raw body and content type', async () => {
		emu.setFaults({ match: { kind: 'get' }, times: 1, fault: { type: 'body', status: 202, body: { ok: true }, contentType: 'application/vnd.x+json' } });
		const res = await request(`${emu.baseUrl}/videos/video_x`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
		expect([res.statusCode, res.headers['content-type'], await res.body.text()]).toEqual([202, 'application/vnd.x+json', '{"ok":true}']);
	});

	test.each([
		['detail', 'application/json', (b: string) => expect(JSON.parse(b)).toEqual({ detail: 'No such video here.' })],
		['validation', 'application/json', (b: string) => expect(JSON.parse(b).detail[0]).toMatchObject({ loc: ['body', 'prompt'], msg: 'No such video here.' })],
		['errors', 'application/json', (b: string) => expect(JSON.parse(b)).toEqual({ errors: [{ field: 'prompt', message: 'No such video here.' }] })],
		['message', 'application/json', (b: string) => expect(JSON.parse(b)).toEqual({ message: 'No such video here.' })],
		['errorString', 'application/json', (b: string) => expect(JSON.parse(b)).toEqual({ error: 'No such video here.' })],
		['text', 'text/plain; charset=utf-8', (b: string) => expect(b).toBe('No such video here.')],
		['html', 'text/html', (b: string) => expect(b).toContain('<center><h1>404 Not Found</h1></center>')],
		['empty', '', (b: string) => expect(b).toBe('')],
	])('error bodies not in OpenAI shape: %s', async (shape, type, check) => {
		emu.setFaults({ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 404, shape, message: 'No such video here.' } });
		const res = await request(`${emu.baseUrl}/videos/video_x`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
		expect(res.statusCode).toBe(404);
		expect(String(res.headers['content-type'] ?? '')).toBe(type);
		check(await res.body.text());
	});

	test('nginx 502 page after the job was created (statusAfterCreate with shape html)', async () => {
		emu.setFaults({ match: { kind: 'create' }, times: 1, fault: { type: 'statusAfterCreate', status: 502, shape: 'html' } });
		const r = await call(emu, 'POST', '/videos', { prompt: 'p' });
		expect(r.status).toBe(502);
		expect(r.body.toString()).toContain('502 Bad Gateway');
		expect(emu.jobs()).toHaveLength(1);
	});

	test('ignoreAfter: the list answers the first page again', async () => {
		for (let i = 0; i < 4; i++) await createVideo(emu, { prompt: `v${i}` });
		const first = (await call(emu, 'GET', '/videos?limit=2')).json;
		expect(first.has_more).toBe(true);
		emu.setFaults({ match: { kind: 'list' }, fault: { type: 'ignoreAfter' } });
		const again = (await call(emu, 'GET', `/videos?limit=2&after=${first.last_id}`)).json;
		expect(again.data.map((x: any) => x.id)).toEqual(first.data.map((x: any) => x.id));
		expect(again.has_more).toBe(true);
		emu.setFaults([]);
		const next = (await call(emu, 'GET', `/videos?limit=2&after=${first.last_id}`)).json;
		expect(next.data[0].id).not.toBe(first.data[0].id);
	});

	test('openai-poll-after-ms: 0 is sent as 0', async () => {
		emu.setOptions({ pollAfterMs: 0 });
		const v = await createVideo(emu);
		expect((await call(emu, 'GET', `/videos/${v.id}`)).headers['openai-poll-after-ms']).toBe('0');
	});

	test('the raw request body is logged: JSON keeps \\n, multipart carries CRLF', async () => {
		await call(emu, 'POST', '/videos', { prompt: 'line one\nline two' });
		await call(emu, 'POST', '/videos', form({ prompt: 'line one\nline two' }));
		const [json, multi] = emu.requests().filter((e) => e.kind === 'create');
		expect(json.format).toBe('json');
		expect(Buffer.from(json.rawBody ?? '', 'base64').toString()).toBe('{"prompt":"line one\\nline two"}');
		expect(multi.format).toBe('multipart');
		expect(multi.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		const raw = Buffer.from(multi.rawBody ?? '', 'base64').toString();
		expect(raw).toContain('line one\r\nline two');
		expect(raw).not.toMatch(/line one\nline two/);
		expect(multi.body?.prompt).toBe('line one\r\nline two');
	});

	test('the prompt limit counts characters: 32000 emoji pass, 32001 do not', async () => {
		const ok = await call(emu, 'POST', '/videos', { prompt: '🎬'.repeat(32000) });
		expect(ok.status).toBe(200);
		const over = await call(emu, 'POST', '/videos', { prompt: '🎬'.repeat(32001) });
		expect([over.status, over.json.error.code]).toEqual([400, 'string_above_max_length']);
		expect(over.json.error.message).toContain('length 32001');
	});

	test('rewrite httpStatus and headers: a 202 create, a poll hint removed or garbled', async () => {
		emu.setFaults([
			{ match: { kind: 'create' }, times: 1, fault: { type: 'rewrite', httpStatus: 202, headers: { 'openai-poll-after-ms': null } } },
			{ match: { kind: 'get' }, times: 1, fault: { type: 'rewrite', headers: { 'openai-poll-after-ms': 'soon' } } },
		]);
		const r = await call(emu, 'POST', '/videos', { prompt: 'p' });
		expect([r.status, r.headers['openai-poll-after-ms'], r.json.status]).toEqual([202, undefined, 'queued']);
		expect((await call(emu, 'GET', `/videos/${r.json.id}`)).headers['openai-poll-after-ms']).toBe('soon');
	});
});
