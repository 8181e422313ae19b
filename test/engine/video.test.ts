// Video operations, run by n8n-core's WorkflowExecute with the built node against the emulator.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, runWorkflow, type RunResult, type RunWorkflowOptions } from '../harness';
import {
	FAST_OPTIONS,
	completedVideo,
	emulatorContent,
	emulatorJson,
	soraNode,
	useEmulator,
	type RequestLogEntry,
} from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

const VIDEO_KEYS = [
	'completed_at',
	'created_at',
	'error',
	'expires_at',
	'id',
	'model',
	'object',
	'progress',
	'prompt',
	'remixed_from_video_id',
	'seconds',
	'size',
	'status',
];
/** What the node puts out: the contract's Video object plus its output state. */
const OUTPUT_KEYS = [...VIDEO_KEYS, 'state'].sort();

function ok(result: RunResult, node = 'Sora'): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	return result.outputs[node];
}

describe('video operations (engine)', () => {
	const ctx = useEmulator();
	const run = (parameters: IDataObject, extra: Partial<RunWorkflowOptions> = {}) =>
		runWorkflow({ nodes: [soraNode(parameters)], credentials: ctx.credentials(), ...extra });

	async function expectMp4(item: INodeExecutionData, videoId: string, key = 'data') {
		const binary = item.binary?.[key];
		expect(binary).toBeDefined();
		expect(binary!.mimeType).toBe('video/mp4');
		expect(binary!.fileName).toBe(`${videoId}.mp4`);
		const served = await emulatorContent(ctx.emulator, videoId, 'video');
		const bytes = await binaryBuffer(item, key);
		expect(bytes.length).toBe(served.bytes.length);
		expect(bytes.equals(served.bytes)).toBe(true);
	}

	describe('create', () => {
		it('without waiting returns the queued job at once', async () => {
			const items = ok(await run({ operation: 'create', prompt: 'a red fox in snow', waitForCompletion: false }));
			expect(items).toHaveLength(1);
			const video = items[0].json;
			expect(Object.keys(video).sort()).toEqual(OUTPUT_KEYS);
			expect(['queued', 'in_progress']).toContain(video.state);
			expect(video.object).toBe('video');
			expect(['queued', 'in_progress']).toContain(video.status);
			expect(video.prompt).toBe('a red fox in snow');
			expect(video.model).toBe('sora-2');
			expect(video.seconds).toBe('4');
			expect(video.size).toBe('720x1280');
			expect(items[0].binary).toBeUndefined();
			expect(items[0].pairedItem).toEqual({ item: 0 });
		});

		it('sends the chosen model, seconds and size as strings', async () => {
			const items = ok(
				await run({
					operation: 'create',
					prompt: 'city at night',
					model: { __rl: true, mode: 'id', value: 'sora-2-pro' },
					seconds: '8',
					size: '1792x1024',
					waitForCompletion: false,
				}),
			);
			expect(items[0].json).toMatchObject({ model: 'sora-2-pro', seconds: '8', size: '1792x1024' });
		});

		it.each(['default', 'filesystem'] as const)(
			'with wait returns the completed job and its MP4 (%s binary mode)',
			async (binaryMode) => {
				const result = await run({ operation: 'create', prompt: 'waves on a beach', options: FAST_OPTIONS }, { binaryMode });
				const [item] = ok(result);
				expect(item.json.status).toBe('completed');
				expect(item.json.progress).toBe(100);
				expect(Object.keys(item.json).sort()).toEqual(OUTPUT_KEYS);
				expect(item.json.state).toBe('completed');
				await expectMp4(item, item.json.id as string);
				if (binaryMode === 'filesystem') expect(item.binary!.data.id).toMatch(/^filesystem-v2:/);
			},
		);

		it('puts the MP4, thumbnail and spritesheet in the fields asked for', async () => {
			const [item] = ok(
				await run({
					operation: 'create',
					prompt: 'a hot air balloon',
					binaryPropertyName: 'clip',
					options: {
						...FAST_OPTIONS,
						downloadThumbnail: true,
						thumbnailBinaryPropertyName: 'thumb',
						downloadSpritesheet: true,
					},
				}),
			);
			const id = item.json.id as string;
			expect(Object.keys(item.binary ?? {}).sort()).toEqual(['clip', 'spritesheet', 'thumb']);
			await expectMp4(item, id, 'clip');
			expect(item.binary!.thumb).toMatchObject({ mimeType: 'image/webp', fileName: `${id}.webp` });
			expect(item.binary!.spritesheet).toMatchObject({ mimeType: 'image/jpeg', fileName: `${id}.jpg` });
			expect((await binaryBuffer(item, 'thumb')).equals((await emulatorContent(ctx.emulator, id, 'thumbnail')).bytes)).toBe(
				true,
			);
		});

		it('with Download Video off returns the completed job without binary', async () => {
			const [item] = ok(
				await run({ operation: 'create', prompt: 'a quiet forest', options: { ...FAST_OPTIONS, downloadVideo: false } }),
			);
			expect(item.json.status).toBe('completed');
			expect(item.binary).toBeUndefined();
		});
	});

	describe('remix, edit, extend', () => {
		let source: IDataObject;
		beforeAll(async () => {
			source = await completedVideo(ctx.emulator, 'a boat on a river');
			expect(source.status).toBe('completed');
		});

		it('remix waits for the new job and downloads it', async () => {
			const [item] = ok(
				await run({ operation: 'remix', videoId: source.id, prompt: 'same, at sunset', options: FAST_OPTIONS }),
			);
			expect(item.json).toMatchObject({ status: 'completed', remixed_from_video_id: source.id, prompt: 'same, at sunset' });
			expect(item.json.id).not.toBe(source.id);
			await expectMp4(item, item.json.id as string);
		});

		it('remix without waiting returns the started job', async () => {
			const [item] = ok(await run({ operation: 'remix', videoId: source.id, prompt: 'in winter', waitForCompletion: false }));
			expect(item.json.remixed_from_video_id).toBe(source.id);
			expect(item.binary).toBeUndefined();
		});

		it('edit from a video id', async () => {
			const [item] = ok(
				await run({ operation: 'edit', videoSource: 'id', videoId: source.id, prompt: 'make it snow', options: FAST_OPTIONS }),
			);
			expect(item.json.status).toBe('completed');
			expect(item.json.prompt).toBe('make it snow');
			await expectMp4(item, item.json.id as string);
			const request = lastRequest('POST', '/videos/edits');
			expect(request).toBeDefined();
		});

		it('extend from a video id adds seconds to the source', async () => {
			const [item] = ok(
				await run({
					operation: 'extend',
					videoSource: 'id',
					videoId: source.id,
					prompt: 'the boat sails on',
					seconds: '8',
					options: FAST_OPTIONS,
				}),
			);
			expect(item.json.status).toBe('completed');
			expect(Number(item.json.seconds)).toBe(Number(source.seconds) + 8);
			await expectMp4(item, item.json.id as string);
		});

		it.each(['edit', 'extend'])('%s from an input binary video (uploaded as a file)', async (operation) => {
			const mp4 = (await emulatorContent(ctx.emulator, source.id as string, 'video')).bytes;
			const [item] = ok(
				await run(
					{
						operation,
						videoSource: 'binary',
						videoBinaryProperty: 'source',
						prompt: 'continue the scene',
						...(operation === 'extend' ? { seconds: '4' } : {}),
						options: FAST_OPTIONS,
					},
					{ inputItems: [{ json: {}, binary: { source: { data: mp4, mimeType: 'video/mp4', fileName: 'in.mp4' } } }] },
				),
			);
			expect(item.json.status).toBe('completed');
			expect(item.json.size).toBe(source.size);
			await expectMp4(item, item.json.id as string);
			const request = lastRequest('POST', `/videos/${operation === 'edit' ? 'edits' : 'extensions'}`);
			expect(String(request?.headers['content-type'] ?? '')).toMatch(/multipart\/form-data/);
		});
	});

	describe('get, delete, download, wait', () => {
		let done: IDataObject;
		beforeAll(async () => {
			done = await completedVideo(ctx.emulator, 'a snail on a leaf');
		});

		it('get returns the video object', async () => {
			const [item] = ok(await run({ operation: 'get', videoId: done.id }));
			// The server's object as served, plus the output state.
			expect(item.json).toEqual({ ...(await emulatorJson(ctx.emulator, 'GET', `/videos/${String(done.id)}`)), state: 'completed' });
		});

		it.each([
			['video', 'video/mp4', 'mp4'],
			['thumbnail', 'image/webp', 'webp'],
			['spritesheet', 'image/jpeg', 'jpg'],
		])('download %s gives %s bytes equal to the served file', async (variant, mimeType, ext) => {
			const [item] = ok(await run({ operation: 'download', videoId: done.id, variant, binaryPropertyName: 'file' }));
			const served = await emulatorContent(ctx.emulator, done.id as string, variant as 'video');
			expect(item.binary!.file).toMatchObject({ mimeType, fileName: `${String(done.id)}.${ext}` });
			expect((await binaryBuffer(item, 'file')).equals(served.bytes)).toBe(true);
			expect(item.json).toMatchObject({ id: done.id, variant, mimeType, bytes: served.bytes.length });
		});

		it('wait for an existing id that is still running', async () => {
			const started = await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: 'a lighthouse', seconds: '4' });
			expect(started.status).not.toBe('completed');
			const [item] = ok(await run({ operation: 'wait', videoId: started.id, options: FAST_OPTIONS }));
			expect(item.json).toMatchObject({ id: started.id, status: 'completed' });
			await expectMp4(item, started.id as string);
		});

		it('wait for an id that is already completed downloads at once', async () => {
			const [item] = ok(await run({ operation: 'wait', videoId: done.id, options: FAST_OPTIONS }));
			expect(item.json.status).toBe('completed');
			await expectMp4(item, done.id as string);
		});

		it('delete removes the video', async () => {
			const victim = await completedVideo(ctx.emulator, 'to be deleted');
			const [item] = ok(await run({ operation: 'delete', videoId: victim.id }));
			expect(item.json).toMatchObject({ id: victim.id, deleted: true });
			await expect(emulatorJson(ctx.emulator, 'GET', `/videos/${String(victim.id)}`)).rejects.toThrow(/404/);
		});
	});

	describe('list', () => {
		const TOTAL = 105; // more than the largest page (100), so Return All must follow the cursor
		let ids: string[];
		beforeAll(async () => {
			ctx.emulator.reset();
			ids = [];
			for (let i = 0; i < TOTAL; i++) {
				const video = await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: `clip ${i}`, seconds: '4' });
				ids.push(video.id as string);
			}
		});

		it('Return All follows the cursor across pages', async () => {
			const before = listRequests().length;
			const items = ok(await run({ operation: 'list', returnAll: true, order: 'asc' }));
			expect(items.map((i) => i.json.id)).toEqual(ids);
			expect(items.every((i) => i.json.object === 'video')).toBe(true);
			const pages = listRequests().slice(before);
			expect(pages.length).toBeGreaterThanOrEqual(2);
		});

		it('Return All newest first', async () => {
			const items = ok(await run({ operation: 'list', returnAll: true, order: 'desc' }));
			expect(items.map((i) => i.json.id)).toEqual([...ids].reverse());
		});

		it('Limit returns that many, newest first by default', async () => {
			const items = ok(await run({ operation: 'list', returnAll: false, limit: 7 }));
			expect(items.map((i) => i.json.id)).toEqual([...ids].reverse().slice(0, 7));
			expect(items.every((i) => JSON.stringify(i.pairedItem) === '{"item":0}')).toBe(true);
		});

		it('Limit larger than a page still pages', async () => {
			const items = ok(await run({ operation: 'list', returnAll: false, limit: 103, order: 'asc' }));
			expect(items.map((i) => i.json.id)).toEqual(ids.slice(0, 103));
		});
	});

	function requestLog(): RequestLogEntry[] {
		return ctx.emulator.requests();
	}

	function listRequests() {
		return requestLog().filter((r) => r.kind === 'list');
	}

	function lastRequest(method: string, path: string): RequestLogEntry | undefined {
		return requestLog()
			.filter((r) => r.method === method && pathOf(r) === path)
			.pop();
	}
});

/** The request path below the API prefix. */
function pathOf(request: RequestLogEntry): string {
	const raw = request.path;
	return raw.split('?')[0].replace(/^\/(openai\/)?v1/, '');
}
