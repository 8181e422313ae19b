// No secret leaks: the API key and the webhook secret appear nowhere a user or a log could see.
//
// Every error path we can drive runs with a distinctive API key and webhook secret in the Sora
// API credential; then everything a user, a log shipper or an error tracker could see is searched
// for them: output items, the error's message, description, its JSON (with cause and context),
// the whole run data n8n would store, and everything logged through n8n's logger. Each path runs
// with Continue On Fail off (the error) and on (the error as an output item).
import type { IDataObject } from 'n8n-workflow';

import { continueOnFail, logs, runWorkflow, type RunResult } from '../harness';
import { completedVideo, soraNode, startEmulator, useEmulator, type Emulator, type FaultRule } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS);

const API_KEY = 'sk-proj-CANARYkey7f3a9c1e5b2d';
const WRONG_KEY = 'sk-proj-WRONGcanary91b2c3d4e5f6';
const SECRET_TEXT = 'canary-webhook-secret-4d2e8f';
const WEBHOOK_SECRET = `whsec_${Buffer.from(SECRET_TEXT).toString('base64')}`;

// The emulator accepts only the canary key; every test starts from an empty one.
const harness = useEmulator({ apiKey: API_KEY }, { eachTest: { durationMs: 150, pollAfterMs: 50, assetTtlSec: 3600 } });
let emu: Emulator;
let closedPort: number;

beforeAll(async () => {
	emu = harness.emulator;
	// A port that just closed: connecting to it is refused.
	const probe = await startEmulator();
	closedPort = Number(new URL(probe.baseUrl).port);
	await probe.close();
});
beforeEach(() => {
	logs.length = 0;
});

// ---- searching everything --------------------------------------------------------------------

/** JSON of anything: cycles cut, Errors with their non-enumerable message, stack and cause. */
function dump(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, function replacer(_key, v: unknown) {
			if (typeof v === 'bigint') return String(v);
			if (v && typeof v === 'object') {
				if (seen.has(v)) return '[cycle]';
				seen.add(v);
				if (v instanceof Error) {
					const { message, stack, name } = v;
					return { ...(v as unknown as IDataObject), name, message, stack, cause: (v as { cause?: unknown }).cause };
				}
			}
			return v;
		}) ?? ''
	);
}

interface Exposure {
	where: string;
	text: string;
}

/** Every place a secret could surface after a run. */
function exposures(result: RunResult): Exposure[] {
	const places: Exposure[] = [];
	const error = result.error as (Error & IDataObject) | undefined;
	if (error) {
		places.push({ where: 'error.message', text: String(error.message) });
		places.push({ where: 'error.description', text: String(error.description ?? '') });
		places.push({ where: 'error JSON', text: JSON.stringify(error) });
		places.push({ where: 'error dump', text: dump(error) });
		places.push({ where: 'error.cause', text: dump((error as { cause?: unknown }).cause) });
		places.push({ where: 'error.context', text: dump(error.context) });
		places.push({ where: 'error.messages', text: dump(error.messages) });
		places.push({ where: 'error.errorResponse', text: dump(error.errorResponse) });
		places.push({ where: 'error.stack', text: String(error.stack ?? '') });
	}
	for (const [node, nodeError] of Object.entries(result.nodeErrors)) {
		places.push({ where: `nodeErrors.${node}`, text: dump(nodeError) });
	}
	places.push({ where: 'output items', text: JSON.stringify(result.allOutputs) });
	places.push({ where: 'run data', text: dump(result.run) });
	places.push({ where: 'logs', text: dump(logs) });
	return places;
}

function secretsOf(credential: IDataObject): string[] {
	return [String(credential.apiKey), String(credential.webhookSecret), SECRET_TEXT, API_KEY];
}

/** Where each secret appears (empty when nothing leaked). */
function leaks(result: RunResult, secrets: string[]): string[] {
	const found: string[] = [];
	for (const place of exposures(result)) {
		for (const secret of secrets) {
			if (place.text.includes(secret)) found.push(`${secret.slice(0, 10)}... in ${place.where}`);
		}
	}
	return found;
}

// ---- the error paths -------------------------------------------------------------------------

interface SecretCase {
	name: string;
	parameters: IDataObject | (() => Promise<IDataObject>);
	credential?: Record<string, string>;
	faults?: FaultRule[];
	options?: IDataObject;
	inputItems?: IDataObject[];
	/** What the error must say: proves the path was the one intended. */
	expect: RegExp;
}

const WAIT = { pollInterval: 1, maxWait: 1 };

const CASES: SecretCase[] = [
	{ name: '401 wrong key', parameters: { operation: 'get', videoId: 'video_abc' }, credential: { apiKey: WRONG_KEY }, expect: /401/ },
	{
		name: '400 validation from the server',
		parameters: { operation: 'create', prompt: 'a cat', size: 'custom', customSize: '1344x768', waitForCompletion: false },
		expect: /400/,
	},
	{ name: '404 unknown video', parameters: { operation: 'get', videoId: 'video_doesnotexist' }, expect: /404/ },
	{
		name: '429 on every try',
		parameters: { operation: 'list', returnAll: true },
		faults: [{ match: { kind: 'list' }, fault: { type: 'status', status: 429, retryAfterMs: 5 } }],
		expect: /429/,
	},
	{
		name: '503 on every try',
		parameters: { operation: 'get', videoId: 'video_abc' },
		faults: [{ match: { kind: 'get' }, fault: { type: 'status', status: 503, retryAfterMs: 5 } }],
		expect: /503/,
	},
	{
		name: '502 after a create was accepted',
		parameters: { operation: 'create', prompt: 'a cat', waitForCompletion: false },
		faults: [{ match: { kind: 'create' }, fault: { type: 'statusAfterCreate', status: 502 } }],
		expect: /502/,
	},
	{
		name: 'connection reset after a create was accepted',
		parameters: { operation: 'create', prompt: 'a cat', waitForCompletion: false },
		faults: [{ match: { kind: 'create' }, fault: { type: 'resetAfterCreate' } }],
		expect: /not sent again/,
	},
	{
		name: 'network refused',
		parameters: { operation: 'get', videoId: 'video_abc' },
		credential: { baseUrl: '' }, // filled in with the closed port below
		expect: /ECONNREFUSED|refused|Could not reach/i,
	},
	{
		name: 'job failed (moderation)',
		parameters: { operation: 'create', prompt: 'FAIL_MODERATION please', options: WAIT },
		expect: /moderation_blocked/,
	},
	{
		name: 'Max Wait exceeded',
		parameters: { operation: 'create', prompt: 'a very slow job', options: { pollInterval: 1, maxWait: 0.02 } },
		options: { durationMs: 60_000, pollAfterMs: 500 },
		expect: /Max Wait/,
	},
	{
		// Issue 12: polling waits faults out until Max Wait (6 s here).
		name: 'polling fails on every try',
		parameters: { operation: 'create', prompt: 'a cat', options: { ...WAIT, maxWait: 0.1 } },
		faults: [{ match: { kind: 'get' }, fault: { type: 'status', status: 500, retryAfterMs: 5 } }],
		expect: /Max Wait/,
	},
	{
		name: 'Base URL not http(s)',
		parameters: { operation: 'get', videoId: 'video_abc' },
		credential: { baseUrl: 'ftp://127.0.0.1/v1' },
		expect: /Base URL/,
	},
	{
		name: 'download cut off every time',
		parameters: async () => ({ operation: 'download', videoId: (await completedVideo(emu)).id }),
		faults: [{ match: { kind: 'content' }, fault: { type: 'truncate' } }],
		expect: /ended early/,
	},
	{
		name: 'download of a job not ready',
		parameters: async () => {
			emu.setOptions({ durationMs: 60_000 });
			const video = await completedVideoOrRunning();
			return { operation: 'download', videoId: video.id };
		},
		expect: /not ready/,
	},
	{
		name: 'bad input (empty prompt from an expression)',
		parameters: { operation: 'create', prompt: '={{ $json.prompt }}' },
		inputItems: [{ prompt: '' }],
		expect: /Prompt/,
	},
	{
		name: 'an Extra Header carries the key, then a 404',
		parameters: { operation: 'get', videoId: 'video_doesnotexist' },
		credential: { extraHeaders: `X-Backup-Key: ${API_KEY}` },
		expect: /404/,
	},
];

/** A job that is still running (durationMs was raised by the caller). */
async function completedVideoOrRunning(): Promise<IDataObject> {
	const response = await fetch(`${emu.baseUrl}/videos`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ prompt: 'slow', seconds: '4' }),
	});
	return (await response.json()) as IDataObject;
}

async function runCase(c: SecretCase, onFail: boolean, parameters: IDataObject): Promise<RunResult> {
	const credential: Record<string, string> = {
		apiKey: API_KEY,
		baseUrl: emu.baseUrl,
		webhookSecret: WEBHOOK_SECRET,
		...c.credential,
	};
	if (c.name === 'network refused') credential.baseUrl = `http://127.0.0.1:${closedPort}/v1`;
	const node = soraNode(parameters);
	return await runWorkflow({
		nodes: [onFail ? continueOnFail(node) : node],
		credentials: { soraApi: credential },
		inputItems: c.inputItems?.map((json) => ({ json })),
	});
}

describe('no error path shows the API key or the webhook secret', () => {
	it('the search reaches every place (planted secrets are found)', () => {
		const planted = new Error('outer') as Error & IDataObject;
		(planted as { cause?: unknown }).cause = { config: { headers: { Authorization: `Bearer ${API_KEY}` } } };
		const fake = {
			error: planted,
			nodeErrors: {},
			allOutputs: { Sora: [[{ json: { note: WEBHOOK_SECRET } }]] },
			run: {},
		} as unknown as RunResult;
		logs.push({ level: 'debug', message: 'x', meta: { secret: SECRET_TEXT } });
		const found = leaks(fake, [API_KEY, WEBHOOK_SECRET, SECRET_TEXT]);
		expect(found.some((f) => f.endsWith('in error.cause'))).toBe(true);
		expect(found.some((f) => f.endsWith('in output items'))).toBe(true);
		expect(found.some((f) => f.endsWith('in logs'))).toBe(true);
	});

	it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
		if (c.options) emu.setOptions(c.options);
		if (c.faults) emu.setFaults(c.faults);
		const parameters = typeof c.parameters === 'function' ? await c.parameters() : c.parameters;
		const [plain, kept] = await Promise.all([runCase(c, false, parameters), runCase(c, true, parameters)]);

		// The intended path was taken...
		expect(plain.error).toBeDefined();
		expect(`${plain.error!.message} ${String(plain.error!.description ?? '')}`).toMatch(c.expect);
		expect(kept.error).toBeUndefined();
		expect(JSON.stringify(kept.outputs.Sora)).toMatch(c.expect);
		// ...and neither secret shows anywhere.
		const secrets = secretsOf({ apiKey: c.credential?.apiKey ?? API_KEY, webhookSecret: WEBHOOK_SECRET });
		expect(leaks(plain, secrets)).toEqual([]);
		expect(leaks(kept, secrets)).toEqual([]);
	});

	it('cancelled while waiting', async () => {
		emu.setOptions({ durationMs: 60_000, pollAfterMs: 5000 });
		const controller = new AbortController();
		const watcher = setInterval(() => {
			if (emu.requests().some((r) => r.kind === 'create' && r.status === 200)) {
				clearInterval(watcher);
				setTimeout(() => controller.abort(), 200);
			}
		}, 10);
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: 'a slow job' })],
			credentials: { soraApi: { apiKey: API_KEY, baseUrl: emu.baseUrl, webhookSecret: WEBHOOK_SECRET } },
			abortController: controller,
		});
		clearInterval(watcher);
		expect(result.error?.message).toMatch(/cancel+ed/);
		expect(leaks(result, secretsOf({ apiKey: API_KEY, webhookSecret: WEBHOOK_SECRET }))).toEqual([]);
	});

	// An Extra Headers line that lacks its colon usually carries a secret (`X-Api-Key sk-...`),
	// and a key pasted into the Base URL field is a secret too: neither may be echoed.
	it.each([
		['an Extra Headers line without its colon', { extraHeaders: `X-Api-Key ${API_KEY}` }, /Extra Headers/],
		['the API key pasted into Base URL', { baseUrl: API_KEY }, /Base URL/],
	])('a credential mistake does not echo the key: %s', async (_name, credential, expected) => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'get', videoId: 'video_abc' })],
			credentials: { soraApi: { apiKey: API_KEY, baseUrl: emu.baseUrl, webhookSecret: WEBHOOK_SECRET, ...credential } },
		});
		expect(result.error?.message).toMatch(expected);
		expect(leaks(result, [API_KEY])).toEqual([]);
	});
});
