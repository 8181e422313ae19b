// Continue On Fail gives one item shape, whatever the server sent and whichever operation failed:
// `error: { message, code?, status?, videoId?, description? }`, the server's words in the message.
//
// Every operation (video: Create, Remix, Edit, Extend, Get, List, Delete, Download, Wait;
// character: Create, Get) meets every error body form the emulator's fault rules can send:
// OpenAI's object, a plain string, a list, a nested object, no body at all, an HTML page. Then a
// job that ends failed carries its own `error` in those forms (string, list, nested, absent, HTML).
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { continueOnFail, runWorkflow } from '../harness';
import { completedVideo, emulatorContent, emulatorJson, FAST_OPTIONS, soraNode, useEmulator, type FaultRule, type RequestKind } from '../harness/sora';

jest.setTimeout(60_000);

const ctx = useEmulator({}, { eachTest: { durationMs: 300, pollAfterMs: 50 } });
const ALLOWED_KEYS = ['message', 'code', 'status', 'videoId', 'description'];

let source: IDataObject;
let mp4: Buffer;

beforeEach(async () => {
	source = await completedVideo(ctx.emulator, 'a source video');
	mp4 ??= (await emulatorContent(ctx.emulator, String(source.id))).bytes;
});

interface OperationCase {
	name: string;
	kind: RequestKind;
	parameters: () => IDataObject;
	/** The item carries the video the request was about. */
	aboutSource?: boolean;
	withBinary?: boolean;
	/** The HTTP status of the fault; Download's 400 would be asked again for 7 s (storage lag), tested elsewhere. */
	status?: number;
}

const OPERATIONS: OperationCase[] = [
	{ name: 'video Create', kind: 'create', parameters: () => ({ operation: 'create', prompt: 'a cat', waitForCompletion: false }) },
	{ name: 'video Remix', kind: 'remix', aboutSource: true, parameters: () => ({ operation: 'remix', videoId: source.id, prompt: 'again', waitForCompletion: false }) },
	{ name: 'video Edit', kind: 'edit', parameters: () => ({ operation: 'edit', videoSource: 'id', videoId: source.id, prompt: 'snow', waitForCompletion: false }) },
	{ name: 'video Extend', kind: 'extend', parameters: () => ({ operation: 'extend', videoSource: 'id', videoId: source.id, prompt: 'on', seconds: '4', waitForCompletion: false }) },
	{ name: 'video Get', kind: 'get', aboutSource: true, parameters: () => ({ operation: 'get', videoId: source.id }) },
	{ name: 'video List', kind: 'list', parameters: () => ({ operation: 'list', returnAll: false, limit: 5 }) },
	{ name: 'video Delete', kind: 'delete', aboutSource: true, parameters: () => ({ operation: 'delete', videoId: source.id }) },
	{ name: 'video Download', kind: 'content', aboutSource: true, status: 422, parameters: () => ({ operation: 'download', videoId: source.id }) },
	{ name: 'video Wait for Completion', kind: 'get', aboutSource: true, parameters: () => ({ operation: 'wait', videoId: source.id, options: FAST_OPTIONS }) },
	{
		name: 'character Create',
		kind: 'character.create',
		withBinary: true,
		parameters: () => ({ resource: 'character', operation: 'create', characterName: 'Nova', videoBinaryProperty: 'clip' }),
	},
	{ name: 'character Get', kind: 'character.get', parameters: () => ({ resource: 'character', operation: 'get', characterId: 'char_missing' }) },
];

interface BodyForm {
	name: string;
	fault: (kind: RequestKind, status: number) => FaultRule;
	/** What the message must hold: the server's words. */
	words: RegExp;
	code?: string;
}

const status = (kind: RequestKind, code: number, fault: IDataObject): FaultRule => ({ match: { kind }, fault: { type: 'status', status: code, ...fault } as FaultRule['fault'] });

const FORMS: BodyForm[] = [
	{ name: 'an OpenAI error object', fault: (k, n) => status(k, n, { shape: 'openai', message: 'words in an object', code: 'bad_request_code' }), words: /words in an object/, code: 'bad_request_code' },
	{ name: 'a string error', fault: (k, n) => status(k, n, { shape: 'errorString', message: 'words in a string' }), words: /words in a string/ },
	{ name: 'a plain text body', fault: (k, n) => status(k, n, { shape: 'text', message: 'words as text' }), words: /words as text/ },
	{ name: 'a list of violations', fault: (k, n) => status(k, n, { shape: 'validation', message: 'words in a list' }), words: /prompt: words in a list/ },
	{ name: 'a bare JSON array', fault: (k, n) => status(k, n, { body: [{ message: 'words in an array' }], contentType: 'application/json' }), words: /words in an array/ },
	{
		name: 'a nested object',
		fault: (k, n) => status(k, n, { body: { error: { error: { message: 'words nested deep' } }, code: 'nested_code' }, contentType: 'application/json' }),
		words: /words nested deep/,
		code: 'nested_code',
	},
	{ name: 'no body', fault: (k, n) => status(k, n, { shape: 'empty' }), words: /no explanation \(HTTP 4\d\d\)/ },
	{ name: 'an HTML page', fault: (k, n) => status(k, n, { shape: 'html' }), words: /^(?!.*<).*4\d\d (Bad Request|Unprocessable Entity)/ },
];

async function run(parameters: IDataObject, withBinary = false, json: IDataObject = {}) {
	return await runWorkflow({
		nodes: [continueOnFail(soraNode(parameters))],
		credentials: ctx.credentials(),
		inputItems: [withBinary ? { json, binary: { clip: { data: mp4, mimeType: 'video/mp4', fileName: 'in.mp4' } } } : { json }],
	});
}

/** The one error shape: an object of known keys, never a string spread into indexes. */
function expectErrorShape(item: INodeExecutionData): IDataObject {
	const error = item.json.error as IDataObject;
	expect(error).toEqual(expect.any(Object));
	expect(Array.isArray(error)).toBe(false);
	expect(Object.keys(error).filter((key) => !ALLOWED_KEYS.includes(key))).toEqual([]);
	expect(typeof error.message).toBe('string');
	if (error.code !== undefined) expect(typeof error.code).toBe('string');
	if (error.status !== undefined) expect(typeof error.status).toBe('number');
	if (error.videoId !== undefined) expect(typeof error.videoId).toBe('string');
	expect(item.pairedItem).toEqual({ item: 0 });
	return error;
}

describe('Continue On Fail: every operation, every error body, one item shape', () => {
	describe.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
		it.each(FORMS.map((form) => [form.name, form] as const))('%s', async (_form, form) => {
			ctx.emulator.setFaults([form.fault(op.kind, op.status ?? 400)]);
			const result = await run(op.parameters(), op.withBinary);
			expect(result.error).toBeUndefined();
			expect(result.outputs.Sora).toHaveLength(1);
			const error = expectErrorShape(result.outputs.Sora[0]);
			expect(String(error.message)).toMatch(form.words);
			expect(error.status).toBe(op.status ?? 400);
			if (form.code) expect(error.code).toBe(form.code);
			if (op.aboutSource) expect(error.videoId).toBe(source.id);
			else expect(error.videoId).toBeUndefined();
		});
	});
});

describe('Continue On Fail: a failed job keeps its Video object, its error in the one shape', () => {
	const FAILED: Array<[string, IDataObject, RegExp, string | undefined]> = [
		['an error object', {}, /moderation/i, 'moderation_blocked'],
		['a string error', { error: 'string' }, /moderation|blocked/i, undefined],
		['no error at all', { error: 'absent' }, /the server gave no reason/, undefined],
		['a list', { set: { error: [{ message: 'listed reason' }] } }, /listed reason/, undefined],
		['a nested object', { set: { error: { error: { message: 'nested reason', code: 'deep_code' } } } }, /nested reason/, undefined],
		['an HTML page', { set: { error: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>' } }, /502 Bad Gateway/, undefined],
	];

	it.each(FAILED)('Create with wait, the job error as %s', async (_name, rewrite, words, code) => {
		if (Object.keys(rewrite).length) ctx.emulator.setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', whenStatus: 'failed', ...rewrite } as FaultRule['fault'] }]);
		const result = await run({ operation: 'create', prompt: 'FAIL_MODERATION please', options: FAST_OPTIONS });
		expect(result.error).toBeUndefined();
		const [item] = result.outputs.Sora;
		const error = expectErrorShape(item);
		expect(item.json.status).toBe('failed');
		expect(String(item.json.id)).toMatch(/^video_/);
		expect(error.videoId).toBe(item.json.id);
		expect(String(error.message)).toMatch(words);
		expect(String(error.message)).toContain(String(item.json.id));
		if (code) expect(error.code).toBe(code);
		expect(Object.keys(error).some((key) => /^\d+$/.test(key))).toBe(false);
	});

	it.each(FAILED)('Wait for Completion, the job error as %s', async (_name, rewrite, words) => {
		const failed = await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: 'FAIL_MODERATION later', seconds: '4' });
		if (Object.keys(rewrite).length) ctx.emulator.setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', whenStatus: 'failed', ...rewrite } as FaultRule['fault'] }]);
		const result = await run({ operation: 'wait', videoId: failed.id, options: FAST_OPTIONS });
		const [item] = result.outputs.Sora;
		const error = expectErrorShape(item);
		expect(item.json.id).toBe(failed.id);
		expect(error.videoId).toBe(failed.id);
		expect(String(error.message)).toMatch(words);
	});

	it.each(['remix', 'edit', 'extend'])('%s with wait, a failed job (string error)', async (operation) => {
		ctx.emulator.setFaults([{ match: { kind: 'get' }, fault: { type: 'rewrite', whenStatus: 'failed', error: 'string' } }]);
		const parameters: IDataObject = { operation, videoId: source.id, prompt: 'FAIL_MODERATION this', options: FAST_OPTIONS };
		if (operation !== 'remix') parameters.videoSource = 'id';
		if (operation === 'extend') parameters.seconds = '4';
		const result = await run(parameters);
		const [item] = result.outputs.Sora;
		const error = expectErrorShape(item);
		expect(item.json.status).toBe('failed');
		expect(error.videoId).toBe(item.json.id);
		expect(error.videoId).not.toBe(source.id);
		expect(String(error.message)).toMatch(/moderation|blocked/i);
	});

	it('Max Wait exceeded keeps the job as last seen, error in the same shape', async () => {
		ctx.emulator.setOptions({ durationMs: 60_000, pollAfterMs: 200 });
		const result = await run({ operation: 'create', prompt: 'a slow one', options: { pollInterval: 1, maxWait: 0.02 } });
		const [item] = result.outputs.Sora;
		const error = expectErrorShape(item);
		expect(['queued', 'in_progress']).toContain(item.json.status);
		expect(error.videoId).toBe(item.json.id);
		expect(String(error.message)).toMatch(/Max Wait/);
		expect(String(error.description)).toMatch(/Wait for Existing Video operation/);
	});

	it('bad input gives the same shape, with no status and no video', async () => {
		const result = await run({ operation: 'create', prompt: '={{ $json.prompt }}' }, false, { prompt: '' });
		const error = expectErrorShape(result.outputs.Sora[0]);
		expect(String(error.message)).toMatch(/Prompt/);
		expect(error.status).toBeUndefined();
		expect(error.videoId).toBeUndefined();
	});
});
