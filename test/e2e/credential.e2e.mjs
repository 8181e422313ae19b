// The Sora API credential's built-in test, in a RUNNING n8n (`n8n start`), the way the
// credential dialog runs it: the editor saves the credential (POST /rest/credentials with
// the fields that differ from their defaults), then tests it (POST /rest/credentials/test
// with { credentials: { id, name, type, data } }, data = the whole form, defaults included).
// Reopening a saved credential re-tests it with the data GET /rest/credentials/:id returns,
// where the API key is redacted and n8n puts the stored key back server-side.
//
// The credential's test is declarative: GET {normalised Base URL}/videos?limit=1, signed by
// its generic `authenticate`, whose header NAME is an expression (Authorization or api-key
// by Send Key As). The emulator's request log shows what arrived (header values redacted).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createN8n, freePort, startEmulator } from './lib/harness.mjs';

const TYPE = 'soraApi';
const WRONG_KEY = 'sk-wrong-e2e-0123456789abcdefWRONG';

describe('Sora API credential test in a running n8n (the dialog\'s Test)', { timeout: 300_000 }, () => {
	let openai; // emulator, profile openai: /v1, Authorization: Bearer
	let azure; // emulator, profile azure: /openai/v1, api-key
	let openrouter; // emulator, profile openrouter: /api/v1, JSON dialect, no list route
	let n8n;
	let server;
	let defaults; // the credential form's defaults, as the editor reads them
	let counter = 0;

	before(async () => {
		[openai, azure, openrouter] = await Promise.all([
			startEmulator(['--profile', 'openai']),
			startEmulator(['--profile', 'azure']),
			startEmulator(['--profile', 'openrouter']),
		]);
		assert.match(openai.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
		assert.match(azure.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/openai\/v1$/);
		n8n = createN8n('credential');
		server = await n8n.start();
		await server.setupOwner();
		// What the editor loads to build the dialog: the installed package's credential type.
		const res = await fetch(`${server.url}/types/credentials.json`, {
			headers: { cookie: server.cookie, 'browser-id': server.browserId },
			signal: AbortSignal.timeout(30_000),
		});
		assert.equal(res.status, 200);
		const type = (await res.json()).find((t) => t.name === TYPE);
		assert.ok(type, `n8n does not list the ${TYPE} credential type`);
		assert.ok(type.test?.request, `${TYPE} has no declarative test in the running n8n`);
		defaults = Object.fromEntries(type.properties.map((p) => [p.name, p.default]));
		assert.equal(defaults.authType, 'bearer');
	});

	after(async () => {
		await n8n?.dispose();
		await Promise.all([openai?.stop(), azure?.stop(), openrouter?.stop()]);
	});

	/** The fields a user typed, as the editor saves them: only those that differ from the defaults. */
	const saved = (fields) => Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== defaults[k]));
	/** The whole form, as the editor tests it. */
	const form = (fields) => ({ ...defaults, ...fields });

	async function testCredential(id, name, data) {
		return await server.rest('POST', '/credentials/test', { credentials: { id, name, type: TYPE, data } });
	}

	/** Save a new credential in the dialog: create, then the automatic test. */
	async function saveAndTest(fields) {
		const name = `Sora e2e ${++counter}`;
		const created = await server.rest('POST', '/credentials', { name, type: TYPE, data: saved(fields) });
		assert.ok(created.id, `no id in ${JSON.stringify(created)}`);
		return { id: created.id, name, result: await testCredential(created.id, name, form(fields)) };
	}

	/** Change fields of a saved credential and save again (PATCH, then the automatic test). */
	async function updateAndTest(cred, fields) {
		await server.rest('PATCH', `/credentials/${cred.id}`, { name: cred.name, type: TYPE, data: saved(fields) });
		return await testCredential(cred.id, cred.name, form(fields));
	}

	/** Runs `action` and returns its result with the API requests the emulator logged meanwhile. */
	async function logged(emulator, action) {
		const seen = (await emulator.requests()).length;
		const result = await action();
		const requests = (await emulator.requests()).slice(seen);
		return { ...result, requests };
	}

	/**
	 * The request a credential test makes: GET <prefix>/videos?limit=1 with one auth header.
	 * On a 401 n8n 2.41 sends it a second time, unchanged: httpRequestWithAuthentication
	 * retries once after "refreshing" the credential (preAuthentication, a no-op here).
	 */
	function assertTestCall(requests, { path, header, status }) {
		const expected = status === 401 ? [1, 2] : [1];
		assert.ok(
			expected.includes(requests.length),
			`expected ${expected.join(' or ')} request(s), got ${JSON.stringify(requests, null, 1)}`,
		);
		for (const r of requests) assertOneCall(r, { path, header, status });
	}

	function assertOneCall(r, { path, header, status }) {
		assert.equal(r.method, 'GET');
		assert.equal(r.path, path);
		assert.equal(r.kind, 'list');
		assert.deepEqual(r.query, { limit: '1' });
		assert.equal(r.status, status);
		if (header === 'authorization') {
			assert.equal(r.headers.authorization, 'Bearer REDACTED', 'Authorization: Bearer <key> did not arrive');
			assert.equal(r.headers['api-key'], undefined, 'an api-key header arrived as well');
		} else {
			assert.equal(r.headers['api-key'], 'REDACTED', 'the api-key header did not arrive');
			assert.equal(r.headers.authorization, undefined, 'an Authorization header arrived as well');
		}
		// The header name is an expression: it must have been resolved, not sent literally.
		for (const name of Object.keys(r.headers)) assert.doesNotMatch(name, /\{\{|\$credentials|^=/);
	}

	test('1. openai, Bearer, right key: Connection successful', async (t) => {
		const { result, requests } = await logged(openai, () =>
			saveAndTest({ apiKey: openai.apiKey, baseUrl: openai.baseUrl, authType: 'bearer' }),
		);
		t.diagnostic(`n8n answered ${JSON.stringify(result)}`);
		assert.equal(result.status, 'OK', JSON.stringify(result));
		assert.equal(result.message, 'Connection successful!');
		assertTestCall(requests, { path: '/v1/videos', header: 'authorization', status: 200 });
	});

	test('1b. reopening the saved credential re-tests it with the redacted key: still OK', async (t) => {
		const { id, name } = await saveAndTest({ apiKey: openai.apiKey, baseUrl: openai.baseUrl });
		const stored = await server.rest('GET', `/credentials/${id}?includeData=true`);
		assert.ok(stored.data, `no data in ${JSON.stringify(stored)}`);
		assert.notEqual(stored.data.apiKey, openai.apiKey, 'GET /rest/credentials/:id returned the API key in clear');
		assert.ok(!JSON.stringify(stored).includes(openai.apiKey), 'the API key appears in the reopened credential');
		const { result, requests } = await logged(openai, async () => ({
			result: await testCredential(id, name, form(stored.data)),
		}));
		t.diagnostic(`redacted key sent as ${JSON.stringify(stored.data.apiKey)}; n8n answered ${JSON.stringify(result)}`);
		assert.equal(result.status, 'OK', JSON.stringify(result));
		assertTestCall(requests, { path: '/v1/videos', header: 'authorization', status: 200 });
	});

	test('2. openai, Bearer, wrong key: Error that says unauthorized, key not echoed', async (t) => {
		const { result, requests } = await logged(openai, () =>
			saveAndTest({ apiKey: WRONG_KEY, baseUrl: openai.baseUrl, authType: 'bearer' }),
		);
		t.diagnostic(`n8n answered ${JSON.stringify(result)}`);
		assert.equal(result.status, 'Error', JSON.stringify(result));
		assert.match(result.message, /rejected the API key \(HTTP 401\)/);
		const text = JSON.stringify(result);
		assert.ok(!text.includes(WRONG_KEY), `the wrong key appears in n8n's answer: ${text}`);
		assert.ok(!text.includes(WRONG_KEY.slice(-12)), `part of the wrong key appears in n8n's answer: ${text}`);
		assertTestCall(requests, { path: '/v1/videos', header: 'authorization', status: 401 });
		assert.ok(!server.output().includes(WRONG_KEY), "the wrong key appears in n8n's log");
	});

	test('3. azure, Api-Key header: OK; switched to Bearer: Error', async (t) => {
		const fields = { apiKey: azure.apiKey, baseUrl: azure.baseUrl, authType: 'apiKeyHeader' };
		const ok = await logged(azure, () => saveAndTest(fields));
		t.diagnostic(`api-key: n8n answered ${JSON.stringify(ok.result)}`);
		assert.equal(ok.result.status, 'OK', JSON.stringify(ok.result));
		assertTestCall(ok.requests, { path: '/openai/v1/videos', header: 'api-key', status: 200 });

		// The same saved credential, Send Key As changed to Bearer by the user.
		const bad = await logged(azure, async () => ({ result: await updateAndTest(ok, { ...fields, authType: 'bearer' }) }));
		t.diagnostic(`bearer: n8n answered ${JSON.stringify(bad.result)}`);
		assert.equal(bad.result.status, 'Error', JSON.stringify(bad.result));
		assert.match(bad.result.message, /unauthori[sz]ed|401/i);
		assertTestCall(bad.requests, { path: '/openai/v1/videos', header: 'authorization', status: 401 });

		// And a new credential with Bearer against azure from the start.
		const fresh = await logged(azure, () => saveAndTest({ ...fields, authType: 'bearer' }));
		assert.equal(fresh.result.status, 'Error', JSON.stringify(fresh.result));
		assertTestCall(fresh.requests, { path: '/openai/v1/videos', header: 'authorization', status: 401 });
	});

	test('4. Base URL written differently: normalised to /v1/videos', async (t) => {
		const origin = openai.origin;
		const variants = [
			`${openai.baseUrl}/`, // trailing slash
			`${openai.baseUrl}//`,
			origin, // bare host: the credential appends /v1
			`${origin}/`,
			`  ${openai.baseUrl}  `, // pasted with spaces
			`${openai.baseUrl}/videos`, // pasted with the endpoint
		];
		for (const baseUrl of variants) {
			const { result, requests } = await logged(openai, () => saveAndTest({ apiKey: openai.apiKey, baseUrl }));
			t.diagnostic(`${JSON.stringify(baseUrl)}: ${JSON.stringify(result)} via ${requests.map((r) => r.path).join(', ')}`);
			assert.equal(result.status, 'OK', `${JSON.stringify(baseUrl)}: ${JSON.stringify(result)}`);
			assertTestCall(requests, { path: '/v1/videos', header: 'authorization', status: 200 });
		}
	});

	test('4b. a server under /openai/v1 typed as a bare host (not *.openai.azure.com) fails with a message that says why', async (t) => {
		// A bare host means the OpenAI-style /v1 root; only *.openai.azure.com hosts get /openai/v1
		// (unit-tested in test/unit/credential.test.ts). The 404 rule must explain the Base URL.
		const { result, requests } = await logged(azure, () =>
			saveAndTest({ apiKey: azure.apiKey, baseUrl: azure.origin, authType: 'apiKeyHeader' }),
		);
		t.diagnostic(`n8n answered ${JSON.stringify(result)} via ${requests.map((r) => r.path).join(', ')}`);
		assert.equal(result.status, 'Error', JSON.stringify(result));
		assert.match(result.message, /No Videos API at this Base URL \(HTTP 404\)/);
		assert.deepEqual(
			requests.map((r) => [r.method, r.path, r.query.limit, r.headers['api-key'], r.status]),
			[['GET', '/v1/videos', '1', 'REDACTED', 404]],
		);
	});

	test('5. unreachable Base URL: Error that names the connection failure', async (t) => {
		const port = await freePort(); // closed loopback port
		const { result } = await saveAndTest({ apiKey: openai.apiKey, baseUrl: `http://127.0.0.1:${port}/v1` });
		t.diagnostic(`n8n answered ${JSON.stringify(result)}`);
		assert.equal(result.status, 'Error', JSON.stringify(result));
		assert.match(result.message, /ECONNREFUSED|refused|connect/i);
		assert.ok(!JSON.stringify(result).includes(openai.apiKey), 'the API key appears in the answer');
	});

	test('OpenRouter dialect: the test asks GET /key, which checks the key (OpenRouter has no list route)', async (t) => {
		const { result, requests } = await logged(openrouter, () =>
			saveAndTest({ apiKey: openrouter.apiKey, baseUrl: openrouter.baseUrl, dialect: 'openrouter' }),
		);
		t.diagnostic(`n8n answered ${JSON.stringify(result)}`);
		assert.equal(result.status, 'OK', JSON.stringify(result));
		assert.equal(requests.length, 1, JSON.stringify(requests));
		assert.equal(requests[0].path, '/api/v1/key');
		assert.equal(requests[0].kind, 'key');
		assert.equal(requests[0].status, 200);
		assert.equal(requests[0].authOk, true);
		assert.equal(requests[0].headers.authorization, 'Bearer REDACTED');
	});

	test('OpenRouter dialect, wrong key: the test fails with 401 (the public model list would have passed)', async (t) => {
		const { result, requests } = await logged(openrouter, () =>
			saveAndTest({ apiKey: WRONG_KEY, baseUrl: openrouter.baseUrl, dialect: 'openrouter' }),
		);
		t.diagnostic(`n8n answered ${JSON.stringify(result)}`);
		assert.equal(result.status, 'Error', JSON.stringify(result));
		assert.match(result.message, /rejected the API key \(HTTP 401\)/);
		assert.ok(!JSON.stringify(result).includes(WRONG_KEY), 'the wrong key appears in the answer');
		assert.ok(requests.length >= 1 && requests.every((r) => r.path === '/api/v1/key' && r.status === 401), JSON.stringify(requests));
	});
});
