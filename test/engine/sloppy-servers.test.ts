// The node against servers that bend the OpenAI contract, run by n8n-core's real engine against
// the emulator's profiles and fault rules: polls that get 429s, 5xx pages or unreadable bodies
// are waited out; status words of other dialects end the job; error text in any shape reaches
// the user; the job handle under another key is followed; content that is a link, a wrong type,
// an error page or not there yet is never stored as the video; prompts arrive as typed.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, runWorkflow, type RunResult } from '../harness';
import { emulatorContent, emulatorJson, soraNode, useEmulator, type EmulatorOptions } from '../harness/sora';
import type { Rewrite } from '../../emulator';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS);

/** Quick polls, and a Max Wait short enough that "polled until Max Wait" shows as a failure. */
const OPTIONS = { pollInterval: 1, maxWait: 0.25 };

/** Every test starts from a reset emulator with these options. */
const EACH_TEST: EmulatorOptions = { durationMs: 400, pollAfterMs: 100, assetTtlSec: 3600 };

function ok(result: RunResult, node = 'Sora'): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	return result.outputs[node];
}

function failure(result: RunResult): string {
	expect(result.error).toBeDefined();
	return `${result.error!.message} ${String(result.error!.description ?? '')}`;
}

function setup(options: EmulatorOptions = {}) {
	const ctx = useEmulator(options, { eachTest: EACH_TEST });
	const emu = () => ctx.emulator;
	const run = (parameters: IDataObject) => runWorkflow({ nodes: [soraNode(parameters)], credentials: ctx.credentials() });
	const log = () => emu().requests();
	const lastJob = () => emu().jobs().slice(-1)[0];
	return { ctx, emu, run, log, lastJob };
}

const createAndWait = (prompt: string, options: IDataObject = {}) => ({ operation: 'create', prompt, options: { ...OPTIONS, ...options } });

describe('polling that waits instead of failing', () => {
	const { ctx, emu, run, log } = setup();

	it('waits out many 429s while polling (Retry-After followed) and completes', async () => {
		emu().setFaults([{ match: { kind: 'get' }, times: 8, fault: { type: 'status', status: 429, retryAfter: 1, retryAfterMs: 200 } }]);
		const [item] = ok(await run(createAndWait('rate limited while polling')));
		expect(item.json.status).toBe('completed');
		expect(log().filter((r) => r.kind === 'get' && r.status === 429)).toHaveLength(8);
	});

	it('Wait for Completion on an id waits out 429s from its very first check', async () => {
		const id = String((await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: 'resume me', model: 'sora-2' })).id);
		emu().setFaults([{ match: { kind: 'get' }, times: 7, fault: { type: 'status', status: 429, retryAfter: 1, retryAfterMs: 300 } }]);
		const [item] = ok(await run({ operation: 'wait', videoId: id, options: OPTIONS }));
		expect(item.json).toMatchObject({ id, status: 'completed' });
		expect(item.binary?.data?.mimeType).toBe('video/mp4');
	});

	it('waits out 5xx pages and resets while polling', async () => {
		emu().setFaults([
			{ match: { kind: 'get' }, times: 3, fault: { type: 'status', status: 502, shape: 'html' } },
			{ match: { kind: 'get' }, times: 3, fault: { type: 'reset' } },
		]);
		const [item] = ok(await run(createAndWait('flaky proxy')));
		expect(item.json.status).toBe('completed');
	});

	it('never polls more often than every 500 ms, even with a poll hint of 0', async () => {
		emu().setOptions({ pollAfterMs: 0, durationMs: 2000 });
		const [item] = ok(await run(createAndWait('busy loop')));
		const gets = log().filter((r) => r.kind === 'get' && r.path.includes(String(item.json.id)));
		expect(gets.length).toBeGreaterThan(1);
		expect(gets.length).toBeLessThanOrEqual(7);
	});
});

describe('status words of every dialect', () => {
	const { emu, run } = setup();

	it('ends on succeeded (after pending and processing) and keeps the raw word', async () => {
		emu().setFaults([{ match: { kind: ['create', 'get'] }, fault: { type: 'rewrite', statusMap: { queued: 'pending', in_progress: 'processing', completed: 'succeeded' } } }]);
		const [item] = ok(await run(createAndWait('succeeded dialect')));
		expect(item.json.status).toBe('succeeded');
		expect(item.binary?.data?.mimeType).toBe('video/mp4');
	});

	it.each(['cancelled', 'canceled', 'expired', 'rejected'])('ends at once on %s, saying so', async (word) => {
		emu().setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', set: { status: word } } }]);
		const started = Date.now();
		const message = failure(await run(createAndWait(`a job that ends ${word}`)));
		expect(Date.now() - started).toBeLessThan(14_000); // before Max Wait (15 s) would have ended it
		expect(message).toContain(word);
		expect(message).not.toMatch(/keeps running|Max Wait/);
	});

	it('reports a failed job whose error is a plain string with its words', async () => {
		emu().setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', whenStatus: 'failed', error: 'string' } }]);
		const message = failure(await run(createAndWait('FAIL_MODERATION please')));
		expect(message).toContain('Your request was blocked by our moderation system.');
		expect(message).not.toContain('no reason given');
	});

	it('says the server gave no reason only when the error is absent', async () => {
		emu().setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', whenStatus: 'failed', error: 'absent' } }]);
		expect(failure(await run(createAndWait('FAIL_MODERATION again')))).toContain('the server gave no reason');
	});
});

describe('answers that cannot be read keep the job', () => {
	const { emu, run, log, lastJob } = setup();

	it.each(['empty', 'html', 'text', 'truncatedJson', 'null', 'array'])('a %s poll answer is a transient fault', async (shape) => {
		emu().setFaults([{ match: { kind: 'get' }, times: 2, fault: { type: 'body', status: 200, shape } }]);
		const [item] = ok(await run(createAndWait(`malformed ${shape}`)));
		expect(item.json.id).toBe(lastJob().id);
		expect(item.json.status).toBe('completed');
		expect(log().some((r) => r.path.includes('undefined'))).toBe(false);
	});

	it('a poll answer without id keeps the watched id', async () => {
		emu().setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', unset: ['id'] } }]);
		const [item] = ok(await run(createAndWait('no id on polls')));
		expect(item.json.id).toBe(lastJob().id);
		expect(log().some((r) => r.path.includes('undefined'))).toBe(false);
	});

	it.each<[string, Rewrite]>([
		['task_id', {}],
		['video_id', {}],
		['generation_id', { wrap: 'data' }],
	])('a create answer with the handle under %s is followed', async (key, extra) => {
		emu().setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'rewrite', rename: { id: key }, ...extra } }]);
		const [item] = ok(await run(createAndWait(`handle as ${key}`)));
		expect(item.json.id).toBe(lastJob().id);
		expect(item.binary?.data?.fileName).toBe(`${String(lastJob().id)}.mp4`);
	});
});

describe('content that is what it says', () => {
	const { ctx, emu, run, log, lastJob } = setup();

	it('follows a JSON {url} answer to another host without credentials', async () => {
		emu().setFaults([{ match: { kind: 'content' }, fault: { type: 'contentUrl' } }]);
		const [item] = ok(await run(createAndWait('content as a link')));
		const id = String(item.json.id);
		emu().setFaults([]);
		const served = await emulatorContent(ctx.emulator, id, 'video');
		expect((await binaryBuffer(item, 'data')).equals(served.bytes)).toBe(true);
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		const fileHost = log().filter((r) => r.kind === 'fileHost');
		expect(fileHost.length).toBeGreaterThan(0);
		expect(fileHost.every((r) => r.authSeen === false)).toBe(true);
	});

	it('stores the video a gateway sent for the thumbnail as what it is, with a warning', async () => {
		emu().setFaults([{ match: { kind: 'content' }, fault: { type: 'ignoreVariant', contentType: 'image/webp' } }]);
		const [item] = ok(await run(createAndWait('variant ignored', { downloadThumbnail: true })));
		const id = String(item.json.id);
		expect(item.binary!.thumbnail).toMatchObject({ mimeType: 'video/mp4', fileName: `${id}.mp4` });
		expect(JSON.stringify(item.json.warnings)).toMatch(/thumbnail/);
	});

	it.each(['html', 'message', 'text'])('never stores a %s page as the video', async (shape) => {
		emu().setFaults([{ match: { kind: 'content' }, fault: { type: 'body', status: 200, shape, message: 'try again later' } }]);
		const message = failure(await run(createAndWait(`content ${shape}`)));
		expect(message).toContain(String(lastJob().id));
		expect(message).toMatch(/video/);
		expect(message).toMatch(/HTML page|JSON document|text answer/);
	});

	it('retries a content 404 just after completion', async () => {
		emu().setFaults([{ match: { kind: 'content' }, fault: { type: 'contentLag', ms: 1500 } }]);
		const [item] = ok(await run(createAndWait('storage lags')));
		expect(item.binary?.data?.mimeType).toBe('video/mp4');
	});
});

describe('ids with / + = round-trip (LiteLLM style)', () => {
	const { run, emu } = setup({ idStyle: 'litellm' });

	it('Get, Wait, Download, Remix and Delete accept the id a create returned', async () => {
		const [created] = ok(await run({ operation: 'create', prompt: 'base64 ids', waitForCompletion: false }));
		const id = String(created.json.id);
		expect(id).toMatch(/[+/=]/);
		const [waited] = ok(await run({ operation: 'wait', videoId: id, options: OPTIONS }));
		expect(waited.json).toMatchObject({ id, status: 'completed' });
		expect(ok(await run({ operation: 'get', videoId: id }))[0].json.id).toBe(id);
		const [downloaded] = ok(await run({ operation: 'download', videoId: id }));
		const name = downloaded.binary!.data.fileName!;
		expect(name).not.toMatch(/[/\\+=]/);
		expect(name.endsWith('.mp4')).toBe(true);
		expect(name.length).toBeGreaterThan(id.length / 2);
		const [remix] = ok(await run({ operation: 'remix', videoId: id, prompt: 'again', waitForCompletion: false }));
		expect(remix.json.remixed_from_video_id).toBe(id);
		ok(await run({ operation: 'delete', videoId: id }));
		expect(emu().jobs().some((job) => job.id === id)).toBe(false);
	});
});

describe("errors keep the server's words", () => {
	const { ctx, emu, run, lastJob } = setup();

	it.each([
		['detail', 'Video is gone'],
		['validation', 'Video is gone'],
		['errors', 'Video is gone'],
		['message', 'Video is gone'],
		['errorString', 'Video is gone'],
		['text', 'Video is gone'],
		['html', '404 Not Found'],
	])('a %s error body reaches the user', async (shape, words) => {
		const id = String((await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: 'x', model: 'sora-2' })).id);
		emu().setFaults([{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 404, shape, message: 'Video is gone' } }]);
		const message = failure(await run({ operation: 'get', videoId: id }));
		expect(message).toContain(words);
		expect(message).toContain(`Get video ${id}`);
		expect(message).not.toMatch(/HTTP 404 \| HTTP 404/);
		// Words, not markup: a proxy's page is shown by its title.
		expect(message).not.toMatch(/<html|<center|<\/?h1/);
		expect(lastJob().id).toBe(id);
	});

	it('explains expired assets from millisecond timestamps', async () => {
		emu().setOptions({ assetTtlSec: 0.5 });
		const [done] = ok(await run(createAndWait('short lived', { downloadVideo: false })));
		await new Promise((resolve) => setTimeout(resolve, 1200));
		emu().setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', timestamps: 'ms' } }]);
		const message = failure(await run({ operation: 'download', videoId: String(done.json.id) }));
		expect(message).toMatch(/has expired/);
		expect(message).toContain(String(new Date().getUTCFullYear()));
	});
});

describe('list against a server that ignores after', () => {
	const { ctx, emu, run } = setup();

	it('returns no duplicates', async () => {
		for (let index = 0; index < 105; index++) await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: `clip ${index}`, model: 'sora-2' });
		emu().setFaults([{ match: { kind: 'list' }, fault: { type: 'ignoreAfter' } }]);
		const items = ok(await run({ operation: 'list', returnAll: true }));
		const ids = items.map((item) => item.json.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBeGreaterThanOrEqual(100);
	});
});

describe('prompts arrive as typed and are counted in characters', () => {
	const { run, log } = setup();

	it('sends a create without a file as JSON, newlines intact', async () => {
		ok(await run({ operation: 'create', prompt: 'line one\nline two', waitForCompletion: false }));
		const create = log().find((r) => r.kind === 'create')!;
		expect(create.format).toBe('json');
		expect(JSON.parse(Buffer.from(create.rawBody!, 'base64').toString('utf8')).prompt).toBe('line one\nline two');
	});

	it('accepts 32000 emoji and refuses 32001 characters before any request', async () => {
		ok(await run({ operation: 'create', prompt: '🎬'.repeat(32_000), waitForCompletion: false }));
		const before = log().filter((r) => r.kind === 'create').length;
		expect(failure(await run({ operation: 'create', prompt: 'x'.repeat(32_001), waitForCompletion: false }))).toMatch(/32001/);
		expect(log().filter((r) => r.kind === 'create')).toHaveLength(before);
	});
});

describe('the litellm profile', () => {
	const { run, emu } = setup({ profile: 'litellm' });

	it('creates, waits and downloads; the thumbnail is the MP4 it really is; Delete keeps the server words', async () => {
		const [item] = ok(await run(createAndWait('through litellm', { downloadThumbnail: true })));
		const id = String(item.json.id);
		expect(id).toMatch(/^video_/);
		expect(item.binary!.data.mimeType).toBe('video/mp4');
		expect(item.binary!.thumbnail.mimeType).toBe('video/mp4');
		expect(item.binary!.data.fileName).not.toContain('/');
		const message = failure(await run({ operation: 'delete', videoId: id }));
		expect(message).toContain('Method Not Allowed');
		expect(message).toContain(id);
		expect(emu().jobs().some((job) => job.id === id)).toBe(true);
	});
});
