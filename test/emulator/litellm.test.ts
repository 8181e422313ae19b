// The litellm profile: LiteLLM's proxy as its source shows it (base64 ids, its Video object, Veo's two status words, no DELETE, content that ignores variant, its error envelope).
import { request } from 'undici';
import { call, Emu, form, sleep, startEmulator } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

// LiteLLM's own decoding of its ids, written from its documented format.
function decode(id: string) {
	let b64 = id.slice('video_'.length);
	while (b64.length % 4) b64 += '=';
	const [p, m, ...v] = Buffer.from(b64, 'base64').toString('utf8').split(';');
	return { provider: p.replace('litellm:custom_llm_provider:', ''), modelId: m.replace('model_id:', ''), videoId: v.join(';').replace('video_id:', '') };
}

describe('profile litellm', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ profile: 'litellm', durationMs: 150, queuedMs: 50 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	const get = (id: string, suffix = '') => call(emu, 'GET', `/videos/${encodeURIComponent(id)}${suffix}`);
	async function finished(fields: Record<string, unknown> = {}) {
		const r = await call(emu, 'POST', '/videos', { prompt: 'a fox', ...fields });
		expect(r.status).toBe(200);
		await sleep(200);
		return r.json;
	}

	test('ids are video_ + base64 of provider, deployment and upstream id, holding / + =', async () => {
		const v = await finished({ model: 'openai/sora-2', size: '1344x768', seconds: '6' });
		expect(v.id).toMatch(/^video_[A-Za-z0-9+/]+={1,2}$/);
		expect(v.id).toContain('/');
		expect(v.id).toContain('+');
		const d = decode(v.id);
		expect(d.provider).toBe('openai');
		expect(d.modelId).toMatch(/^dep-/);
		expect(d.videoId).toMatch(/^video_[0-9a-f]{32}$/);
		expect(decode((await finished({ model: 'runwayml/gen4_turbo' })).id).provider).toBe('runwayml');
		expect(emu.baseUrl).toMatch(/\/v1$/);
	});

	test("LiteLLM's VideoObject: no prompt, usage, nulls present, the four OpenAI words", async () => {
		const created = (await call(emu, 'POST', '/videos', form({ prompt: 'a fox', model: 'openai/sora-2' }))).json;
		expect(created).not.toHaveProperty('prompt');
		expect(Object.keys(created).sort()).toEqual(
			['completed_at', 'created_at', 'error', 'expires_at', 'id', 'model', 'object', 'progress', 'remixed_from_video_id', 'seconds', 'size', 'status', 'usage'],
		);
		expect(created.usage).toEqual({ duration_seconds: 4 });
		expect(created.status).toBe('queued');
		await sleep(200);
		const done = (await get(created.id)).json;
		expect(done).toMatchObject({ status: 'completed', completed_at: expect.any(Number), error: null });
	});

	test('Veo behind it: processing then completed, and a failed job says completed too', async () => {
		const ok = (await call(emu, 'POST', '/videos', { prompt: 'a fox', model: 'gemini/veo-3.0-generate-preview' })).json;
		expect(ok).toMatchObject({ status: 'processing', model: 'gemini/veo-3.0-generate-preview', usage: { duration_seconds: 4 } });
		expect(decode(ok.id).videoId).toMatch(/^models\/veo-3\.0-generate-preview\/operations\//);
		expect((await get(ok.id)).json).toMatchObject({ status: 'processing', model: null, created_at: null });
		const bad = (await call(emu, 'POST', '/videos', { prompt: 'FAIL_MODERATION', model: 'gemini/veo-3.0-generate-preview' })).json;
		await sleep(200);
		expect((await get(ok.id)).json.status).toBe('completed');
		const failed = (await get(bad.id)).json;
		expect([failed.status, failed.error]).toEqual(['completed', null]);
		expect(emu.jobs().find((j) => j.id === bad.id)!.status).toBe('failed');
		const content = await get(bad.id, '/content');
		expect(content.status).toBe(500);
		expect(content.json.error).toMatchObject({ code: '500', message: expect.stringMatching(/^litellm\.InternalServerError: No response data/) });
		expect((await get(ok.id, '/content')).headers['content-type']).toBe('video/mp4');
	});

	test('content ignores variant: MP4 for a thumbnail, unquoted file name with the id', async () => {
		const v = await finished();
		for (const variant of ['video', 'thumbnail', 'spritesheet']) {
			const r = await get(v.id, `/content?variant=${variant}`);
			expect([r.status, r.headers['content-type'], r.body.toString('latin1', 4, 8)]).toEqual([200, 'video/mp4', 'ftyp']);
			expect(r.headers['content-disposition']).toBe(`attachment; filename=video_${v.id}.mp4`);
		}
	});

	test('no DELETE route: 405 {"detail"}, before auth; unknown routes 404 {"detail": "Not Found"}', async () => {
		const v = await finished();
		const del = await call(emu, 'DELETE', `/videos/${encodeURIComponent(v.id)}`, undefined, { auth: false });
		expect([del.status, del.json, del.headers.allow]).toEqual([405, { detail: 'Method Not Allowed' }, 'GET']);
		const unencoded = await call(emu, 'GET', `/videos/${v.id}`);
		expect([unencoded.status, unencoded.json]).toEqual([404, { detail: 'Not Found' }]);
		expect((await get(v.id)).status).toBe(200); // the video was not deleted
	});

	test("errors in LiteLLM's envelope: code is the status as a string", async () => {
		const missing = await get('video_bm9wZQ');
		expect(missing.status).toBe(404);
		expect(missing.json.error).toMatchObject({ code: '404', message: expect.stringMatching(/^litellm\.NotFoundError: /) });
		const bad = await call(emu, 'POST', '/videos', { prompt: '' });
		expect([bad.status, bad.json.error.code]).toEqual([400, '400']);
		const denied = await call(emu, 'GET', '/videos', undefined, { headers: { authorization: 'Bearer sk-wrong-key-1234' }, auth: false });
		expect(denied.status).toBe(401);
		expect(denied.json.error).toMatchObject({ type: 'auth_error', code: '401', message: expect.stringMatching(/^Authentication Error, /) });
		emu.setFaults({ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfter: 2 } });
		const limited = await get('video_x');
		expect([limited.status, limited.headers['retry-after'], limited.json.error.code]).toEqual([429, '2', '429']);
	});

	test('remix, edits and extensions accept the encoded id', async () => {
		const v = await finished();
		const remix = await call(emu, 'POST', `/videos/${encodeURIComponent(v.id)}/remix`, { prompt: 'again' });
		expect(remix.json).toMatchObject({ remixed_from_video_id: v.id });
		const edit = await call(emu, 'POST', '/videos/edits', { prompt: 'edit', video: { id: v.id } });
		expect(edit.status).toBe(200);
		const ext = await call(emu, 'POST', '/videos/extensions', { prompt: 'more', seconds: '4', video: { id: v.id } });
		expect(ext.status).toBe(200);
		for (const r of [remix, edit, ext]) expect(decode(r.json.id).provider).toBe('openai');
	});

	test('the admin health names the profile', async () => {
		const res = await request(`${emu.origin}/__emulator/health`);
		expect((await res.body.json() as any).profile).toBe('litellm');
	});
});
