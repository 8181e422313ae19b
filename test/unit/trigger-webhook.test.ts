// The trigger's webhook() decisions (status codes, what starts a run, duplicates, secrets in logs)
// with a hand-built context and the "event" output, which makes no API call. The engine suite
// runs the same method inside n8n-core with real HTTP.
import { randomBytes } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { DeliveryLog, deliveryLog } from '../../nodes/SoraVideoTrigger/deliveries';
import { signOpenRouter } from '../../nodes/SoraVideo/transport/dialects/openrouterCallback';
import { REMEMBER_MS, SecretMemory } from '../../nodes/SoraVideoTrigger/signingSecret';
import { sign } from '../../nodes/SoraVideoTrigger/signature';
import { SoraVideoTrigger } from '../../nodes/SoraVideoTrigger/SoraVideoTrigger.node';

const signingKey = () => `whsec_${randomBytes(32).toString('base64')}`;
const apiKey = 'sk-test-key-that-must-never-appear';

interface Call {
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** undefined: n8n has not read the body yet (readRawBody() provides it) */
	rawBodyPreloaded?: boolean;
	params?: IDataObject;
	webhookSecret?: string;
	workflowId?: string;
	nodeId?: string;
	mode?: 'webhook' | 'manual';
	/** What the API answers (default: 401 echoing the key); gets what was answered so far. */
	api?: (answered: { status?: number }) => Promise<unknown>;
	/** The credential read fails (deleted credential, database down). */
	credentialsFail?: boolean;
	/** The saved credential's id (then the signing secret is remembered for a few seconds). */
	credentialId?: string;
}

/** How many times the trigger asked n8n for its credential. */
let credentialReads = 0;

interface Outcome {
	result: IWebhookResponseData;
	status?: number;
	sent?: unknown;
	logs: string[];
}

async function deliver(call: Call): Promise<Outcome> {
	const params: IDataObject = { events: ['video.completed', 'video.failed'], output: 'event', options: {}, ...call.params };
	const raw = call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body);
	const req: IDataObject & { rawBody?: Buffer } = {
		headers: call.headers ?? {},
		body: {},
		rawBody: call.rawBodyPreloaded === false ? undefined : raw,
		readRawBody: async () => {
			req.rawBody = raw;
		},
	};
	const outcome: Partial<Outcome> & { logs: string[] } = { logs: [] };
	const res = {
		status(code: number) {
			outcome.status = code;
			return res;
		},
		json(body: unknown) {
			outcome.sent = body;
			return res;
		},
	};
	const logger = {
		warn: (m: string) => outcome.logs.push(`warn ${m}`),
		debug: (m: string) => outcome.logs.push(`debug ${m}`),
		info: (m: string) => outcome.logs.push(`info ${m}`),
		error: (m: string) => outcome.logs.push(`error ${m}`),
	};
	const credentialData = { apiKey, baseUrl: 'http://127.0.0.1:9/v1', webhookSecret: call.webhookSecret };
	const ctx = {
		getNode: () => ({
			id: call.nodeId ?? 'node-1',
			name: 'Sora Video Trigger',
			type: 'soraVideoTrigger',
			typeVersion: 1,
			parameters: {},
			...(call.credentialId ? { credentials: { soraApi: { id: call.credentialId, name: 'Sora' } } } : {}),
		}),
		getWorkflow: () => ({ id: call.workflowId ?? 'wf-1', active: true }),
		getMode: () => call.mode ?? 'webhook',
		getRequestObject: () => req,
		getResponseObject: () => res,
		getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
		getCredentials: async () => {
			credentialReads++;
			if (call.credentialsFail) throw new Error('Credential with ID "c1" does not exist for type "soraApi" at /usr/lib/node_modules/n8n/dist/x.js');
			return credentialData;
		},
		logger,
		helpers: {
			// The API refuses the key (401 is not retried), echoing it as some servers do.
			httpRequestWithAuthentication: async () =>
				call.api
					? await call.api({ status: outcome.status })
					: {
							statusCode: 401,
							headers: {},
							body: { error: { message: `Incorrect API key provided: ${apiKey}`, code: 'invalid_api_key' } },
						},
		},
	} as unknown as IWebhookFunctions;
	outcome.result = await new SoraVideoTrigger().webhook.call(ctx);
	return outcome as Outcome;
}

/** A fresh event each call (another video): the process-wide duplicate filter remembers every event it accepted. */
function event(type = 'video.completed', videoId = `video_${randomBytes(6).toString('hex')}`, id = `evt_${randomBytes(6).toString('hex')}`) {
	return JSON.stringify({ id, object: 'event', created_at: 1750000000, type, data: { id: videoId } });
}

function signed(secret: string, body: string | Buffer, id = `msg_${randomBytes(6).toString('hex')}`, ts = Math.floor(Date.now() / 1000)) {
	return {
		'content-type': 'application/json',
		'webhook-id': id,
		'webhook-timestamp': String(ts),
		'webhook-signature': sign(secret, id, ts, body),
	};
}

describe('Sora Video Trigger webhook()', () => {
	it('starts the workflow with the event as delivered, plus its output state and the keys that name the delivery', async () => {
		const secret = signingKey();
		const body = event('video.completed', 'video_abc');
		const headers = signed(secret, body);
		const out = await deliver({ headers, body, webhookSecret: secret });
		expect(out.status).toBeUndefined();
		const keys = { deliveryId: headers['webhook-id'], idempotencyKey: 'video.completed:video_abc' };
		expect(out.result.workflowData).toEqual([[{ json: { ...JSON.parse(body), state: 'completed', ...keys } }]]);
	});

	it('gives a video.failed event the output state failed', async () => {
		const secret = signingKey();
		const body = event('video.failed', 'video_bad');
		const out = await deliver({ headers: signed(secret, body), body, webhookSecret: secret });
		expect(out.result.workflowData?.[0]?.[0]?.json).toMatchObject({ type: 'video.failed', state: 'failed' });
	});

	it('reads the raw body itself when n8n has not (readRawBody)', async () => {
		const secret = signingKey();
		const body = event();
		const out = await deliver({ headers: signed(secret, body), body, webhookSecret: secret, rawBodyPreloaded: false });
		expect(out.result.workflowData?.[0]).toHaveLength(1);
	});

	it('answers 401 and starts nothing for a forged or tampered delivery', async () => {
		const secret = signingKey();
		const body = event('video.completed', 'video_1');
		const headers = signed(secret, body);
		for (const call of [
			{ headers, body: body.replace('video_1', 'video_2') },
			{ headers: signed(signingKey(), body), body },
			{ headers: { ...headers, 'webhook-signature': 'v1,AAAA' }, body },
			{ headers: { 'content-type': 'application/json' }, body },
			{ headers: signed(secret, body, 'msg_old', Math.floor(Date.now() / 1000) - 301), body },
		]) {
			const out = await deliver({ ...call, webhookSecret: secret });
			expect(out.status).toBe(401);
			expect(out.result).toEqual({ noWebhookResponse: true });
			expect(out.sent).toEqual({ error: 'Invalid webhook signature' });
		}
	});

	it('refuses (401) when no secret is configured, and says why in the log', async () => {
		const body = event();
		const out = await deliver({ headers: signed(signingKey(), body), body, webhookSecret: '' });
		expect(out.status).toBe(401);
		expect(out.result).toEqual({ noWebhookResponse: true });
		expect(out.logs.join('\n')).toMatch(/no Webhook Signing Secret/);
	});

	it('accepts unsigned deliveries only with Skip Signature Check (Insecure)', async () => {
		const body = event('video.failed');
		const out = await deliver({ body, webhookSecret: '', params: { options: { skipSignatureCheck: true } } });
		expect(out.result.workflowData?.[0][0].json).toMatchObject({ type: 'video.failed' });
	});

	it('answers 400 for a signed body that is not JSON or not an event', async () => {
		const secret = signingKey();
		for (const body of ['not json', '[1,2]', '"text"', '{"object":"event"}', '{"type":"video.completed","data":{}}', '']) {
			const out = await deliver({ headers: signed(secret, body), body, webhookSecret: secret });
			expect(out.status).toBe(400);
			expect(out.result).toEqual({ noWebhookResponse: true });
		}
	});

	it('answers 200 and starts nothing for an event that is not selected', async () => {
		const secret = signingKey();
		const body = event('video.failed');
		const out = await deliver({
			headers: signed(secret, body),
			body,
			webhookSecret: secret,
			params: { events: ['video.completed'] },
		});
		expect(out.status).toBe(200);
		expect(out.result).toEqual({ noWebhookResponse: true });
		// other event types sent to the same endpoint, too
		const other = JSON.stringify({ id: 'evt_b', type: 'batch.completed', data: { id: 'batch_1' } });
		const out2 = await deliver({ headers: signed(secret, other), body: other, webhookSecret: secret });
		expect(out2.status).toBe(200);
		expect(out2.result.workflowData).toBeUndefined();
	});

	it('starts one execution for a duplicate webhook-id (retry or replay) and answers the others 200', async () => {
		const secret = signingKey();
		const body = event();
		const headers = signed(secret, body, `msg_dup_${randomBytes(4).toString('hex')}`);
		const first = await deliver({ headers, body, webhookSecret: secret });
		expect(first.result.workflowData).toHaveLength(1);
		const replay = await deliver({ headers, body, webhookSecret: secret });
		expect(replay.status).toBe(200);
		expect(replay.result).toEqual({ noWebhookResponse: true });
		// a retry with a fresh timestamp and signature but the same message id is a duplicate too
		const ts = Math.floor(Date.now() / 1000) + 5;
		const again = await deliver({ headers: signed(secret, body, headers['webhook-id'], ts), body, webhookSecret: secret });
		expect(again.status).toBe(200);
		expect(again.result.workflowData).toBeUndefined();
		// the same message id for another workflow's endpoint, or for the test URL, is not a duplicate
		const elsewhere = await deliver({ headers, body, webhookSecret: secret, workflowId: 'wf-2' });
		expect(elsewhere.result.workflowData).toHaveLength(1);
		const testUrl = await deliver({ headers, body, webhookSecret: secret, mode: 'manual' });
		expect(testUrl.result.workflowData).toHaveLength(1);
	});

	it('starts no second execution for the same signed event under a new or missing message id (both dialects)', async () => {
		const secret = signingKey();
		const body = event();
		expect((await deliver({ headers: signed(secret, body), body, webhookSecret: secret })).result.workflowData).toHaveLength(1);
		// Standard Webhooks: the provider resends the event under a new webhook-id, signed anew
		const resent = await deliver({ headers: signed(secret, body, 'msg_resent'), body, webhookSecret: secret });
		expect([resent.status, resent.sent, resent.result.workflowData]).toEqual([200, { received: true, duplicate: true }, undefined]);

		// OpenRouter signs the timestamp and body, not X-OpenRouter-Idempotency-Key
		const orSecret = 'or-secret-0123456789';
		const orBody = JSON.stringify({ type: 'video.generation.completed', created_at: new Date().toISOString(), data: { id: `gen-${randomBytes(4).toString('hex')}`, status: 'completed' } });
		const signature = signOpenRouter(orSecret, Math.floor(Date.now() / 1000), orBody);
		const post = (headers: Record<string, string>) => deliver({ headers: { 'x-openrouter-signature': signature, ...headers }, body: orBody, webhookSecret: orSecret });
		expect((await post({ 'x-openrouter-idempotency-key': 'gen-completed' })).result.workflowData).toHaveLength(1);
		for (const headers of [{ 'x-openrouter-idempotency-key': 'a-new-key' }, {}] as Record<string, string>[]) {
			const copy = await post(headers);
			expect([copy.status, copy.sent, copy.result.workflowData]).toEqual([200, { received: true, duplicate: true }, undefined]);
		}
	});

	it('answers 409 to a copy that arrives while the first is still being processed, then 200 once it ran', async () => {
		const secret = signingKey();
		const body = event();
		const headers = signed(secret, body, `msg_c_${randomBytes(4).toString('hex')}`);
		const outs = await Promise.all([1, 2, 3].map(() => deliver({ headers, body, webhookSecret: secret })));
		expect(outs.filter((o) => o.result.workflowData).length).toBe(1);
		expect(outs.filter((o) => o.status === 409 && o.result.noWebhookResponse).map((o) => o.status)).toEqual([409, 409]);
		expect((await deliver({ headers, body, webhookSecret: secret })).status).toBe(200);
	});

	it('does not remember ids of refused deliveries (no poisoning with unsigned ids)', async () => {
		const secret = signingKey();
		const body = event();
		const headers = signed(secret, body, `msg_p_${randomBytes(4).toString('hex')}`);
		const forged = await deliver({ headers: { ...headers, 'webhook-signature': 'v1,AAAA' }, body, webhookSecret: secret });
		expect(forged.status).toBe(401);
		const real = await deliver({ headers, body, webhookSecret: secret });
		expect(real.result.workflowData).toHaveLength(1);
	});

	// Issue 21: the answer no longer waits for the fetch, so a failed fetch no longer answers 500
	// (which made the provider retry and started no run); the run starts with the id and the error.
	it('answers 200 before it fetches the video (Output = Video Object), then starts the run', async () => {
		const secret = signingKey();
		const body = event('video.completed', 'video_first');
		const seenAtFetch: Array<number | undefined> = [];
		const out = await deliver({
			headers: signed(secret, body),
			body,
			webhookSecret: secret,
			params: { output: 'video' },
			api: async (answered) => {
				seenAtFetch.push(answered.status);
				return { statusCode: 200, headers: {}, body: { id: 'video_first', object: 'video', status: 'completed', error: null } };
			},
		});
		expect(seenAtFetch).toEqual([200]);
		expect(out.sent).toEqual({ received: true });
		expect(out.result.noWebhookResponse).toBe(true);
		expect(out.result.workflowData?.[0][0].json).toMatchObject({ id: 'video_first', status: 'completed', idempotencyKey: 'video.completed:video_first' });
		expect(out.result.workflowData?.[0][0].json.error).toBeNull();
	});

	it('a fetch that fails after the answer still starts the run, with the id and the error, and never leaks the key', async () => {
		const secret = signingKey();
		const body = event('video.completed', 'video_unreachable');
		const headers = signed(secret, body, `msg_f_${randomBytes(4).toString('hex')}`);
		// output "video" fetches the video; the API answers 401 (not retried) echoing the key
		const out = await deliver({ headers, body, webhookSecret: secret, params: { output: 'video' } });
		expect(out.status).toBe(200);
		expect(out.result.noWebhookResponse).toBe(true);
		const [[item]] = out.result.workflowData!;
		expect(item.json).toMatchObject({
			id: 'video_unreachable',
			idempotencyKey: 'video.completed:video_unreachable',
			deliveryId: headers['webhook-id'],
			error: { status: 401, code: 'invalid_api_key', videoId: 'video_unreachable' },
		});
		expect((item.json.error as IDataObject).message).toMatch(/401/);
		expect(Object.keys(item.json.error as IDataObject).sort()).toEqual(['code', 'message', 'status', 'videoId']);
		expect(JSON.stringify(out)).not.toContain(apiKey);
		expect(out.logs.join('\n')).toMatch(/video_unreachable failed after the delivery was answered/);
		// the provider was answered and the run started: a retry of the same message is a duplicate
		const retry = await deliver({ headers, body, webhookSecret: secret, params: { output: 'video' } });
		expect(retry.status).toBe(200);
		expect(retry.result.workflowData).toBeUndefined();
	});

	it('a copy that arrives while the first is still fetching is answered 200 and starts nothing', async () => {
		const secret = signingKey();
		const body = event('video.completed', 'video_slow');
		const headers = signed(secret, body, `msg_s_${randomBytes(4).toString('hex')}`);
		let release!: () => void;
		const gate = new Promise<void>((resolve) => (release = resolve));
		const first = deliver({
			headers,
			body,
			webhookSecret: secret,
			params: { output: 'video' },
			api: async () => {
				await gate;
				return { statusCode: 200, headers: {}, body: { id: 'video_slow', object: 'video', status: 'completed' } };
			},
		});
		await new Promise((resolve) => setImmediate(resolve));
		const copy = await deliver({ headers, body, webhookSecret: secret, params: { output: 'video' } });
		expect(copy.status).toBe(200);
		expect(copy.sent).toEqual({ received: true, duplicate: true });
		expect(copy.result.workflowData).toBeUndefined();
		release();
		expect((await first).result.workflowData?.[0][0].json.id).toBe('video_slow');
	});

	it('a failure before the answer is a plain 500 with no stack or path, and nothing is claimed', async () => {
		const secret = signingKey();
		const body = event();
		const headers = signed(secret, body, `msg_c_${randomBytes(4).toString('hex')}`);
		const out = await deliver({ headers, body, webhookSecret: secret, credentialsFail: true });
		expect(out.status).toBe(500);
		expect(out.sent).toEqual({ error: 'The delivery could not be processed; retry later' });
		expect(out.result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(out.sent)).not.toMatch(/node_modules|\.js|at /);
		expect(out.logs.join('\n')).toMatch(/could not process a delivery \(500\)/);
		expect((await deliver({ headers, body, webhookSecret: secret })).result.workflowData).toHaveLength(1);
	});

	it('never writes the secret or the API key to the log or the response', async () => {
		const secret = signingKey();
		const body = event();
		const outs = [
			await deliver({ headers: signed(secret, body), body, webhookSecret: 'whsec_not base64!' }),
			await deliver({ headers: signed(signingKey(), body), body, webhookSecret: secret }),
			await deliver({ headers: signed(secret, 'x'), body: 'x', webhookSecret: secret }),
		];
		const text = JSON.stringify(outs);
		expect(text).not.toContain(secret.slice(6));
		expect(text).not.toContain(apiKey);
		expect(outs[0].logs.join()).toMatch(/Webhook Signing Secret/);
	});
});

describe('the signing secret, remembered per credential for a few seconds', () => {
	it('reads the credential once for a run of deliveries, and never with Skip Signature Check', async () => {
		const secret = signingKey();
		const credentialId = `cred-${randomBytes(4).toString('hex')}`;
		const before = credentialReads;
		for (let i = 0; i < 3; i++) {
			const body = event('video.completed', `video_${i}`);
			const out = await deliver({ headers: signed(secret, body), body, webhookSecret: secret, credentialId });
			expect(out.result.workflowData).toHaveLength(1);
		}
		expect(credentialReads - before).toBe(1);
		const unsigned = await deliver({ body: event(), webhookSecret: secret, credentialId: 'other', params: { options: { skipSignatureCheck: true } } });
		expect(unsigned.result.workflowData).toHaveLength(1);
		expect(credentialReads - before).toBe(1);
	});

	it('a new secret in the credential works at once; the replaced one is refused from then on', async () => {
		const [oldSecret, newSecret] = [signingKey(), signingKey()];
		const credentialId = `cred-${randomBytes(4).toString('hex')}`;
		// each delivery names another video: a copy of an accepted event would be a duplicate
		const body = () => event('video.completed', `video_${randomBytes(4).toString('hex')}`);
		const first = body();
		expect((await deliver({ headers: signed(oldSecret, first), body: first, webhookSecret: oldSecret, credentialId })).result.workflowData).toHaveLength(1);
		// the user pastes a new secret: a delivery signed with it fails against the remembered one, so the credential is read again
		const before = credentialReads;
		const second = body();
		const renewed = await deliver({ headers: signed(newSecret, second), body: second, webhookSecret: newSecret, credentialId });
		expect(renewed.result.workflowData).toHaveLength(1);
		expect(credentialReads - before).toBe(1);
		const third = body();
		const stale = await deliver({ headers: signed(oldSecret, third), body: third, webhookSecret: newSecret, credentialId });
		expect(stale.status).toBe(401);
	});

	it('forgets a secret after REMEMBER_MS and stays bounded', () => {
		const memory = new SecretMemory();
		memory.set('c1', 'whsec_a', 1_000);
		expect(memory.get('c1', 1_000 + REMEMBER_MS - 1)).toBe('whsec_a');
		expect(memory.get('c1', 1_000 + REMEMBER_MS)).toBeUndefined();
		for (let i = 0; i < 1_005; i++) memory.set(`k${i}`, 's', 2_000);
		expect(memory.get('k0', 2_001)).toBeUndefined();
		expect(memory.get('k1004', 2_001)).toBe('s');
	});
});

describe('DeliveryLog', () => {
	it('tells pending from done, forgets on release and after expiry, and stays bounded', () => {
		const log = new DeliveryLog(3);
		expect(log.claim('a', 1_000, 0)).toBe('new');
		expect(log.claim('a', 1_000, 10)).toBe('in-progress');
		log.release('a'); // processing failed: the retry is new
		expect(log.claim('a', 1_000, 20)).toBe('new');
		log.complete('a');
		expect(log.claim('a', 1_000, 500)).toBe('duplicate');
		expect(log.claim('a', 2_000, 1_000)).toBe('new'); // expired at 1000
		log.complete('a');
		for (const key of ['b', 'c', 'd']) {
			log.claim(key, 9_000, 1_000);
			log.complete(key);
		}
		expect(log.size).toBe(3);
		expect(log.claim('a', 9_000, 1_000)).toBe('new'); // the oldest was dropped to stay bounded
		log.complete('a');
		expect(log.claim('d', 9_000, 1_001)).toBe('duplicate');
		log.claim('p', 5_000, 1_001); // pending past its expiry: kept until completed or released
		expect(log.claim('x', 9_000, 10_000)).toBe('new');
		expect(log.claim('p', 9_000, 10_000)).toBe('in-progress');
		log.release('p');
		log.complete('x');
		expect(log.size).toBe(1); // pruned on each call, no timers
	});

	it('is one per process (module-level)', () => {
		expect(deliveryLog).toBeInstanceOf(DeliveryLog);
	});
});
