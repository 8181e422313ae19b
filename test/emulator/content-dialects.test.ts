// Content that is not the bytes asked for (JSON {url} to another host, variant ignored,
// a 404 just after completion) and ids that hold '/', '+' and '='.
import { request } from 'undici';
import { call, completedVideo, createVideo, Emu, sleep, startEmulator, waitDone } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

const auth = (emu: Emu) => ({ authorization: `Bearer ${emu.apiKey}` });

describe('content dialects', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 100 });
	});
	afterAll(() => emu.close());
	beforeEach(() => emu.reset());

	test('contentUrl: JSON {"url"} to a second loopback host that records credentials', async () => {
		const v = await completedVideo(emu);
		emu.setFaults({ match: { kind: 'content' }, fault: { type: 'contentUrl' } });
		const r = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([r.status, r.headers['content-type']]).toEqual([200, 'application/json']);
		const url = new URL(r.json.url);
		expect(url.origin).not.toBe(emu.origin);
		expect(url.hostname).toBe('127.0.0.1');
		expect(url.pathname).toMatch(/^\/files\/[0-9a-f]+\.mp4$/);

		const clean = await request(r.json.url);
		expect([clean.statusCode, clean.headers['content-type']]).toEqual([200, 'video/mp4']);
		expect(Buffer.from(await clean.body.arrayBuffer()).toString('latin1', 4, 8)).toBe('ftyp');
		const leaky = await request(r.json.url, { headers: auth(emu) });
		await leaky.body.dump();
		const seen = emu.requests().filter((e) => e.kind === 'fileHost');
		expect(seen.map((e) => e.authSeen)).toEqual([false, true]);
		expect(seen.map((e) => e.keySeen)).toEqual([false, true]);
		expect(seen[1].headers.authorization).toBe('Bearer REDACTED'); // recorded, never the key
		expect(JSON.stringify(emu.requests())).not.toContain(emu.apiKey);
	});

	test('contentUrl per variant, other key, other hostname; unknown file is 404', async () => {
		const v = await completedVideo(emu);
		emu.setFaults({ match: { kind: 'content' }, fault: { type: 'contentUrl', key: 'data.video_url', hostname: 'localhost' } });
		const r = await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
		const url = new URL(r.json.data.video_url);
		expect(url.hostname).toBe('localhost');
		expect(url.pathname).toMatch(/\.webp$/);
		const thumb = await request(url.toString().replace('localhost', '127.0.0.1'));
		expect(thumb.headers['content-type']).toBe('image/webp');
		await thumb.body.dump();
		const missing = await request(`${url.origin.replace('localhost', '127.0.0.1')}/files/00.mp4`);
		expect(missing.statusCode).toBe(404);
		await missing.body.dump();
	});

	test('ignoreVariant: MP4 bytes for a thumbnail, with a true or a lying Content-Type', async () => {
		const v = await completedVideo(emu);
		emu.setFaults([
			{ match: { kind: 'content' }, times: 1, fault: { type: 'ignoreVariant' } },
			{ match: { kind: 'content' }, times: 1, fault: { type: 'ignoreVariant', contentType: 'image/webp' } },
		]);
		const a = await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
		expect([a.headers['content-type'], a.body.toString('latin1', 4, 8)]).toEqual(['video/mp4', 'ftyp']);
		const b = await call(emu, 'GET', `/videos/${v.id}/content?variant=spritesheet`);
		expect([b.headers['content-type'], b.body.toString('latin1', 4, 8)]).toEqual(['image/webp', 'ftyp']);
		const c = await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
		expect(c.body.toString('latin1', 0, 4)).toBe('RIFF');
	});

	test('contentLag: 404 for a while after completion, then the bytes', async () => {
		emu.setFaults({ match: { kind: 'content' }, fault: { type: 'contentLag', ms: 400 } });
		const v = await createVideo(emu);
		await waitDone(emu, v.id);
		const early = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect(early.status).toBe(404);
		expect(early.json.error.code).toBeNull();
		await sleep(450);
		const late = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([late.status, late.headers['content-type']]).toEqual([200, 'video/mp4']);
	});

	test('contentLag with another shape (an S3-style text 404)', async () => {
		emu.setFaults({ match: { kind: 'content' }, fault: { type: 'contentLag', ms: 5000, shape: 'text' } });
		const v = await completedVideo(emu);
		const r = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([r.status, r.headers['content-type']]).toEqual([404, 'text/plain; charset=utf-8']);
	});

	test.each(['litellm', 'litellm-unpadded'])('idStyle %s: ids with / + travel percent-encoded', async (idStyle) => {
		emu.setOptions({ idStyle });
		// helpers' waitDone sends the id raw, so wait by the clock (jobs take 100 ms)
		const done = async () => {
			const created = await createVideo(emu);
			await sleep(150);
			return created;
		};
		try {
			const v = await done();
			expect(v.id).toMatch(/^video_[A-Za-z0-9+/]+=*$/);
			expect(v.id).toContain('/');
			expect(v.id).toContain('+');
			expect(v.id.endsWith('=')).toBe(idStyle === 'litellm');
			const enc = encodeURIComponent(v.id);
			expect((await call(emu, 'GET', `/videos/${enc}`)).json.id).toBe(v.id);
			expect((await call(emu, 'GET', `/videos/${enc}/content`)).status).toBe(200);
			expect((await call(emu, 'POST', `/videos/${enc}/remix`, { prompt: 'again' })).status).toBe(200);
			expect((await call(emu, 'DELETE', `/videos/${enc}`)).json).toMatchObject({ id: v.id, deleted: true });
			// an id sent with a raw '/' does not reach the video
			const other = await done();
			expect((await call(emu, 'GET', `/videos/${other.id}`)).status).toBe(404);
			expect(emu.requests().at(-1)!.path).toContain(other.id.split('/')[0]);
		} finally {
			emu.setOptions({ idStyle: null });
		}
	});

	test('idStyle reseller: <model>-<digits>', async () => {
		emu.setOptions({ idStyle: 'reseller' });
		try {
			const v = await createVideo(emu);
			expect(v.id).toMatch(/^sora-2-\d{6,}$/);
			expect((await call(emu, 'GET', `/videos/${v.id}`)).json.id).toBe(v.id);
		} finally {
			emu.setOptions({ idStyle: null });
		}
		expect(() => emu.setOptions({ idStyle: 'nope' })).toThrow(/idStyle/);
	});

	test('contentRedirect: a 302 to another origin; the file host records what arrived', async () => {
		const v = await completedVideo(emu);
		emu.setFaults({ match: { kind: 'content' }, fault: { type: 'contentRedirect' } });
		const r = await request(`${emu.baseUrl}/videos/${v.id}/content?variant=spritesheet`, { headers: auth(emu) });
		await r.body.dump();
		expect(r.statusCode).toBe(302);
		const location = new URL(String(r.headers.location));
		expect(location.origin).not.toBe(emu.origin);
		expect(location.pathname).toMatch(/\.jpg$/);
		// fetch follows it and, crossing origins, drops Authorization
		const followed = await fetch(`${emu.baseUrl}/videos/${v.id}/content?variant=spritesheet`, { headers: auth(emu) });
		expect([followed.status, followed.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
		await followed.arrayBuffer();
		expect(emu.requests().filter((e) => e.kind === 'fileHost').map((e) => e.authSeen)).toEqual([false]);
	});

	test('rejectAuth: the file host refuses a request that carries credentials, as S3 does', async () => {
		const v = await completedVideo(emu);
		emu.setFaults({ match: { kind: 'content' }, fault: { type: 'contentUrl', rejectAuth: true } });
		const { url } = (await call(emu, 'GET', `/videos/${v.id}/content`)).json;
		const leaky = await request(url, { headers: auth(emu) });
		expect([leaky.statusCode, leaky.headers['content-type']]).toEqual([400, 'application/xml']);
		expect(await leaky.body.text()).toContain('Only one auth mechanism allowed');
		const clean = await request(url);
		expect([clean.statusCode, clean.headers['content-type']]).toEqual([200, 'video/mp4']);
		await clean.body.dump();
	});

	test('contentType: the right bytes under a generic type, or none', async () => {
		const v = await completedVideo(emu);
		emu.setFaults([
			{ match: { kind: 'content' }, times: 1, fault: { type: 'contentType', contentType: 'application/octet-stream' } },
			{ match: { kind: 'content' }, times: 1, fault: { type: 'contentType', contentType: '' } },
		]);
		const a = await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
		expect([a.headers['content-type'], a.body.toString('latin1', 8, 12)]).toEqual(['application/octet-stream', 'WEBP']);
		const b = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([b.headers['content-type'], b.body.toString('latin1', 4, 8)]).toEqual([undefined, 'ftyp']);
	});

	test('body on content: a 200 HTML page or a 200 JSON error instead of the bytes', async () => {
		const v = await completedVideo(emu);
		emu.setFaults([
			{ match: { kind: 'content' }, times: 1, fault: { type: 'body', shape: 'html' } },
			{ match: { kind: 'content' }, times: 1, fault: { type: 'body', body: { error: { message: 'quota exceeded' } } } },
		]);
		const a = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([a.status, a.headers['content-type']]).toEqual([200, 'text/html']);
		const b = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect([b.status, b.json]).toEqual([200, { error: { message: 'quota exceeded' } }]);
		expect(b.headers['content-disposition']).toBeUndefined();
	});
});
