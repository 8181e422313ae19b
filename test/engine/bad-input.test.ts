// Bad input costs nothing: every item is checked before the first paid request.
//
// Every generating operation (create, remix, edit, extend, character create) checks ALL items
// before the first paid request, so one bad item in a batch means no job at all (without
// Continue On Fail) and the error names the field and the item. Reads (get, download, wait,
// delete, character get) check their ids too. Bad input reaches the node the way it does in
// real workflows: through expressions over upstream items (n8n itself refuses to start a run
// whose required parameter is a literal empty string, so that case never reaches the node).
//
// Each row runs two items, a good item 0 and the bad item 1 (or only the bad item, then item 0),
// and checks: the run fails, the message names the field, the error names the item (the message
// "(item N)" or n8n's context.itemIndex), and the emulator saw no create request at all.
import type { IDataObject } from 'n8n-workflow';

import { continueOnFail, runWorkflow, type InputItem, type RunResult } from '../harness';
import { assertBuilt } from '../harness/node-types';
import { makePng } from '../fixtures/png';
import { completedVideo, emulatorContent, soraNode, startEmulator, type Emulator, type RequestKind } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS);

const CREATE_KINDS: RequestKind[] = ['create', 'remix', 'edit', 'extend', 'character.create'];

let emu: Emulator;
let done: IDataObject;
/** A real MP4 (served by the emulator) put in place of CLIP in good items, so they can succeed. */
let realMp4: Buffer;

beforeAll(async () => {
	assertBuilt(['SoraVideo.node.js', 'SoraApi.credentials.js']);
	// Any WxH, so that a good item with a small reference image (64x48) really goes through.
	emu = await startEmulator({ acceptAnySize: true });
	done = await completedVideo(emu, 'a finished video to read');
	realMp4 = (await emulatorContent(emu, String(done.id))).bytes;
});
afterAll(async () => {
	await emu?.close();
});

let mark = 0;
const log = () => emu.requests().slice(mark);
const createRequests = () => log().filter((r) => CREATE_KINDS.includes(r.kind));

// ---- inputs ----------------------------------------------------------------------------------

const PNG_64x48 = makePng(64, 48);
const PNG_100x100 = makePng(100, 100);
const GIF = Buffer.concat([Buffer.from('GIF89a', 'ascii'), Buffer.from([64, 0, 48, 0, 0x80, 0, 0]), Buffer.alloc(64)]);
const TEXT_AS_PNG = Buffer.from('this is a text file, not an image', 'utf8');
const CLIP = Buffer.from('pretend this is an mp4 file', 'utf8');

const png = (data: Buffer, mimeType = 'image/png') => ({ data, mimeType, fileName: 'ref.png' });
const mp4 = (data: Buffer) => ({ data, mimeType: 'video/mp4', fileName: 'clip.mp4' });
const rl = (value: string) => ({ __rl: true, mode: 'id', value });

const LONG_PROMPT = 'x'.repeat(32_001);

// Node parameters with every leaf value taken from the item, so item 0 and item 1 can differ.
const create = (params: IDataObject = {}): IDataObject => ({
	operation: 'create',
	prompt: '={{ $json.prompt }}',
	model: rl('={{ $json.model }}'),
	seconds: '4',
	size: '720x1280',
	waitForCompletion: false,
	...params,
});
const withReference = (params: IDataObject = {}) =>
	create({
		size: 'custom',
		customSize: '64x48',
		inputReference: 'binary',
		inputReferenceBinaryProperty: '={{ $json.prop }}',
		...params,
	});
const remix = (params: IDataObject = {}): IDataObject => ({
	operation: 'remix',
	videoId: '={{ $json.videoId }}',
	prompt: '={{ $json.prompt }}',
	waitForCompletion: false,
	...params,
});
const edit = (params: IDataObject = {}): IDataObject => ({
	operation: 'edit',
	videoSource: 'id',
	videoId: '={{ $json.videoId }}',
	prompt: '={{ $json.prompt }}',
	waitForCompletion: false,
	...params,
});
const editUpload = () => edit({ videoSource: 'binary', videoBinaryProperty: '={{ $json.prop }}' });
const extend = (params: IDataObject = {}): IDataObject => ({
	operation: 'extend',
	videoSource: 'id',
	videoId: '={{ $json.videoId }}',
	prompt: '={{ $json.prompt }}',
	seconds: 'custom',
	customSeconds: '={{ $json.customSeconds }}',
	waitForCompletion: false,
	...params,
});
const character = (): IDataObject => ({
	resource: 'character',
	operation: 'create',
	characterName: '={{ $json.name }}',
	videoBinaryProperty: '={{ $json.prop }}',
});

const GOOD = {
	prompt: 'a calico cat playing a piano',
	model: 'sora-2',
	customSeconds: '8',
	customSize: '1280x720',
	size: '1280x720',
	seconds: '8',
	imageUrl: 'https://example.com/first-frame.png',
	fileId: 'file-abc123',
	videoId: 'video_123',
	prop: 'image',
	name: 'Captain Nova',
};

interface BadCase {
	name: string;
	params: IDataObject | (() => IDataObject);
	/** Item 1's json (merged over GOOD). */
	bad: IDataObject;
	/** Item 1's binaries (item 0 gets `goodBinary`). */
	badBinary?: InputItem['binary'];
	goodBinary?: InputItem['binary'];
	/** Send only the bad item (then the error must name item 0). */
	alone?: boolean;
	field: RegExp;
	credentials?: IDataObject;
}

const STRICT = { options: { strictValidation: true } };

const CASES: BadCase[] = [
	// ---- create: prompt, model, seconds, size
	{ name: 'create: empty prompt', params: create(), bad: { prompt: '' }, field: /^Prompt: must not be empty/ },
	{ name: 'create: blank prompt', params: create(), bad: { prompt: '   \n ' }, field: /^Prompt: must not be empty/ },
	{ name: 'create: prompt over 32000 characters', params: create(), bad: { prompt: LONG_PROMPT }, field: /^Prompt: .*32000/ },
	{ name: 'create: empty model', params: create(), bad: { model: '' }, field: /^Model: must not be empty/ },
	{ name: 'create: model with spaces', params: create(), bad: { model: 'sora 2' }, field: /^Model: / },
	{
		name: 'create: seconds not a number',
		params: create({ seconds: '={{ $json.seconds }}' }),
		bad: { seconds: 'four' },
		field: /^Seconds: "four"/,
	},
	{
		name: 'create: Custom Seconds empty',
		params: create({ seconds: 'custom', customSeconds: '={{ $json.customSeconds }}' }),
		bad: { customSeconds: '' },
		field: /^Custom Seconds: must not be empty/,
	},
	{
		name: 'create: Custom Seconds a fraction',
		params: create({ seconds: 'custom', customSeconds: '={{ $json.customSeconds }}' }),
		bad: { customSeconds: '4.5' },
		field: /^Custom Seconds: "4.5"/,
	},
	{
		name: 'create: Custom Seconds zero',
		params: create({ seconds: 'custom', customSeconds: '={{ $json.customSeconds }}' }),
		bad: { customSeconds: '0' },
		field: /^Custom Seconds: /,
	},
	{
		name: 'create: size malformed',
		params: create({ size: '={{ $json.size }}' }),
		bad: { size: '1280x' },
		field: /^Size: "1280x"/,
	},
	{
		name: 'create: Custom Size empty',
		params: create({ size: 'custom', customSize: '={{ $json.customSize }}' }),
		bad: { customSize: '' },
		field: /^Custom Size: must not be empty/,
	},
	{
		name: 'create: Custom Size with a star',
		params: create({ size: 'custom', customSize: '={{ $json.customSize }}' }),
		bad: { customSize: '1280*720' },
		field: /Size: "1280\*720"/,
	},
	{
		name: 'create: Custom Size zero wide',
		params: create({ size: 'custom', customSize: '={{ $json.customSize }}' }),
		bad: { customSize: '0x720' },
		field: /Size: "0x720"/,
	},
	// ---- create: strict Sora checks (Strict Sora Checks option)
	{
		name: 'create strict: 1920x1080 is sora-2-pro only',
		params: create({ size: '={{ $json.size }}', ...STRICT }),
		bad: { size: '1920x1080' },
		field: /^Size: 1920x1080 is not offered by sora-2.*sora-2-pro/,
	},
	{
		name: 'create strict: a custom size Sora does not offer',
		params: create({ size: 'custom', customSize: '={{ $json.customSize }}', ...STRICT }),
		bad: { customSize: '1344x768' },
		field: /^Size: 1344x768 is not offered/,
	},
	{
		name: 'create strict: 6 seconds',
		params: create({ seconds: 'custom', customSeconds: '={{ $json.customSeconds }}', ...STRICT }),
		bad: { customSeconds: '6' },
		field: /^Seconds: 6 is not offered by Sora/,
	},
	{
		name: 'create strict: a model that is not Sora',
		params: create(STRICT),
		bad: { model: 'veo-3' },
		field: /^Model: "veo-3" is not a Sora model/,
	},
	// ---- create: input reference
	{
		name: 'create: reference binary property missing',
		params: withReference(),
		goodBinary: { image: png(PNG_64x48) },
		bad: { prop: 'picture' },
		badBinary: { image: png(PNG_64x48) },
		field: /^Input Binary Field: the input item has no binary property "picture" \(it has: image\)/,
	},
	{
		name: 'create: reference binary property empty',
		params: withReference(),
		goodBinary: { image: png(PNG_64x48) },
		bad: { prop: '' },
		badBinary: { image: png(PNG_64x48) },
		field: /^Input Binary Field: must name a binary property/,
	},
	{
		name: 'create: reference item has no binary at all',
		params: withReference(),
		goodBinary: { image: png(PNG_64x48) },
		bad: {},
		field: /^Input Binary Field: .*no binary data/,
	},
	{
		name: 'create: reference image is a GIF',
		params: withReference(),
		goodBinary: { image: png(PNG_64x48) },
		bad: {},
		badBinary: { image: png(GIF, 'image/gif') },
		field: /^Input Binary Field "image": is not a JPEG, PNG or WebP image/,
	},
	{
		name: 'create: reference is text labelled image/png',
		params: withReference(),
		goodBinary: { image: png(PNG_64x48) },
		bad: {},
		badBinary: { image: png(TEXT_AS_PNG) },
		field: /^Input Binary Field "image": is not a JPEG, PNG or WebP image/,
	},
	{
		name: 'create: reference pixel size differs from Size',
		params: withReference(),
		goodBinary: { image: png(PNG_64x48) },
		bad: {},
		badBinary: { image: png(PNG_100x100) },
		field: /^Input Binary Field "image": the image is 100x100 pixels but the video size is 64x48/,
	},
	{
		name: 'create: Image URL not http(s)',
		params: create({ inputReference: 'imageUrl', imageUrl: '={{ $json.imageUrl }}' }),
		bad: { imageUrl: 'ftp://example.com/a.png' },
		field: /^Image URL: /,
	},
	{
		name: 'create: Image URL empty',
		params: create({ inputReference: 'imageUrl', imageUrl: '={{ $json.imageUrl }}' }),
		bad: { imageUrl: '' },
		field: /^Image URL: /,
	},
	{
		name: 'create: File ID empty',
		params: create({ inputReference: 'fileId', fileId: '={{ $json.fileId }}' }),
		bad: { fileId: '' },
		field: /^File ID: must not be empty/,
	},
	{
		// Issue 12: any id a server gave is accepted; only what cannot be an id (a line break) is refused.
		name: 'create: File ID with a line break',
		params: create({ inputReference: 'fileId', fileId: '={{ $json.fileId }}' }),
		bad: { fileId: 'file\nabc' },
		field: /^File ID: "file\\nabc" is not a valid ID/,
	},
	// ---- create: credential problems found before anything is sent
	{
		name: 'create: Base URL not http(s)',
		params: create(),
		bad: {},
		alone: true,
		credentials: { baseUrl: 'ftp://127.0.0.1/v1' },
		field: /Base URL must start with http:\/\/ or https:\/\//,
	},
	{
		name: 'create: Base URL without a scheme',
		params: create(),
		bad: {},
		alone: true,
		credentials: { baseUrl: 'api.example.com/v1' },
		field: /Base URL must start with http:\/\/ or https:\/\//,
	},
	{
		name: 'create: Extra Headers line without a colon',
		params: create(),
		bad: {},
		alone: true,
		credentials: { extraHeaders: 'X-Team platform' },
		field: /Extra Headers: the line starting "X-Team" is not a "Name: value" line/,
	},
	// ---- remix
	{ name: 'remix: empty video id', params: remix(), bad: { videoId: '' }, field: /^Video ID: must not be empty/ },
	{ name: 'remix: video id that is a dot segment', params: remix(), bad: { videoId: '..' }, field: /^Video ID: .*not a valid ID/ },
	{ name: 'remix: empty prompt', params: remix(), bad: { prompt: '' }, field: /^Prompt: must not be empty/ },
	{ name: 'remix: prompt too long', params: remix(), bad: { prompt: LONG_PROMPT }, field: /^Prompt: .*32000/ },
	// ---- edit
	{ name: 'edit: empty video id', params: edit(), bad: { videoId: ' ' }, field: /^Video ID: must not be empty/ },
	{ name: 'edit: empty prompt', params: edit(), bad: { prompt: '' }, field: /^Prompt: must not be empty/ },
	{
		name: 'edit: source binary property missing',
		params: editUpload,
		goodBinary: { image: mp4(CLIP) },
		bad: { prop: 'movie' },
		badBinary: { image: mp4(CLIP) },
		field: /^Input Binary Field: the input item has no binary property "movie"/,
	},
	{
		name: 'edit: source file empty',
		params: editUpload,
		goodBinary: { image: mp4(CLIP) },
		bad: {},
		badBinary: { image: mp4(Buffer.alloc(0)) },
		field: /^Input Binary Field: the file in "image" is empty/,
	},
	// ---- extend
	{ name: 'extend: empty video id', params: extend(), bad: { videoId: '' }, field: /^Video ID: must not be empty/ },
	{ name: 'extend: Custom Seconds empty', params: extend(), bad: { customSeconds: '' }, field: /^Custom Seconds: must not be empty/ },
	{ name: 'extend: Custom Seconds not a number', params: extend(), bad: { customSeconds: 'ten' }, field: /^Custom Seconds: "ten"/ },
	{ name: 'extend strict: 24 seconds', params: extend(STRICT), bad: { customSeconds: '24' }, field: /^Seconds: 24 is not offered by Sora/ },
	{ name: 'extend: empty prompt', params: extend(), bad: { prompt: '' }, field: /^Prompt: must not be empty/ },
	// ---- character create
	{
		name: 'character create: empty name',
		params: character(),
		goodBinary: { image: mp4(CLIP) },
		bad: { name: '' },
		badBinary: { image: mp4(CLIP) },
		field: /^Character Name: must be 1 to 80 characters \(got 0\)/,
	},
	{
		name: 'character create: blank name',
		params: character(),
		goodBinary: { image: mp4(CLIP) },
		bad: { name: '    ' },
		badBinary: { image: mp4(CLIP) },
		field: /^Character Name: must be 1 to 80 characters/,
	},
	{
		name: 'character create: 81-character name',
		params: character(),
		goodBinary: { image: mp4(CLIP) },
		bad: { name: 'N'.repeat(81) },
		badBinary: { image: mp4(CLIP) },
		field: /^Character Name: must be 1 to 80 characters \(got 81\)/,
	},
	{
		name: 'character create: video binary missing',
		params: character(),
		goodBinary: { image: mp4(CLIP) },
		bad: { prop: 'video' },
		badBinary: { image: mp4(CLIP) },
		field: /^Input Binary Field: the input item has no binary property "video"/,
	},
	{
		name: 'character create: video file empty',
		params: character(),
		goodBinary: { image: mp4(CLIP) },
		bad: {},
		badBinary: { image: mp4(Buffer.alloc(0)) },
		field: /^Input Binary Field: the file in "image" is empty/,
	},
	// ---- reads: ids and the output field
	{ name: 'get: empty video id', params: () => read('get'), bad: { videoId: '' }, field: /^Video ID: must not be empty/ },
	{ name: 'get: video id with a line break', params: () => read('get'), bad: { videoId: 'video\n1' }, field: /^Video ID: .*not a valid ID/ },
	{ name: 'download: empty video id', params: () => read('download'), bad: { videoId: '' }, field: /^Video ID: must not be empty/ },
	{
		name: 'download: empty output field',
		params: () => ({ ...read('download'), binaryPropertyName: '={{ $json.out }}' }),
		bad: { out: ' ' },
		field: /^Put Output File in Field: must not be empty/,
	},
	{ name: 'wait: empty video id', params: () => read('wait'), bad: { videoId: '' }, field: /^Video ID: must not be empty/ },
	{ name: 'wait: video id with a tab inside', params: () => read('wait'), bad: { videoId: 'video_1\tx' }, field: /^Video ID: .*not a valid ID/ },
	{ name: 'delete: empty video id', params: { operation: 'delete', videoId: '={{ $json.videoId }}' }, bad: { videoId: '' }, alone: true, field: /^Video ID: must not be empty/ },
	{
		name: 'character get: empty character id',
		params: { resource: 'character', operation: 'get', characterId: '={{ $json.characterId }}' },
		bad: { characterId: '' },
		alone: true,
		field: /^Character ID: must not be empty/,
	},
];

/** A read whose good item 0 is the completed video (so item 0 really is read first). */
function read(operation: string): IDataObject {
	return { operation, videoId: '={{ $json.videoId }}', options: { pollInterval: 1, maxWait: 1 } };
}

function itemsFor(c: BadCase): { items: InputItem[]; badIndex: number } {
	const good: IDataObject = { ...GOOD, videoId: done.id, out: 'data' };
	const bad: InputItem = { json: { ...good, ...c.bad } };
	if (c.badBinary) bad.binary = c.badBinary;
	if (c.alone) return { items: [bad], badIndex: 0 };
	const first: InputItem = { json: good };
	if (c.goodBinary) {
		first.binary = Object.fromEntries(
			Object.entries(c.goodBinary).map(([key, value]) => [key, value.data === CLIP ? { ...value, data: realMp4 } : value]),
		) as InputItem['binary'];
	}
	return { items: [first, bad], badIndex: 1 };
}

async function runCase(c: BadCase, onFail = false): Promise<{ result: RunResult; badIndex: number }> {
	const { items, badIndex } = itemsFor(c);
	const parameters = typeof c.params === 'function' ? c.params() : c.params;
	const node = soraNode(parameters);
	mark = emu.requests().length;
	const result = await runWorkflow({
		nodes: [onFail ? continueOnFail(node) : node],
		credentials: { soraApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl, ...c.credentials } },
		inputItems: items,
	});
	return { result, badIndex };
}

function namesItem(error: { message: string; context?: IDataObject }, index: number): boolean {
	return error.message.includes(`(item ${index})`) || error.context?.itemIndex === index;
}

describe('bad input is refused before any paid request', () => {
	it('the table covers at least 30 bad inputs across all operations', () => {
		expect(CASES.length).toBeGreaterThanOrEqual(30);
		const operations = new Set(
			CASES.map((c) => {
				const p = typeof c.params === 'function' ? c.params() : c.params;
				return `${String(p.resource ?? 'video')}.${String(p.operation)}`;
			}),
		);
		for (const op of ['create', 'remix', 'edit', 'extend', 'get', 'download', 'wait'].map((o) => `video.${o}`)) {
			expect(operations).toContain(op);
		}
		expect(operations).toContain('character.create');
	});

	it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		const { result, badIndex } = await runCase(c);
		expect(result.error).toBeDefined();
		const error = result.error as unknown as { message: string; context?: IDataObject };
		expect(error.message).toMatch(c.field);
		expect(namesItem(error, badIndex)).toBe(true);
		expect(createRequests()).toEqual([]);
		// Nothing of the bad item reached the server.
		const badId = String({ ...GOOD, ...c.bad }.videoId ?? '');
		if (badId && badId !== done.id) expect(log().filter((r) => r.path.includes(encodeURIComponent(badId)))).toEqual([]);
	});

	it.each(CASES.filter((c) => !c.alone).map((c) => [c.name, c] as const))(
		'%s, with Continue On Fail: item 0 goes through, item 1 carries the error',
		async (_name, c) => {
			const { result } = await runCase(c, true);
			expect(result.error).toBeUndefined();
			const out = result.outputs.Sora;
			expect(out).toHaveLength(2);
			expect(out[1].pairedItem).toEqual({ item: 1 });
			expect(String((out[1].json.error as IDataObject).message)).toMatch(c.field);
			expect(String((out[1].json.error as IDataObject).message)).toContain('(item 1)');
			expect(out[0].json.error ?? null).toBeNull(); // a video object carries error: null
			expect(out[0].pairedItem).toEqual({ item: 0 });
			// Only the good item can have created anything: at most one create request.
			expect(createRequests().length).toBeLessThanOrEqual(1);
		},
	);
});

describe('a batch with one bad item', () => {
	const params = create();
	const items: InputItem[] = [
		{ json: { ...GOOD, prompt: 'first' } },
		{ json: { ...GOOD, prompt: 'second' } },
		{ json: { ...GOOD, prompt: '' } },
	];

	it('item 2 bad, Continue On Fail off: no create request at all, the error names Prompt and item 2', async () => {
		mark = emu.requests().length;
		const jobsBefore = emu.jobs().length;
		const result = await runWorkflow({
			nodes: [soraNode(params)],
			credentials: { soraApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			inputItems: items,
		});
		expect(result.error?.message).toBe('Prompt: must not be empty (item 2)');
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(2);
		expect(log()).toEqual([]); // not even a read
		expect(emu.jobs().length).toBe(jobsBefore);
	});

	it('item 2 bad, Continue On Fail on: items 0 and 1 run once each, item 2 carries the error', async () => {
		mark = emu.requests().length;
		const result = await runWorkflow({
			nodes: [continueOnFail(soraNode(params))],
			credentials: { soraApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			inputItems: items,
		});
		expect(result.error).toBeUndefined();
		const out = result.outputs.Sora;
		expect(out.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(out.slice(0, 2).map((i) => i.json.prompt)).toEqual(['first', 'second']);
		expect(out[2].json).toEqual({ error: { message: 'Prompt: must not be empty (item 2)' } });
		expect(createRequests()).toHaveLength(2);
	});

	it('a bad reference image in item 2 stops the batch before items 0 and 1 are paid for', async () => {
		mark = emu.requests().length;
		const result = await runWorkflow({
			nodes: [soraNode(withReference())],
			credentials: { soraApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			inputItems: [
				{ json: { ...GOOD }, binary: { image: png(PNG_64x48) } },
				{ json: { ...GOOD }, binary: { image: png(PNG_64x48) } },
				{ json: { ...GOOD }, binary: { image: png(PNG_100x100) } },
			],
		});
		expect(result.error?.message).toMatch(/^Input Binary Field "image": the image is 100x100 .* \(item 2\)$/);
		expect(log()).toEqual([]);
	});
});

// "Put Output File in Field" is used only once the job is finished and paid for, so it must be
// checked in the prepare phase like every other field (it once was not).
describe('the output field of the wait mode', () => {
	it.each([
		['create', create({ waitForCompletion: true, binaryPropertyName: '={{ $json.out }}', options: { pollInterval: 1, maxWait: 1 } })],
		['remix', remix({ waitForCompletion: true, binaryPropertyName: '={{ $json.out }}', options: { pollInterval: 1, maxWait: 1 } })],
	])('%s: an empty output field is refused before the job is created', async (_op, params) => {
		mark = emu.requests().length;
		const result = await runWorkflow({
			nodes: [soraNode(params)],
			credentials: { soraApi: { apiKey: emu.apiKey, baseUrl: emu.baseUrl } },
			inputItems: [{ json: { ...GOOD, videoId: done.id, out: '' } }],
		});
		expect(result.error?.message).toMatch(/Put Output File in Field/);
		expect(createRequests()).toEqual([]);
	});
});
