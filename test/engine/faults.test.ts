// The retry policy seen from a real n8n run: nothing lost, nothing charged twice.
//
// Reads (get, list, download, delete, the wait mode's polling, character get) are retried on
// 429 / 5xx / connection resets, honour the server's wait hints, and give up after a bounded
// number of attempts with an error that keeps the video id. Creates (create, remix, edit,
// extend, character create) are never sent twice once the server may have accepted them.
// Downloads cut short are retried from scratch and never handed over as whole; content that is
// not ready or has expired is explained with the video id.
//
// Timeouts: the transport's per-request timeouts are 60 s (120 s for downloads, 300 s for
// uploads) and not configurable, so a `delay` fault longer than the timeout would make this
// suite take minutes. A timed-out read is retried through the same path as a reset
// (ETIMEDOUT/ECONNABORTED are in the transient set, see transport/retry.ts and its unit tests);
// here the reset stands in for it.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, continueOnFail, runWorkflow, type RunResult } from '../harness';
import {
	completedVideo,
	emulatorContent,
	emulatorJson,
	soraNode,
	startEmulator,
	useEmulator,
	type Emulator,
	type Fault,
	type RequestKind,
} from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS);

const CREATE_KINDS: RequestKind[] = ['create', 'remix', 'edit', 'extend', 'character.create'];
const FAST = { durationMs: 150, pollAfterMs: 50, assetTtlSec: 3600, queuedMs: null };
const WAIT_OPTIONS = { pollInterval: 1, maxWait: 1 };
/** Max Wait 6 s, for faults that polling waits out until Max Wait. */
const SHORT_WAIT_OPTIONS = { pollInterval: 1, maxWait: 0.1 };

// Every test starts from an empty emulator with FAST timing.
const harness = useEmulator({}, { eachTest: FAST });
let emu: Emulator;
beforeAll(() => {
	emu = harness.emulator;
});

const credentials = () => harness.credentials();
/** Where the request log stood when the last node run started: setup calls are not counted. */
let mark = 0;
const log = () => emu.requests().slice(mark);
const requestsOf = (kind: RequestKind) => log().filter((r) => r.kind === kind);
const createRequests = () => log().filter((r) => CREATE_KINDS.includes(r.kind));

/** Runs the Sora node once; requestsOf() then sees only what this run sent. */
async function run(parameters: IDataObject, extra: { inputItems?: IDataObject[]; onFail?: boolean } = {}) {
	mark = emu.requests().length;
	const node = soraNode(parameters);
	return await runWorkflow({
		nodes: [extra.onFail ? continueOnFail(node) : node],
		credentials: credentials(),
		inputItems: extra.inputItems as never,
	});
}

function ok(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} | ${String(result.error.description ?? '')}`);
	return result.outputs.Sora;
}

function failed(result: RunResult) {
	expect(result.error).toBeDefined();
	const error = result.error!;
	return { error, text: `${error.message} ${String(error.description ?? '')}` };
}

async function mp4Of(videoId: string) {
	return (await emulatorContent(emu, videoId, 'video')).bytes;
}

/** A character on the emulator, made with a direct multipart call (not through the node). */
async function character(name = 'Nova'): Promise<IDataObject> {
	const source = await completedVideo(emu, 'a person waving');
	const form = new FormData();
	form.append('name', name);
	form.append('video', new Blob([new Uint8Array(await mp4Of(source.id as string))], { type: 'video/mp4' }), 'nova.mp4');
	const response = await fetch(`${emu.baseUrl}/videos/characters`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${emu.apiKey}` },
		body: form,
	});
	expect(response.status).toBe(200);
	return (await response.json()) as IDataObject;
}

// ---------------------------------------------------------------------------------------------
// Reads: retried, hints honoured, bounded.
// ---------------------------------------------------------------------------------------------

type ReadCase = {
	name: string;
	/** The emulator request kind the faults hit. */
	kind: RequestKind;
	setup: () => Promise<IDataObject>;
	parameters: (state: IDataObject) => IDataObject;
	check: (items: INodeExecutionData[], state: IDataObject) => Promise<void>;
};

const READS: ReadCase[] = [
	{
		name: 'get',
		kind: 'get',
		setup: async () => await completedVideo(emu),
		parameters: (video) => ({ operation: 'get', videoId: video.id }),
		check: async ([item], video) => {
			expect(item.json).toMatchObject({ id: video.id, status: 'completed' });
		},
	},
	{
		name: 'list',
		kind: 'list',
		setup: async () => await completedVideo(emu),
		parameters: () => ({ operation: 'list', returnAll: true }),
		check: async (items, video) => {
			expect(items.map((i) => i.json.id)).toEqual([video.id]);
		},
	},
	{
		name: 'download',
		kind: 'content',
		setup: async () => await completedVideo(emu),
		parameters: (video) => ({ operation: 'download', videoId: video.id }),
		check: async ([item], video) => {
			expect((await binaryBuffer(item, 'data')).equals(await mp4Of(video.id as string))).toBe(true);
		},
	},
	{
		name: 'delete',
		kind: 'delete',
		setup: async () => await completedVideo(emu),
		parameters: (video) => ({ operation: 'delete', videoId: video.id }),
		check: async ([item], video) => {
			expect(item.json).toMatchObject({ id: video.id, deleted: true });
			expect(emu.jobs().map((j) => j.id)).not.toContain(video.id);
		},
	},
	{
		name: 'wait (polling a running job)',
		kind: 'get',
		setup: async () => {
			emu.setOptions({ durationMs: 500 });
			return await emulatorJson(emu, 'POST', '/videos', { prompt: 'a running job', seconds: '4' });
		},
		parameters: (video) => ({ operation: 'wait', videoId: video.id, options: WAIT_OPTIONS }),
		check: async ([item], video) => {
			expect(item.json).toMatchObject({ id: video.id, status: 'completed' });
			expect((await binaryBuffer(item, 'data')).equals(await mp4Of(video.id as string))).toBe(true);
		},
	},
	{
		name: 'character get',
		kind: 'character.get',
		setup: async () => await character(),
		parameters: (ch) => ({ resource: 'character', operation: 'get', characterId: ch.id }),
		check: async ([item], ch) => {
			expect(item.json).toEqual(ch);
		},
	},
];

type ReadFault = { label: string; fault: Fault; times: number };

const READ_FAULTS: ReadFault[] = [
	{ label: '429 with retry-after-ms', fault: { type: 'status', status: 429, retryAfterMs: 20 }, times: 2 },
	{ label: '500', fault: { type: 'status', status: 500, retryAfterMs: 20 }, times: 2 },
	{ label: '502', fault: { type: 'status', status: 502, retryAfterMs: 20 }, times: 2 },
	{ label: '503', fault: { type: 'status', status: 503, retryAfterMs: 20 }, times: 2 },
	{ label: '504', fault: { type: 'status', status: 504, retryAfterMs: 20 }, times: 2 },
	// No hint: the node's own backoff (about 0.25 to 0.5 s for the first retry).
	{ label: 'connection reset', fault: { type: 'reset' }, times: 1 },
	{ label: '503 without a hint', fault: { type: 'status', status: 503 }, times: 1 },
];

describe('reads are retried', () => {
	const table = READS.flatMap((read) => READ_FAULTS.map((fault) => [read.name, fault.label, read, fault] as const));

	it.each(table)('%s survives %s', async (_name, _label, read, { fault, times }) => {
		const state = await read.setup();
		emu.setFaults([{ match: { kind: read.kind }, times, fault }]);

		const items = ok(await run(read.parameters(state)));
		await read.check(items, state);

		const sent = requestsOf(read.kind);
		expect(sent.filter((r) => r.fault).length).toBe(times); // every fault was hit...
		expect(sent.length).toBeGreaterThanOrEqual(times + 1); // ...and followed by a request that worked
		expect(sent[sent.length - 1].status).toBe(200);
		expect(createRequests()).toHaveLength(0); // nothing was created on the way
	});

	it('the wait mode of Create keeps polling through 5xx and 429 and returns the MP4', async () => {
		emu.setFaults([
			{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 503, retryAfterMs: 20 } },
			{ match: { kind: 'get' }, times: 1, fault: { type: 'reset' } },
			{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfterMs: 20 } },
		]);
		const [item] = ok(await run({ operation: 'create', prompt: 'waves', options: WAIT_OPTIONS }));
		expect(item.json.status).toBe('completed');
		expect((await binaryBuffer(item, 'data')).equals(await mp4Of(item.json.id as string))).toBe(true);
		expect(requestsOf('get').filter((r) => r.fault)).toHaveLength(3);
		expect(requestsOf('create')).toHaveLength(1);
		expect(emu.jobs()).toHaveLength(1);
	});
});

describe("reads honour the server's wait hint", () => {
	/** The pause between the faulted request and the next one of the same kind. */
	function gapAfterFault(kind: RequestKind): number {
		const sent = requestsOf(kind);
		const faulted = sent.findIndex((r) => r.fault);
		expect(faulted).toBeGreaterThanOrEqual(0);
		expect(sent[faulted + 1]).toBeDefined();
		return sent[faulted + 1].at - sent[faulted].at;
	}

	it('429 retry-after-ms: waits that many milliseconds (far longer than its own first backoff)', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfterMs: 1500 } }]);
		ok(await run({ operation: 'get', videoId: video.id }));
		const gap = gapAfterFault('get');
		expect(gap).toBeGreaterThanOrEqual(1450);
		expect(gap).toBeLessThan(15_000); // milliseconds, not seconds (1500 s); wide for a loaded machine
	});

	it('429 Retry-After in seconds', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfter: 1 } }]);
		ok(await run({ operation: 'get', videoId: video.id }));
		expect(gapAfterFault('get')).toBeGreaterThanOrEqual(950);
	});

	it('retry-after-ms wins over Retry-After (the precise hint)', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([
			{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfter: 20, retryAfterMs: 200 } },
		]);
		const started = Date.now();
		ok(await run({ operation: 'get', videoId: video.id }));
		const gap = gapAfterFault('get');
		expect(gap).toBeGreaterThanOrEqual(180);
		expect(Date.now() - started).toBeLessThan(19_000); // not the 20 s of Retry-After; wide for a loaded machine
	});

	it('503 with Retry-After is honoured too', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'status', status: 503, retryAfter: 1 } }]);
		ok(await run({ operation: 'download', videoId: video.id }));
		expect(gapAfterFault('content')).toBeGreaterThanOrEqual(950);
	});

	it('a 429 holds back the whole batch: no item polls during another item’s Retry-After', async () => {
		// Jobs that are still running after the Retry-After, however late a loaded machine starts the run.
		emu.setOptions({ durationMs: 6000 });
		const videos = [];
		for (const prompt of ['a', 'b', 'c']) videos.push(await emulatorJson(emu, 'POST', '/videos', { prompt, seconds: '4' }));
		emu.setFaults([
			{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfterMs: 800 } },
		]);
		const items = ok(
			await run(
				{ operation: 'wait', videoId: '={{ $json.id }}', options: { ...WAIT_OPTIONS, downloadVideo: false } },
				{ inputItems: videos.map((v) => ({ json: { id: v.id } })) },
			),
		);
		expect(items.map((i) => i.json.id)).toEqual(videos.map((v) => v.id));
		const sent = requestsOf('get');
		const faulted = sent.find((r) => r.fault)!;
		// faulted.at is when the emulator took the request, not when the node read the 429: polls of
		// the other items already due before then still come (on a loaded machine, hundreds of ms
		// later), at most a poll or two each. Without the shared gate each would poll every 50 ms
		// (pollAfterMs) through the whole Retry-After; the faulted item itself waits it out.
		const during = sent.filter((r) => r.at > faulted.at && r.at < faulted.at + 750);
		expect(during.filter((r) => r.path === faulted.path)).toEqual([]);
		const perItem = new Map<string, number>();
		for (const r of during) perItem.set(r.path, (perItem.get(r.path) ?? 0) + 1);
		expect(Math.max(0, ...perItem.values())).toBeLessThanOrEqual(2);
		expect(sent.filter((r) => r.at >= faulted.at + 750).length).toBeGreaterThanOrEqual(3);
	});
});

describe('reads give up after a bounded number of attempts', () => {
	it('5xx on every try: five attempts, then a clear error (Continue On Fail keeps the item)', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'get' }, fault: { type: 'status', status: 502, retryAfterMs: 5 } }]);
		const { error, text } = failed(await run({ operation: 'get', videoId: video.id }));
		expect(requestsOf('get')).toHaveLength(5);
		expect(error.message).toMatch(/502/);
		expect(text).toMatch(/after 5 attempts/);

		emu.reset();
		emu.setFaults([{ match: { kind: 'get' }, fault: { type: 'status', status: 502, retryAfterMs: 5 } }]);
		const items = ok(await run({ operation: 'get', videoId: 'video_x' }, { onFail: true }));
		expect(items).toHaveLength(1);
		expect(String((items[0].json.error as IDataObject).message)).toMatch(/502/);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('429 on every try: gives up after five attempts naming the rate limit', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'list' }, fault: { type: 'status', status: 429, retryAfterMs: 5 } }]);
		const { error, text } = failed(await run({ operation: 'list', returnAll: true }));
		expect(requestsOf('list')).toHaveLength(5);
		expect(error.message).toMatch(/429/);
		expect(text).toMatch(/rate limit/i);
		expect(emu.jobs().map((j) => j.id)).toEqual([video.id]);
	});

	it('connection reset on every try: five attempts, then "could not reach"', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'delete' }, fault: { type: 'reset' } }]);
		const { text } = failed(await run({ operation: 'delete', videoId: video.id }));
		expect(requestsOf('delete')).toHaveLength(5);
		// n8n's NodeApiError swaps the node's own "Could not reach the Sora API at ..." for its
		// generic text for ECONNRESET; either way the user learns the connection failed.
		expect(text).toMatch(/Could not reach the Sora API|connection to the server was closed/);
		expect(text).toMatch(/Gave up after 5 attempt/);
	});

	// Issue 12: faults while polling are waited out until Max Wait (here 6 s), not after 5 attempts.
	it('polling that keeps failing ends at Max Wait with an error naming the video, the fault and how to resume', async () => {
		emu.setFaults([{ match: { kind: 'get' }, fault: { type: 'status', status: 503, retryAfterMs: 5 } }]);
		const { text } = failed(await run({ operation: 'create', prompt: 'a kite', options: SHORT_WAIT_OPTIONS }));
		const [job] = emu.jobs();
		expect(emu.jobs()).toHaveLength(1);
		expect(text).toContain(String(job.id));
		expect(text).toMatch(/503/);
		expect(text).toMatch(/Wait for Existing Video operation/);
		expect(requestsOf('create')).toHaveLength(1);
	});

	it('with Continue On Fail, a polling failure outputs the job as last seen plus the error', async () => {
		emu.setFaults([{ match: { kind: 'get' }, fault: { type: 'status', status: 500, retryAfterMs: 5 } }]);
		const [item] = ok(await run({ operation: 'create', prompt: 'a kite', options: SHORT_WAIT_OPTIONS }, { onFail: true }));
		const [job] = emu.jobs();
		expect(item.json).toMatchObject({ id: job.id, object: 'video', prompt: 'a kite' });
		expect(item.json.status).not.toBe('completed');
		expect(String((item.json.error as IDataObject).message)).toContain(String(job.id));
		expect(item.binary).toBeUndefined();
	});

	// With a batch of ids, the user must be able to tell which one to try again.
	it.each<[string, RequestKind]>([
		['get', 'get'],
		['delete', 'delete'],
		['download', 'content'],
	])('%s: the exhausted-retries error names the video id', async (operation, kind) => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind }, fault: { type: 'status', status: 503, retryAfterMs: 5 } }]);
		const { text } = failed(await run({ operation, videoId: video.id }));
		expect(requestsOf(kind)).toHaveLength(5);
		expect(text).toContain(String(video.id));
	});
});

// ---------------------------------------------------------------------------------------------
// Creates: never sent twice once the server may have accepted them.
// ---------------------------------------------------------------------------------------------

type CreateCase = {
	name: string;
	kind: RequestKind;
	/** Sets up what the create needs and returns the node parameters and input items. */
	setup: () => Promise<{ parameters: IDataObject; inputItems?: IDataObject[] }>;
	/** How many things the create made (jobs for videos, characters for characters). */
	made: () => number;
};

const CREATES: CreateCase[] = [
	{
		name: 'create',
		kind: 'create',
		setup: async () => ({ parameters: { operation: 'create', prompt: 'a red fox', waitForCompletion: false } }),
		made: () => emu.jobs().length,
	},
	{
		name: 'create (wait mode)',
		kind: 'create',
		setup: async () => ({ parameters: { operation: 'create', prompt: 'a red fox', options: WAIT_OPTIONS } }),
		made: () => emu.jobs().length,
	},
	{
		name: 'remix',
		kind: 'remix',
		setup: async () => {
			const source = await completedVideo(emu);
			return { parameters: { operation: 'remix', videoId: source.id, prompt: 'at night', waitForCompletion: false } };
		},
		made: () => emu.jobs().length - 1, // minus the source
	},
	{
		name: 'edit (video id)',
		kind: 'edit',
		setup: async () => {
			const source = await completedVideo(emu);
			return {
				parameters: { operation: 'edit', videoSource: 'id', videoId: source.id, prompt: 'snow', waitForCompletion: false },
			};
		},
		made: () => emu.jobs().length - 1,
	},
	{
		name: 'edit (uploaded file)',
		kind: 'edit',
		setup: async () => {
			const source = await completedVideo(emu);
			const mp4 = await mp4Of(source.id as string);
			return {
				parameters: { operation: 'edit', videoSource: 'binary', prompt: 'snow', waitForCompletion: false },
				inputItems: [{ json: {}, binary: { data: { data: mp4, mimeType: 'video/mp4', fileName: 'in.mp4' } } }],
			};
		},
		made: () => emu.jobs().length - 1,
	},
	{
		name: 'extend',
		kind: 'extend',
		setup: async () => {
			const source = await completedVideo(emu);
			return {
				parameters: {
					operation: 'extend',
					videoSource: 'id',
					videoId: source.id,
					prompt: 'on and on',
					seconds: '4',
					waitForCompletion: false,
				},
			};
		},
		made: () => emu.jobs().length - 1,
	},
	{
		name: 'character create',
		kind: 'character.create',
		setup: async () => {
			const source = await completedVideo(emu);
			const mp4 = await mp4Of(source.id as string);
			return {
				parameters: { resource: 'character', operation: 'create', characterName: 'Nova' },
				inputItems: [{ json: {}, binary: { data: { data: mp4, mimeType: 'video/mp4', fileName: 'nova.mp4' } } }],
			};
		},
		made: () => emu.characters().length,
	},
];

describe('creates are never repeated when the server may have accepted them', () => {
	const AFTER_ACCEPT: Array<[string, Extract<Fault, { type: 'resetAfterCreate' | 'statusAfterCreate' }>]> = [
		['502 after the job was made', { type: 'statusAfterCreate', status: 502 }],
		['500 after the job was made', { type: 'statusAfterCreate', status: 500 }],
		['connection reset after the job was made', { type: 'resetAfterCreate' }],
	];
	const table = CREATES.flatMap((c) => AFTER_ACCEPT.map(([label, fault]) => [c.name, label, c, fault] as const));

	it.each(table)('%s under %s: one request, one job, a failed item', async (_n, _l, createCase, fault) => {
		const { parameters, inputItems } = await createCase.setup();
		emu.setFaults([{ match: { kind: createCase.kind }, fault }]);
		const result = await run(parameters, { inputItems });

		const { text } = failed(result);
		expect(requestsOf(createCase.kind)).toHaveLength(1);
		expect(createRequests()).toHaveLength(1);
		expect(createCase.made()).toBe(1);
		if (fault.type === 'resetAfterCreate') {
			expect(text).toMatch(/not sent again/);
		} else {
			expect(text).toMatch(String(fault.status));
		}
	});

	it.each(CREATES.map((c) => [c.name, c] as const))(
		'%s under 429: retried after the hint, exactly one job',
		async (_n, createCase) => {
			const { parameters, inputItems } = await createCase.setup();
			emu.setFaults([
				{ match: { kind: createCase.kind }, times: 1, fault: { type: 'status', status: 429, retryAfterMs: 50 } },
			]);
			const items = ok(await run(parameters, { inputItems }));
			expect(items).toHaveLength(1);
			const sent = requestsOf(createCase.kind);
			expect(sent.map((r) => r.status)).toEqual([429, 200]);
			expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(45);
			expect(createCase.made()).toBe(1);
		},
	);

	it.each(CREATES.map((c) => [c.name, c] as const))(
		'%s under 503 before the server handled it: still sent only once (the client cannot tell)',
		async (_n, createCase) => {
			const { parameters, inputItems } = await createCase.setup();
			emu.setFaults([{ match: { kind: createCase.kind }, fault: { type: 'status', status: 503, retryAfterMs: 5 } }]);
			failed(await run(parameters, { inputItems }));
			expect(requestsOf(createCase.kind)).toHaveLength(1);
			expect(createCase.made()).toBe(0);
		},
	);

	it('a batch where one create gets a 502 after acceptance: the others still run once each', async () => {
		emu.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'statusAfterCreate', status: 502 } }]);
		const items = ok(
			await run(
				{ operation: 'create', prompt: '={{ $json.prompt }}', waitForCompletion: false, concurrency: 1 },
				{ inputItems: [{ prompt: 'one' }, { prompt: 'two' }, { prompt: 'three' }].map((json) => ({ json })), onFail: true },
			),
		);
		expect(items).toHaveLength(3);
		expect(String((items[0].json.error as IDataObject).message)).toMatch(/502/);
		expect(items.slice(1).map((i) => i.json.prompt)).toEqual(['two', 'three']);
		expect(requestsOf('create')).toHaveLength(3);
		expect(emu.jobs()).toHaveLength(3); // the 502'd job exists too: exactly once
	});

	// A 5xx answer to a create is not retried, and the job may well exist and be billed (it does
	// here): a user who simply runs the workflow again would pay twice, so the error must say so.
	it('a 5xx answer to a create warns that the job may exist and must not be re-run blindly', async () => {
		emu.setFaults([{ match: { kind: 'create' }, fault: { type: 'statusAfterCreate', status: 502 } }]);
		const { text } = failed(await run({ operation: 'create', prompt: 'a red fox', waitForCompletion: false }));
		expect(emu.jobs()).toHaveLength(1);
		expect(text).toMatch(/may (or may not )?have|video list|not sent again/i);
	});

	it('a create that never reached the server is retried, then fails without the may-exist warning', async () => {
		// A closed port on loopback: the connection is refused, so nothing can have been created.
		const closed = await startEmulator();
		const closedUrl = closed.baseUrl;
		await closed.close();
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: 'a red fox', waitForCompletion: false })],
			credentials: { soraApi: { apiKey: emu.apiKey, baseUrl: closedUrl } },
		});
		const error = result.error as unknown as { message: string; description?: string };
		// Issue 12: errors name the operation.
		expect(error.message).toMatch(/Could not reach the Sora API at http:\/\/127.0.0.1:\d+\/v1 \(Create video\): .*refused/i);
		expect(error.description).toMatch(/Gave up after 5 attempt\(s\) \(ECONNREFUSED\)/);
		expect(error.description).not.toMatch(/may have reached/);
	});
});

// ---------------------------------------------------------------------------------------------
// Downloads cut short; content not ready or expired.
// ---------------------------------------------------------------------------------------------

describe('truncated downloads', () => {
	it('Download: a cut-off transfer is retried from scratch and the whole file is returned', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'truncate' } }]);
		const [item] = ok(await run({ operation: 'download', videoId: video.id }));
		const served = await mp4Of(video.id as string);
		const bytes = await binaryBuffer(item, 'data');
		expect(bytes.length).toBe(served.length);
		expect(bytes.equals(served)).toBe(true);
		expect(item.json.bytes).toBe(served.length);
		expect(requestsOf('content').filter((r) => r.fault === 'truncate')).toHaveLength(1);
	});

	it('Download: one byte short is caught too', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'truncate', bytes: 1e12 } }]);
		const [item] = ok(await run({ operation: 'download', videoId: video.id }));
		expect((await binaryBuffer(item, 'data')).equals(await mp4Of(video.id as string))).toBe(true);
		expect(requestsOf('content').length).toBeGreaterThanOrEqual(2);
	});

	it('Download: cut off every time, the node fails loudly and returns no binary', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, fault: { type: 'truncate' } }]);
		const result = await run({ operation: 'download', videoId: video.id });
		const { text } = failed(result);
		expect(text).toMatch(/ended early/);
		expect(text).toContain(String(video.id));
		expect(text).toMatch(/No partial file/);
		expect(result.outputs.Sora ?? []).toHaveLength(0);

		const items = ok(await run({ operation: 'download', videoId: video.id }, { onFail: true }));
		expect(items).toHaveLength(1);
		expect(items[0].binary).toBeUndefined();
		expect(String((items[0].json.error as IDataObject).message)).toMatch(/ended early/);
	});

	it('wait mode: one cut-off download is retried and the MP4 is whole', async () => {
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'truncate' } }]);
		const [item] = ok(await run({ operation: 'create', prompt: 'a kite', options: WAIT_OPTIONS }));
		expect((await binaryBuffer(item, 'data')).equals(await mp4Of(item.json.id as string))).toBe(true);
		expect(requestsOf('create')).toHaveLength(1);
	});

	it('wait mode: cut off every time, the item fails naming the completed video, no binary', async () => {
		emu.setFaults([{ match: { kind: 'content' }, fault: { type: 'truncate' } }]);
		const items = ok(await run({ operation: 'create', prompt: 'a kite', options: WAIT_OPTIONS }, { onFail: true }));
		const [job] = emu.jobs();
		expect(items[0].binary).toBeUndefined();
		expect(items[0].json).toMatchObject({ id: job.id, status: 'completed' });
		const error = items[0].json.error as IDataObject;
		expect(String(error.message)).toMatch(/completed, but downloading it failed/);
		expect(String(error.description)).toMatch(/Download operation/);
		expect(requestsOf('create')).toHaveLength(1);
	});
});

describe('content not ready, expired, failed', () => {
	it('Download of a job still running: "not ready" with the id and the status', async () => {
		emu.setOptions({ durationMs: 60_000 });
		const video = await emulatorJson(emu, 'POST', '/videos', { prompt: 'slow', seconds: '4' });
		const { text } = failed(await run({ operation: 'download', videoId: video.id }));
		expect(text).toMatch(/not ready/);
		expect(text).toContain(String(video.id));
		expect(text).toMatch(/queued|in_progress/);
		expect(text).toMatch(/Wait for Existing Video operation/);
	});

	// Issue 12: a completed job's content that is not ready is asked again briefly, then explained.
	it('Download when the server keeps saying not ready (notReady fault): names "not ready" and the id', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, fault: { type: 'notReady' } }]);
		const { text } = failed(await run({ operation: 'download', videoId: video.id }));
		expect(text).toMatch(/not ready/);
		expect(text).not.toMatch(/expired/);
		expect(text).toContain(String(video.id));
	});

	it('Download after the assets expired: "expired" with the id and when', async () => {
		emu.setOptions({ assetTtlSec: 0 });
		const video = await completedVideo(emu);
		const { text } = failed(await run({ operation: 'download', videoId: video.id }));
		expect(text).toMatch(/has expired/);
		expect(text).not.toMatch(/not ready/);
		expect(text).toContain(String(video.id));
		expect(text).toMatch(/generate the video again/i);
	});

	it('Download when the server says expired (expired fault): names "expired" and the id', async () => {
		const video = await completedVideo(emu);
		emu.setFaults([{ match: { kind: 'content' }, times: 1, fault: { type: 'expired' } }]);
		const { text } = failed(await run({ operation: 'download', videoId: video.id }));
		expect(text).toMatch(/expired/);
		expect(text).not.toMatch(/not ready/);
		expect(text).toContain(String(video.id));
	});

	it('a job that failed: the wait mode says failed, with the code and the id', async () => {
		const items = ok(await run({ operation: 'create', prompt: 'FAIL_MODERATION now', options: WAIT_OPTIONS }, { onFail: true }));
		const [job] = emu.jobs();
		expect(items[0].json).toMatchObject({ id: job.id, status: 'failed' });
		const error = items[0].json.error as IDataObject;
		expect(error.code).toBe('moderation_blocked');
		expect(String(error.message)).toContain(String(job.id));
		expect(String(error.message)).toMatch(/failed/);
		expect(requestsOf('content')).toHaveLength(0);
	});

	// A failed job's content will never exist: "not ready" (and its advice to wait) would mislead.
	it('Download of a failed job says it failed (not "not ready")', async () => {
		const video = await completedVideo(emu, 'FAIL_MODERATION please');
		expect(video.status).toBe('failed');
		const { text } = failed(await run({ operation: 'download', videoId: video.id }));
		expect(text).toContain(String(video.id));
		expect(text).toMatch(/failed/);
		expect(text).not.toMatch(/not ready/);
	});
});
