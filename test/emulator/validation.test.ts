// Every request validation rule answers 400 (or 401/404) with the OpenAI error envelope.
import { makePng } from '../fixtures/png';
import { jpegHeader, webpVp8xHeader } from '../fixtures/image-headers';
import { call, Emu, form, startEmulator } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('validation (openai profile)', () => {
	let emu: Emu;
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 100 });
	});
	afterAll(() => emu.close());

	const expectError = async (body: unknown, param: string | null, code?: string, path = '/videos') => {
		const r = await call(emu, 'POST', path, body);
		expect(r.status).toBe(400);
		expect(Object.keys(r.json.error).sort()).toEqual(['code', 'message', 'param', 'type']);
		expect(r.json.error.type).toBe('invalid_request_error');
		expect(r.json.error.param).toBe(param);
		if (code) expect(r.json.error.code).toBe(code);
		return r.json.error;
	};

	test.each([
		['missing prompt', {}, 'prompt', 'missing_required_parameter'],
		['empty prompt', { prompt: '' }, 'prompt', 'empty_string'],
		['prompt over 32000 chars', { prompt: 'x'.repeat(32001) }, 'prompt', 'string_above_max_length'],
		['prompt not a string', { prompt: 42 }, 'prompt', 'invalid_type'],
		['seconds as an integer', { prompt: 'p', seconds: 8 }, 'seconds', 'invalid_type'],
		['seconds 16 on create', { prompt: 'p', seconds: '16' }, 'seconds', 'invalid_value'],
		['seconds 5', { prompt: 'p', seconds: '5' }, 'seconds', 'invalid_value'],
		['size not in the enum', { prompt: 'p', size: '1344x768' }, 'size', 'invalid_value'],
		['pro size on sora-2', { prompt: 'p', model: 'sora-2', size: '1920x1080' }, 'size', 'invalid_value'],
		['unknown model', { prompt: 'p', model: 'veo-3' }, 'model', 'invalid_value'],
		['provider-prefixed model', { prompt: 'p', model: 'openai/sora-2' }, 'model', 'invalid_value'],
		['input_reference with both keys', { prompt: 'p', input_reference: { image_url: 'https://x/y.png', file_id: 'file-1' } }, 'input_reference', undefined],
		['input_reference with neither key', { prompt: 'p', input_reference: {} }, 'input_reference', undefined],
		['input_reference as a bare string', { prompt: 'p', input_reference: 'https://x/y.png' }, 'input_reference', 'invalid_type'],
		['image_url that is not a URL', { prompt: 'p', input_reference: { image_url: 'not a url' } }, 'input_reference.image_url', undefined],
		['unknown parameter', { prompt: 'p', quality: 'high' }, 'quality', 'unknown_parameter'],
	])('create: %s', async (_name, body, param, code) => {
		await expectError(body, param, code);
	});

	test('create accepts every valid combination', async () => {
		for (const model of ['sora-2', 'sora-2-2025-10-06', 'sora-2-2025-12-08']) {
			for (const size of ['720x1280', '1280x720', '1024x1792', '1792x1024']) {
				const r = await call(emu, 'POST', '/videos', { prompt: 'p', model, size, seconds: '12' });
				expect(r.status).toBe(200);
			}
		}
		for (const model of ['sora-2-pro', 'sora-2-pro-2025-10-06']) {
			for (const size of ['1920x1080', '1080x1920']) {
				expect((await call(emu, 'POST', '/videos', { prompt: 'p', model, size })).status).toBe(200);
			}
		}
		expect((await call(emu, 'POST', '/videos', { prompt: 'x'.repeat(32000) })).status).toBe(200);
		const ref = { prompt: 'p', input_reference: { file_id: 'file-123' } };
		expect((await call(emu, 'POST', '/videos', ref)).status).toBe(200);
		const url = { prompt: 'p', input_reference: { image_url: 'https://example.com/a.png' } };
		expect((await call(emu, 'POST', '/videos', url)).status).toBe(200);
	});

	test('multipart: a generated PNG reference of the right size is accepted', async () => {
		const png = makePng(1280, 720);
		const r = await call(emu, 'POST', '/videos', form({
			prompt: 'from a reference', size: '1280x720', seconds: '4',
			input_reference: { data: png, type: 'image/png', name: 'ref.png' },
		}));
		expect(r.status).toBe(200);
		expect(r.json.size).toBe('1280x720');
		expect(emu.requests().at(-1)!.body!.input_reference).toEqual({ filename: 'ref.png', contentType: 'image/png', size: png.length });
	});

	test('multipart: a PNG whose pixel size differs from size -> 400', async () => {
		const r = await call(emu, 'POST', '/videos', form({
			prompt: 'p', size: '720x1280', input_reference: { data: makePng(640, 480), type: 'image/png', name: 'ref.png' },
		}));
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({ param: 'input_reference', code: 'invalid_image_size' });
		expect(r.json.error.message).toContain('640x480');
	});

	test('multipart: JPEG and WebP sizes are read from their headers', async () => {
		const ok = async (data: Buffer, type: string, size: string) =>
			(await call(emu, 'POST', '/videos', form({ prompt: 'p', size, input_reference: { data, type, name: 'ref' } }))).status;
		expect(await ok(jpegHeader(1792, 1024), 'image/jpeg', '1792x1024')).toBe(200);
		expect(await ok(jpegHeader(1024, 1792), 'image/jpeg', '1792x1024')).toBe(400);
		expect(await ok(webpVp8xHeader(1024, 1792), 'image/webp', '1024x1792')).toBe(200);
		expect(await ok(webpVp8xHeader(720, 1280), 'image/webp', '1024x1792')).toBe(400);
	});

	test('multipart: a reference that is not jpeg/png/webp (by its bytes, not its name) -> 400', async () => {
		const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
		const r = await call(emu, 'POST', '/videos', form({ prompt: 'p', input_reference: { data: gif, type: 'image/png', name: 'ref.png' } }));
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({ param: 'input_reference', code: 'invalid_image_format' });
	});

	test('multipart: bracket keys for input_reference[file_id] / [image_url]', async () => {
		expect((await call(emu, 'POST', '/videos', form({ prompt: 'p', 'input_reference[file_id]': 'file-9' }))).status).toBe(200);
		const both = form({ prompt: 'p', 'input_reference[file_id]': 'file-9', 'input_reference[image_url]': 'https://x/y' });
		expect((await call(emu, 'POST', '/videos', both)).status).toBe(400);
	});

	test('image_url as a data URL is checked like an upload', async () => {
		const data = `data:image/png;base64,${makePng(720, 1280).toString('base64')}`;
		expect((await call(emu, 'POST', '/videos', { prompt: 'p', input_reference: { image_url: data } })).status).toBe(200);
		const wrong = `data:image/png;base64,${makePng(10, 10).toString('base64')}`;
		expect((await call(emu, 'POST', '/videos', { prompt: 'p', input_reference: { image_url: wrong } })).status).toBe(400);
	});

	test('multipart binary parts survive intact (CRLF and boundary-like bytes inside)', async () => {
		const png = makePng(720, 1280);
		// Append bytes that look like a delimiter start after the real image: sniffing still works.
		const tricky = Buffer.concat([png, Buffer.from('\r\n--not-the-boundary\r\n\x00\xff')]);
		const r = await call(emu, 'POST', '/videos', form({ prompt: 'p', input_reference: { data: tricky, type: 'image/png', name: 'r.png' } }));
		expect(r.status).toBe(200);
		expect(emu.requests().at(-1)!.body!.input_reference.size).toBe(tricky.length);
	});

	test('malformed bodies: invalid JSON, multipart without closing boundary, unsupported type', async () => {
		const { request } = await import('undici');
		const send = async (body: string, type: string) => {
			const res = await request(`${emu.baseUrl}/videos`, { method: 'POST', headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': type }, body });
			return { status: res.statusCode, json: (await res.body.json()) as any };
		};
		expect((await send('{"prompt":', 'application/json')).status).toBe(400);
		const mp = await send('--b\r\ncontent-disposition: form-data; name="prompt"\r\n\r\nhi', 'multipart/form-data; boundary=b');
		expect(mp.status).toBe(400);
		expect(mp.json.error.code).toBe('invalid_multipart');
		expect((await send('prompt=hi', 'text/csv')).status).toBe(415);
		expect((await send('prompt=hi', 'application/x-www-form-urlencoded')).status).toBe(200);
	});

	test('remix and edit validate the prompt too', async () => {
		await expectError({}, 'prompt', 'missing_required_parameter', '/videos/video_x/remix');
		await expectError({ video: { id: 'video_x' } }, 'prompt', 'missing_required_parameter', '/videos/edits');
		await expectError({ prompt: 'p' }, 'video', 'missing_required_parameter', '/videos/edits');
		await expectError({ prompt: 'p', video: 'video_x' }, 'video', 'invalid_type', '/videos/edits');
		await expectError({ prompt: 'p', video: {} }, 'video.id', 'missing_required_parameter', '/videos/edits');
	});

	test('content variant must be video, thumbnail or spritesheet', async () => {
		const v = (await call(emu, 'POST', '/videos', { prompt: 'p' })).json;
		const r = await call(emu, 'GET', `/videos/${v.id}/content?variant=poster`);
		expect(r.status).toBe(400);
		expect(r.json.error.param).toBe('variant');
	});

	test('acceptAnySize / acceptAnySeconds relax the enums', async () => {
		emu.setOptions({ acceptAnySize: true, acceptAnySeconds: true });
		try {
			const r = await call(emu, 'POST', '/videos', { prompt: 'p', size: '1344x768', seconds: '6' });
			expect(r.status).toBe(200);
			expect(r.json).toMatchObject({ size: '1344x768', seconds: '6' });
			expect((await call(emu, 'POST', '/videos', { prompt: 'p', size: 'big' })).status).toBe(400);
			expect((await call(emu, 'POST', '/videos', { prompt: 'p', seconds: 6 })).status).toBe(400);
		} finally {
			emu.setOptions({ acceptAnySize: false, acceptAnySeconds: false });
		}
	});
});
