// Credential headers stay on the Base URL's origin, redirects and handed-out links included.
//
// Two loopback servers written here: "home" is the Base URL's origin (http://127.0.0.1:A/v1)
// and "away" another origin (http://localhost:B: another host name, another port). Home answers
// the content route with the redirect chain a test asks for; either server serves a real MP4 (the
// emulator's bytes) at /files/<name> and redirects again at /hop/<n>. Both log every request's
// headers, so each test checks, per hop, that every credential-derived header arrived at home
// and none reached away: the key in both Send Key As modes, OpenAI-Organization, OpenAI-Project
// and every Extra Header. The webhook signing secret is never sent anywhere.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { binaryBuffer, continueOnFail, runWorkflow } from '../harness';
import { completedVideo, emulatorContent, soraNode, startEmulator, useEmulator, type Emulator } from '../harness/sora';

jest.setTimeout(60_000);

const harness = useEmulator({}, {});

const KEY = 'sk-redirect-canary-0a1b2c3d4e5f';
const ORG = 'org-canary-7788';
const PROJECT = 'proj_canary_9911';
const GATEWAY_KEY = 'gw-canary-5566';
const PORTKEY = 'pk-canary-3344';
const WEBHOOK_SECRET = `whsec_${Buffer.from('redirect-webhook-secret-canary').toString('base64')}`;
const VIDEO_ID = 'video_redirect_test';

interface Logged {
	server: 'home' | 'away';
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
}

/** A redirect chain: each hop says which server answers it and with which status; the last hop serves the file. */
interface Hop {
	at: 'home' | 'away';
	status: number;
}

let mp4: Buffer;
const log: Logged[] = [];
let chain: Hop[] = [];
/** What home answers on the content route instead of a redirect (a JSON link), when set. */
let contentJson: ((urls: { home: string; away: string }) => IDataObject) | undefined;
const servers: Record<'home' | 'away', { server: http.Server; origin: string }> = {} as never;

function originFor(which: 'home' | 'away'): string {
	return servers[which].origin;
}

/** Where hop `n` of the chain is: hops after the last redirect point at the file. */
function urlOfHop(n: number): string {
	if (n >= chain.length) throw new Error('no such hop');
	const next = chain[n];
	return n === chain.length - 1 ? `${originFor(next.at)}/files/${VIDEO_ID}.mp4` : `${originFor(next.at)}/hop/${n + 1}`;
}

function handler(which: 'home' | 'away') {
	return (req: http.IncomingMessage, res: http.ServerResponse) => {
		const url = new URL(req.url ?? '/', 'http://x');
		log.push({ server: which, method: req.method ?? '', path: url.pathname, headers: req.headers });
		const content = /^\/v1\/videos\/[^/]+\/content$/.test(url.pathname);
		const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
		if (content && contentJson) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(contentJson({ home: originFor('home'), away: originFor('away') })));
			return;
		}
		if (content || hop) {
			const n = hop ? Number(hop[1]) : 0;
			// Hop n's status is the status of the answer that sends the client to hop n + 1.
			const status = chain[n].status;
			res.writeHead(status, { location: urlOfHop(n) });
			res.end();
			return;
		}
		if (url.pathname.startsWith('/files/')) {
			res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': mp4.length });
			res.end(mp4);
			return;
		}
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end('{"error":{"message":"no such route"}}');
	};
}

beforeAll(async () => {
	const emu = harness.emulator;
	const video = await completedVideo(emu);
	mp4 = (await emulatorContent(emu, String(video.id))).bytes;
	for (const [which, host] of [
		['home', '127.0.0.1'],
		['away', 'localhost'],
	] as const) {
		const server = http.createServer(handler(which));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		servers[which] = { server, origin: `http://${host}:${(server.address() as AddressInfo).port}` };
	}
});
afterAll(async () => {
	for (const { server } of Object.values(servers)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});
beforeEach(() => {
	log.length = 0;
	chain = [];
	contentJson = undefined;
});

type KeyMode = 'bearer' | 'apiKeyHeader';

/** Every credential-derived header, as a server sees it (lower-case name, exact value). */
function credentialHeaders(mode: KeyMode): Record<string, string> {
	return {
		...(mode === 'bearer' ? { authorization: `Bearer ${KEY}` } : { 'api-key': KEY }),
		'openai-organization': ORG,
		'openai-project': PROJECT,
		'x-gateway-key': GATEWAY_KEY,
		'x-portkey-api-key': PORTKEY,
	};
}

const SECRET_VALUES = [KEY, ORG, PROJECT, GATEWAY_KEY, PORTKEY, WEBHOOK_SECRET, 'redirect-webhook-secret-canary'];

function credential(mode: KeyMode): Record<string, string> {
	return {
		apiKey: KEY,
		baseUrl: `${originFor('home')}/v1`,
		authType: mode,
		organizationId: ORG,
		projectId: PROJECT,
		extraHeaders: `X-Gateway-Key: ${GATEWAY_KEY}\nX-Portkey-Api-Key: ${PORTKEY}`,
		webhookSecret: WEBHOOK_SECRET,
	};
}

async function download(mode: KeyMode, onFail = false) {
	const node = soraNode({ operation: 'download', videoId: VIDEO_ID });
	return await runWorkflow({ nodes: [onFail ? continueOnFail(node) : node], credentials: { soraApi: credential(mode) } });
}

/** Every credential header on every request home got; none of them, nor any secret value, away. */
function expectHeadersOnlyAtHome(mode: KeyMode) {
	const expected = credentialHeaders(mode);
	for (const entry of log) {
		if (entry.server === 'home') {
			for (const [name, value] of Object.entries(expected)) expect([entry.path, name, entry.headers[name]]).toEqual([entry.path, name, value]);
			continue;
		}
		for (const name of [...Object.keys(expected), 'authorization', 'api-key']) expect([entry.path, name, entry.headers[name]]).toEqual([entry.path, name, undefined]);
		const values = JSON.stringify(entry.headers);
		for (const secret of SECRET_VALUES) expect(values).not.toContain(secret);
	}
	// The signing secret is for the trigger only: no request anywhere carries it.
	const everything = JSON.stringify(log.map((e) => e.headers));
	expect(everything).not.toContain(WEBHOOK_SECRET);
}

const MODES: KeyMode[] = ['bearer', 'apiKeyHeader'];
const STATUSES = [301, 302, 303, 307, 308];

describe('redirects keep credential headers on the Base URL origin', () => {
	describe.each(MODES)('Send Key As %s', (mode) => {
		it.each(STATUSES)('a %i to another origin is followed with none of them', async (status) => {
			chain = [{ at: 'away', status }];
			const result = await download(mode);
			expect(result.error).toBeUndefined();
			expect((await binaryBuffer(result.outputs.Sora[0], 'data')).equals(mp4)).toBe(true);
			expect(log.map((e) => `${e.server} ${e.method} ${e.path}`)).toEqual([
				`home GET /v1/videos/${VIDEO_ID}/content`,
				`away GET /files/${VIDEO_ID}.mp4`,
			]);
			expectHeadersOnlyAtHome(mode);
		});

		it.each(STATUSES)('a %i on the same origin keeps them', async (status) => {
			chain = [{ at: 'home', status }];
			const result = await download(mode);
			expect(result.error).toBeUndefined();
			expect((await binaryBuffer(result.outputs.Sora[0], 'data')).equals(mp4)).toBe(true);
			expect(log.map((e) => `${e.server} ${e.path}`)).toEqual([`home /v1/videos/${VIDEO_ID}/content`, `home /files/${VIDEO_ID}.mp4`]);
			expectHeadersOnlyAtHome(mode);
		});

		it.each<[string, Hop[], string[]]>([
			['home -> home -> away', [{ at: 'home', status: 302 }, { at: 'away', status: 307 }], ['home', 'home', 'away']],
			['home -> away -> away', [{ at: 'away', status: 303 }, { at: 'away', status: 308 }], ['home', 'away', 'away']],
			['home -> home -> home', [{ at: 'home', status: 307 }, { at: 'home', status: 302 }], ['home', 'home', 'home']],
		])('a chain of two, %s', async (_name, hops, servedBy) => {
			chain = hops;
			const result = await download(mode);
			expect(result.error).toBeUndefined();
			expect((await binaryBuffer(result.outputs.Sora[0], 'data')).equals(mp4)).toBe(true);
			expect(log.map((e) => e.server)).toEqual(servedBy);
			expectHeadersOnlyAtHome(mode);
		});

		it('a chain that leaves the origin and comes back gets nothing back there', async () => {
			chain = [{ at: 'away', status: 302 }, { at: 'home', status: 302 }];
			const result = await download(mode);
			expect(result.error).toBeUndefined();
			expect(log.map((e) => e.server)).toEqual(['home', 'away', 'home']);
			const back = log[2];
			for (const name of Object.keys(credentialHeaders(mode))) expect([name, back.headers[name]]).toEqual([name, undefined]);
			expect(JSON.stringify(back.headers)).not.toContain(KEY);
		});

		it.each<[string, (u: { home: string; away: string }) => IDataObject, 'home' | 'away']>([
			['a JSON {url} on another origin', (u) => ({ url: `${u.away}/files/${VIDEO_ID}.mp4` }), 'away'],
			['OpenRouter unsigned_urls on another origin', (u) => ({ unsigned_urls: [`${u.away}/files/${VIDEO_ID}.mp4`] }), 'away'],
			['a JSON {url} on the same origin', (u) => ({ url: `${u.home}/files/${VIDEO_ID}.mp4` }), 'home'],
		])('%s: the link gets the credential only on the Base URL origin', async (_name, body, where) => {
			contentJson = body;
			const result = await download(mode);
			expect(result.error).toBeUndefined();
			expect((await binaryBuffer(result.outputs.Sora[0], 'data')).equals(mp4)).toBe(true);
			expect(log.map((e) => e.server)).toEqual(['home', where]);
			expectHeadersOnlyAtHome(mode);
		});

		it('a handed-out link that redirects to another origin loses nothing to it', async () => {
			chain = [{ at: 'home', status: 302 }, { at: 'away', status: 302 }];
			contentJson = (u) => ({ url: `${u.home}/hop/1` });
			const result = await download(mode);
			expect(result.error).toBeUndefined();
			expect(log.map((e) => `${e.server} ${e.path}`)).toEqual([`home /v1/videos/${VIDEO_ID}/content`, 'home /hop/1', `away /files/${VIDEO_ID}.mp4`]);
			expectHeadersOnlyAtHome(mode);
		});
	});

	it.each<[string, Record<string, string>]>([
		['the key alone (Bearer)', { authType: 'bearer', organizationId: '', projectId: '', extraHeaders: '' }],
		['the key alone (api-key)', { authType: 'apiKeyHeader', organizationId: '', projectId: '', extraHeaders: '' }],
		['Organization alone beside the key', { projectId: '', extraHeaders: '' }],
		['Project alone beside the key', { organizationId: '', extraHeaders: '' }],
		['Extra Headers alone beside the key', { organizationId: '', projectId: '' }],
	])('each credential field on its own: %s', async (_name, fields) => {
		chain = [{ at: 'away', status: 302 }];
		const cred = { ...credential('bearer'), ...fields };
		const result = await runWorkflow({ nodes: [soraNode({ operation: 'download', videoId: VIDEO_ID })], credentials: { soraApi: cred } });
		expect(result.error).toBeUndefined();
		const [home, away] = log;
		expect(away.server).toBe('away');
		const sentHome = Object.keys(home.headers).filter((n) => ['authorization', 'api-key', 'openai-organization', 'openai-project', 'x-gateway-key', 'x-portkey-api-key'].includes(n));
		expect(sentHome.length).toBeGreaterThan(0);
		for (const name of sentHome) expect([name, away.headers[name]]).toEqual([name, undefined]);
		for (const secret of SECRET_VALUES) expect(JSON.stringify(away.headers)).not.toContain(secret);
	});

	it('follows 5 redirects and refuses the 6th, naming the video', async () => {
		chain = Array.from({ length: 5 }, () => ({ at: 'home' as const, status: 302 }));
		const five = await download('bearer');
		expect(five.error).toBeUndefined();
		expect(log).toHaveLength(6);

		log.length = 0;
		chain = Array.from({ length: 7 }, (_, i) => ({ at: i % 2 ? ('away' as const) : ('home' as const), status: 307 }));
		const seven = await download('bearer');
		expect(seven.error?.message).toContain(VIDEO_ID);
		expect(seven.error?.message).toMatch(/more than 5 times/);
		// The first request and the 5 hops followed; the 6th redirect is not.
		expect(log).toHaveLength(6);
		expect(log.some((e) => e.path.startsWith('/files/'))).toBe(false);

		const kept = await download('bearer', true);
		const error = kept.outputs.Sora[0].json.error as IDataObject;
		expect(String(error.message)).toMatch(/more than 5 times/);
		expect(error.videoId).toBe(VIDEO_ID);
	});
});

describe('links in an OpenRouter job answer are not followed with the credential', () => {
	let router: Emulator;
	beforeAll(async () => {
		router = await startEmulator({ profile: 'openrouter', apiKey: KEY });
	});
	afterAll(async () => {
		await router?.close();
	});

	it('a polling_url and unsigned_urls on another host get no request; the job is polled and fetched at the Base URL', async () => {
		const away = originFor('away');
		router.setFaults([
			{
				match: { kind: ['create', 'get'] },
				fault: { type: 'rewrite', set: { polling_url: `${away}/poll/elsewhere`, unsigned_urls: [`${away}/files/elsewhere.mp4`] } },
			},
		]);
		const result = await runWorkflow({
			nodes: [
				soraNode({
					operation: 'create',
					prompt: 'a polling url elsewhere',
					model: { __rl: true, mode: 'id', value: 'google/veo-3.1' },
					seconds: 'custom',
					customSeconds: '6',
					size: '1280x720',
					options: { pollInterval: 1, maxWait: 1 },
				}),
			],
			credentials: { soraApi: { ...credential('bearer'), baseUrl: router.baseUrl, dialect: 'openrouter' } },
		});
		expect(result.error).toBeUndefined();
		const [item] = result.outputs.Sora;
		expect(item.json.polling_url).toBe(`${away}/poll/elsewhere`);
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect(log.filter((e) => e.server === 'away')).toEqual([]);
		expect(router.requests().some((r) => r.kind === 'get')).toBe(true);
	});
});
