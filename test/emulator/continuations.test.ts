// Continuation limits: each continuation adds at most 20 s, a video has at most 6, and the
// stitched video is at most 120 s, on the OpenAI contract (POST /videos/extensions) and on the
// openrouter profile (previous_job_id). The stitched MP4 really is as long as `seconds` says.
import { SERVER_TEST_MS } from '../fixtures/wait';
import { call, completedVideo, Emu, readMp4, startEmulator, waitDone } from './helpers';

jest.setTimeout(SERVER_TEST_MS); // each test waits on several emulator jobs

describe('continuation limits: OpenAI contract', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 100 });
	});
	afterAll(() => emu.close());
	afterEach(() => emu.setOptions({ acceptAnySeconds: false }));

	const extend = (id: string, seconds: string) => call(emu, 'POST', '/videos/extensions', { prompt: 'and then', seconds, video: { id } });

	async function chain(firstSeconds: string, steps: string[]) {
		let video = await completedVideo(emu, { seconds: firstSeconds, size: '1280x720' });
		for (const seconds of steps) {
			const r = await extend(video.id, seconds);
			expect(r.status).toBe(200);
			video = await waitDone(emu, r.json.id);
		}
		return video;
	}

	test('six extensions reach the stitched total; a seventh is refused', async () => {
		const video = await chain('4', ['4', '4', '4', '4', '4', '4']);
		expect(video.seconds).toBe('28');
		const r = await extend(video.id, '4');
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({ param: 'video', code: 'extension_limit_reached' });
		expect(r.json.error.message).toMatch(/at most 6 times/);
	});

	test('a stitched total over 120 s is refused; up to 120 s is served as an MP4 that long', async () => {
		const video = await chain('12', ['20', '20', '20', '20', '20']);
		expect(video.seconds).toBe('112');
		const over = await extend(video.id, '12');
		expect(over.status).toBe(400);
		expect(over.json.error).toMatchObject({ param: 'seconds', code: 'video_too_long' });
		const last = await waitDone(emu, (await extend(video.id, '8')).json.id);
		expect(last.seconds).toBe('120');
		expect(readMp4((await call(emu, 'GET', `/videos/${last.id}/content`)).body).seconds).toBe(120);
	});

	test('an extension over 20 s is refused even where any seconds are accepted', async () => {
		emu.setOptions({ acceptAnySeconds: true });
		const video = await completedVideo(emu, { seconds: '4' });
		const r = await extend(video.id, '24');
		expect(r.status).toBe(400);
		expect(r.json.error.param).toBe('seconds');
		expect(r.json.error.message).toMatch(/at most 20 seconds/);
	});
});

describe('continuation limits: openrouter profile (previous_job_id)', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ profile: 'openrouter', durationMs: 100, queuedMs: 20 });
	});
	afterAll(() => emu.close());

	async function done(id: string) {
		for (;;) {
			const r = await call(emu, 'GET', `/videos/${id}`);
			if (r.json.status !== 'pending' && r.json.status !== 'in_progress') return r.json;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
	}
	const create = (body: Record<string, unknown>) => call(emu, 'POST', '/videos', { model: 'google/veo-3.1', prompt: 'a', size: '1280x720', ...body });

	test('six continuations of 8 s stitch to 56 s; a seventh is refused', async () => {
		let id = (await create({ duration: 8 })).json.id;
		await done(id);
		for (let i = 0; i < 6; i++) {
			const r = await create({ duration: 8, previous_job_id: id });
			expect(r.status).toBe(202);
			id = r.json.id;
			expect((await done(id)).status).toBe('completed');
		}
		expect(readMp4((await call(emu, 'GET', `/videos/${id}/content`)).body).seconds).toBe(56);
		const refused = await create({ duration: 4, previous_job_id: id });
		expect(refused.status).toBe(400);
		expect(refused.json.error.message).toMatch(/at most 6 times/);
	});
});
