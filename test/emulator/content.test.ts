// Content downloads: the three variants, real media (checked by structure and,
// when installed, by ffprobe/dwebp), large padded MP4s, not-ready and expired.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { boxes, call, completedVideo, createVideo, Emu, readMp4, sleep, startEmulator, tool } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

const FFPROBE = tool('ffprobe');
const DWEBP = tool('dwebp');
// npm test installs both (scripts/media-tools.sh); in CI a missing tool fails the suite rather than skipping checks.
if (process.env.CI && (!FFPROBE || !DWEBP)) {
	throw new Error(`CI=${process.env.CI} but ${!FFPROBE ? 'ffprobe' : 'dwebp'} is missing: run scripts/media-tools.sh (apt-get install -y ffmpeg webp)`);
}
if (!FFPROBE) console.warn('ffprobe not found: MP4 playback checks are skipped (structure is still asserted). Install with: apt-get install -y ffmpeg');
if (!DWEBP) console.warn('dwebp not found: WebP decode check is skipped. Install with: apt-get install -y webp');

jest.setTimeout(SERVER_TEST_MS); // media checks spawn ffprobe and stream hundreds of MB

describe('content', () => {
	let emu: Emu;
	let dir: string;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 100 });
		dir = mkdtempSync(join(tmpdir(), 'sora-emu-'));
	});
	afterAll(async () => {
		await emu.close();
		rmSync(dir, { recursive: true, force: true });
	});

	test('video: a playable MP4 with the job duration and frame size', async () => {
		const v = await completedVideo(emu, { size: '1280x720', seconds: '8' });
		const r = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('video/mp4');
		expect(Number(r.headers['content-length'])).toBe(r.body.length);
		expect(r.headers['x-request-id']).toMatch(/^req_/);
		const mp4 = readMp4(r.body);
		expect(mp4.topTypes).toEqual(['ftyp', 'moov', 'mdat']);
		expect(mp4).toMatchObject({ seconds: 8, width: 1280, height: 720, sampleEntry: 'mp4v', firstSampleIsJpeg: true });
		expect(mp4.samples).toBeGreaterThanOrEqual(2);
		// variant=video is the default and the same bytes
		const explicit = await call(emu, 'GET', `/videos/${v.id}/content?variant=video`);
		expect(explicit.body.equals(r.body)).toBe(true);
	});

	const probeCases: Array<[string, string, string]> = [
		['sora-2', '720x1280', '4'],
		['sora-2-pro', '1920x1080', '12'],
	];
	(FFPROBE ? test.each(probeCases) : test.skip.each(probeCases))('ffprobe reads %s %s %ss', async (model, size, seconds) => {
		const v = await completedVideo(emu, { model, size, seconds });
		const file = join(dir, `${v.id}.mp4`);
		writeFileSync(file, (await call(emu, 'GET', `/videos/${v.id}/content`)).body);
		const out = JSON.parse(
			execFileSync(FFPROBE!, ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,width,height', '-of', 'json', file]).toString(),
		);
		const [w, h] = size.split('x').map(Number);
		expect(out.streams[0]).toMatchObject({ codec_type: 'video', width: w, height: h });
		expect(Number(out.format.duration)).toBeCloseTo(Number(seconds), 2);
		// every frame decodes
		execFileSync(join(FFPROBE!, '..', 'ffmpeg'), ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);
	});

	test('thumbnail: image/webp (lossless VP8L) with the video aspect ratio', async () => {
		const v = await completedVideo(emu, { size: '1280x720' });
		const r = await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('image/webp');
		expect(Number(r.headers['content-length'])).toBe(r.body.length);
		expect(r.body.toString('latin1', 0, 4)).toBe('RIFF');
		expect(r.body.readUInt32LE(4)).toBe(r.body.length - 8);
		expect(r.body.toString('latin1', 8, 16)).toBe('WEBPVP8L');
		const bits = r.body.readUInt32LE(21);
		const [w, h] = [(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1];
		expect(w / h).toBeCloseTo(1280 / 720, 1);
		if (DWEBP) {
			const file = join(dir, 'thumb.webp');
			writeFileSync(file, r.body);
			const out = execFileSync(DWEBP, [file, '-o', join(dir, 'thumb.png')], { stdio: 'pipe' });
			expect(out).toBeDefined();
		}
	});

	test('spritesheet: a baseline JPEG', async () => {
		const v = await completedVideo(emu, { size: '720x1280', seconds: '8' });
		const r = await call(emu, 'GET', `/videos/${v.id}/content?variant=spritesheet`);
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('image/jpeg');
		expect(Number(r.headers['content-length'])).toBe(r.body.length);
		expect([r.body[0], r.body[1]]).toEqual([0xff, 0xd8]);
		expect([r.body.at(-2), r.body.at(-1)]).toEqual([0xff, 0xd9]);
		expect(r.body.indexOf(Buffer.from([0xff, 0xc0]))).toBeGreaterThan(0);
		if (FFPROBE) {
			const file = join(dir, 'sprite.jpg');
			writeFileSync(file, r.body);
			const out = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]).toString();
			expect(out.trim()).toBe('mjpeg');
		}
	});

	test('not-ready content answers 404 code video_not_ready; failed jobs 404 video_failed', async () => {
		emu.setOptions({ durationMs: 2000 });
		const v = await createVideo(emu);
		emu.setOptions({ durationMs: 100 });
		const r = await call(emu, 'GET', `/videos/${v.id}/content`);
		expect(r.status).toBe(404);
		expect(r.json.error).toMatchObject({ type: 'invalid_request_error', code: 'video_not_ready' });
		expect(r.json.error.message).toContain('not ready');
		const failed = await completedVideo(emu, { prompt: 'FAIL_MODERATION' });
		const f = await call(emu, 'GET', `/videos/${failed.id}/content`);
		expect(f.status).toBe(404);
		expect(f.json.error.code).toBe('video_failed');
	});

	test('content after expires_at answers 404 code video_expired ("expired" in the message)', async () => {
		emu.setOptions({ assetTtlSec: 0.3 });
		try {
			const v = await completedVideo(emu);
			expect(v.expires_at).toBeGreaterThanOrEqual(v.completed_at);
			expect((await call(emu, 'GET', `/videos/${v.id}/content`)).status).toBe(200);
			await sleep(350);
			const r = await call(emu, 'GET', `/videos/${v.id}/content?variant=thumbnail`);
			expect(r.status).toBe(404);
			expect(r.json.error.code).toBe('video_expired');
			expect(r.json.error.message).toContain('expired');
			// the job itself is still there and completed
			expect((await call(emu, 'GET', `/videos/${v.id}`)).json.status).toBe('completed');
		} finally {
			emu.setOptions({ assetTtlSec: 3600 });
		}
	});

	test('mp4Bytes pads the MP4 to an exact size and it stays a valid MP4 (server memory: see cli.test.ts)', async () => {
		const size = 200 * 1024 * 1024;
		emu.setOptions({ mp4Bytes: size });
		try {
			const v = await completedVideo(emu, { size: '1280x720', seconds: '4' });
			const res = await request(`${emu.baseUrl}/videos/${v.id}/content`, { headers: { authorization: `Bearer ${emu.apiKey}` } });
			expect(Number(res.headers['content-length'])).toBe(size);
			let total = 0;
			let head: Buffer | null = null;
			for await (const chunk of res.body) {
				if (!head) head = Buffer.from(chunk);
				else if (head.length < 1 << 20) head = Buffer.concat([head, chunk]);
				total += chunk.length;
			}
			expect(total).toBe(size);
			const top = boxes(head!).map((b) => [b.type, b.size]);
			expect(top.slice(0, 3).map((t) => t[0])).toEqual(['ftyp', 'moov', 'mdat']);
			const free = top.find((t) => t[0] === 'free')!;
			expect(top.reduce((n, t) => n + (t[1] as number), 0)).toBe(size);
			expect(free[1]).toBeGreaterThan(size - 2 * 1024 * 1024);
		} finally {
			emu.setOptions({ mp4Bytes: null });
		}
	});

	(FFPROBE ? test : test.skip)('a padded MP4 still probes with the right duration, for tiny and big gaps', async () => {
		const v = await completedVideo(emu, { size: '720x1280', seconds: '4' });
		const plain = (await call(emu, 'GET', `/videos/${v.id}/content`)).body.length;
		for (const pad of [3, 8, 5 * 1024 * 1024]) {
			emu.setOptions({ mp4Bytes: plain + pad });
			const body = (await call(emu, 'GET', `/videos/${v.id}/content`)).body;
			expect(body.length).toBe(plain + pad);
			const file = join(dir, `pad${pad}.mp4`);
			writeFileSync(file, body);
			const d = execFileSync(FFPROBE!, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString();
			expect(Number(d)).toBeCloseTo(4, 2);
		}
		emu.setOptions({ mp4Bytes: null });
	});
});
