// Remix, edit, extension and characters: sources, inheritance, and their errors.
import { call, completedVideo, createVideo, Emu, form, readMp4, startEmulator, waitDone } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('remix, edit, extend, characters', () => {
	let emu: Emu;
	let source: any;
	let mp4: Buffer;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 150 });
		source = await completedVideo(emu, { model: 'sora-2-pro', size: '1280x720', seconds: '8' });
		mp4 = (await call(emu, 'GET', `/videos/${source.id}/content`)).body;
	});
	afterAll(() => emu.close());

	test('remix (JSON) inherits model/size/seconds and points back at its source', async () => {
		const r = await call(emu, 'POST', `/videos/${source.id}/remix`, { prompt: 'now at night' });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			status: 'queued', prompt: 'now at night', model: 'sora-2-pro', size: '1280x720', seconds: '8',
			remixed_from_video_id: source.id,
		});
		expect(r.headers['openai-poll-after-ms']).toBeDefined();
		expect((await waitDone(emu, r.json.id)).status).toBe('completed');
		expect(emu.requests().find((e) => e.kind === 'remix')).toBeTruthy();
	});

	test('remix also accepts multipart', async () => {
		const r = await call(emu, 'POST', `/videos/${source.id}/remix`, form({ prompt: 'multipart remix' }));
		expect(r.status).toBe(200);
		expect(r.json.remixed_from_video_id).toBe(source.id);
	});

	test('remix/edit/extend of an unknown id -> 404', async () => {
		expect((await call(emu, 'POST', '/videos/video_missing/remix', { prompt: 'x' })).status).toBe(404);
		expect((await call(emu, 'POST', '/videos/edits', { prompt: 'x', video: { id: 'video_missing' } })).status).toBe(404);
		const ext = await call(emu, 'POST', '/videos/extensions', { prompt: 'x', seconds: '4', video: { id: 'video_missing' } });
		expect(ext.status).toBe(404);
		expect(ext.json.error.code).toBe('video_not_found');
	});

	test('remix/edit/extend of a source that is not completed -> 400 with a clear message', async () => {
		emu.setOptions({ durationMs: 60_000 }); // still running after three calls on a loaded machine
		const running = await createVideo(emu);
		emu.setOptions({ durationMs: 150 });
		for (const [path, body] of [
			[`/videos/${running.id}/remix`, { prompt: 'x' }],
			['/videos/edits', { prompt: 'x', video: { id: running.id } }],
			['/videos/extensions', { prompt: 'x', seconds: '4', video: { id: running.id } }],
		] as const) {
			const r = await call(emu, 'POST', path, body);
			expect(r.status).toBe(400);
			expect(r.json.error.code).toBe('video_not_completed');
			expect(r.json.error.message).toMatch(/queued|in_progress/);
		}
		const failed = await waitDone(emu, (await createVideo(emu, { prompt: 'FAIL_MODERATION' })).id);
		expect((await call(emu, 'POST', `/videos/${failed.id}/remix`, { prompt: 'x' })).status).toBe(400);
	});

	test('edit by id (JSON and multipart video[id]) sets remixed_from_video_id', async () => {
		const json = await call(emu, 'POST', '/videos/edits', { prompt: 'make it blue', video: { id: source.id } });
		expect(json.status).toBe(200);
		expect(json.json).toMatchObject({ remixed_from_video_id: source.id, size: '1280x720', seconds: '8', model: 'sora-2-pro' });
		const mp = await call(emu, 'POST', '/videos/edits', form({ prompt: 'make it red', 'video[id]': source.id }));
		expect(mp.status).toBe(200);
		expect(mp.json.remixed_from_video_id).toBe(source.id);
		expect(emu.requests().at(-1)).toMatchObject({ kind: 'edit', body: { video: { id: source.id } } });
	});

	test('edit of an uploaded video file reads its size and length', async () => {
		const r = await call(emu, 'POST', '/videos/edits', form({ prompt: 'edit upload', video: { data: mp4, type: 'video/mp4', name: 'in.mp4' } }));
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ size: '1280x720', seconds: '8', remixed_from_video_id: null });
		expect(emu.requests().at(-1)!.body!.video).toEqual({ filename: 'in.mp4', contentType: 'video/mp4', size: mp4.length });
	});

	test('an uploaded "video" that is not a video -> 400', async () => {
		const r = await call(emu, 'POST', '/videos/edits', form({ prompt: 'x', video: { data: Buffer.from('hello'), type: 'video/mp4', name: 'x.mp4' } }));
		expect(r.status).toBe(400);
		expect(r.json.error.param).toBe('video');
	});

	test('extension seconds is the stitched total, as a string', async () => {
		const r = await call(emu, 'POST', '/videos/extensions', { prompt: 'continue', seconds: '12', video: { id: source.id } });
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ seconds: '20', size: '1280x720', model: 'sora-2-pro' });
		const mp = await call(emu, 'POST', '/videos/extensions', form({ prompt: 'continue', seconds: '20', 'video[id]': source.id }));
		expect(mp.json.seconds).toBe('28');
		const up = await call(emu, 'POST', '/videos/extensions', form({ prompt: 'continue', seconds: '4', video: { data: mp4, type: 'video/mp4', name: 'in.mp4' } }));
		expect(up.json.seconds).toBe('12');
		// The stitched video really is that long.
		const done = await waitDone(emu, r.json.id);
		expect(readMp4((await call(emu, 'GET', `/videos/${done.id}/content`)).body).seconds).toBe(20);
	});

	test('extension seconds: 16 and 20 allowed, 6 and an integer rejected, missing rejected', async () => {
		const base = { prompt: 'continue', video: { id: source.id } };
		expect((await call(emu, 'POST', '/videos/extensions', { ...base, seconds: '16' })).status).toBe(200);
		for (const seconds of ['6', 8, undefined]) {
			const r = await call(emu, 'POST', '/videos/extensions', { ...base, seconds });
			expect(r.status).toBe(400);
			expect(r.json.error.param).toBe('seconds');
		}
	});

	test('characters: multipart create then get', async () => {
		const r = await call(emu, 'POST', '/videos/characters', form({ name: 'Captain Cat', video: { data: mp4, type: 'video/mp4', name: 'cat.mp4' } }));
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ id: expect.stringMatching(/^char_/), name: 'Captain Cat', created_at: expect.any(Number) });
		const g = await call(emu, 'GET', `/videos/characters/${r.json.id}`);
		expect(g.json).toEqual(r.json);
		expect(emu.requests().slice(-2).map((e) => e.kind)).toEqual(['character.create', 'character.get']);
	});

	test('characters: name 1..80, video required, multipart only', async () => {
		const video = { data: mp4, type: 'video/mp4', name: 'cat.mp4' };
		expect((await call(emu, 'POST', '/videos/characters', form({ name: 'x'.repeat(80), video }))).status).toBe(200);
		for (const name of ['', 'x'.repeat(81)]) {
			const r = await call(emu, 'POST', '/videos/characters', form({ name, video }));
			expect(r.status).toBe(400);
			expect(r.json.error.param).toBe('name');
		}
		expect((await call(emu, 'POST', '/videos/characters', form({ video }))).json.error.param).toBe('name');
		expect((await call(emu, 'POST', '/videos/characters', form({ name: 'a' }))).json.error.param).toBe('video');
		const json = await call(emu, 'POST', '/videos/characters', { name: 'a' });
		expect(json.status).toBe(400);
		expect(json.json.error.message).toContain('multipart');
	});
});
