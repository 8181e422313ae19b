// The trigger's webhook steps one at a time, without n8n: the signature gate (verifyDelivery),
// the body check (parseDelivery), the event filter (selectEvent) and the duplicate claim
// (claimOnce): what each passes on, and the status, body and log line of each refusal.
import { randomBytes } from 'node:crypto';

import { DeliveryLog } from '../../nodes/SoraVideoTrigger/deliveries';
import { sign, TOLERANCE_SECONDS } from '../../nodes/SoraVideoTrigger/signature';
import { claimOnce, deliveryKeys, parseDelivery, selectEvent, signedSubject, verifyDelivery } from '../../nodes/SoraVideoTrigger/steps';
import type { Step, VerifiedDelivery, VideoEvent } from '../../nodes/SoraVideoTrigger/steps';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

function signedHeaders(body: string, id = 'msg_1', timestamp = Math.floor(Date.now() / 1000)) {
	return {
		'webhook-id': id,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': sign(secret, id, timestamp, body),
	};
}

function passed<T>(step: Step<T>): T {
	if (!step.ok) throw new Error(`expected the step to pass, it answered ${JSON.stringify(step.answer)}`);
	return step.value;
}

function refused<T>(step: Step<T>) {
	if (step.ok) throw new Error(`expected a refusal, the step passed ${JSON.stringify(step.value)}`);
	return step.answer;
}

describe('verifyDelivery', () => {
	const body = '{"type":"video.completed","data":{"id":"video_1"}}';

	it('passes a correctly signed delivery on with its webhook-id and signing time', () => {
		const timestamp = Math.floor(Date.now() / 1000) - 20;
		const raw = Buffer.from(body);
		const value = passed(
			verifyDelivery({ raw, headers: signedHeaders(body, 'msg_ok', timestamp), secret, receivedMs: 1234 }, false),
		);
		expect(value).toEqual({ raw, id: 'msg_ok', signedAt: timestamp, receivedMs: 1234 });
	});

	it('refuses a changed body with 401 and no secret hint', () => {
		const answer = refused(
			verifyDelivery({ raw: Buffer.from(body + ' '), headers: signedHeaders(body), secret, receivedMs: Date.now() }, false),
		);
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ error: 'Invalid webhook signature' });
		expect(answer.warn).toContain('No webhook-signature entry matches');
		expect(answer.warn).not.toContain('Check the credential');
	});

	it('refuses a delivery without signature headers with 401 naming the missing ones', () => {
		const answer = refused(verifyDelivery({ raw: Buffer.from(body), headers: {}, secret, receivedMs: Date.now() }, false));
		expect(answer.status).toBe(401);
		expect(answer.warn).toContain('webhook-id, webhook-timestamp, webhook-signature');
	});

	it('points at the credential when the configured secret cannot be a whsec_ key', () => {
		const answer = refused(
			verifyDelivery(
				{ raw: Buffer.from(body), headers: signedHeaders(body), secret: 'not base64!', receivedMs: Date.now() },
				false,
			),
		);
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ error: 'Invalid webhook signature' });
		expect(answer.warn).toContain("Check the credential's Webhook Signing Secret.");
		expect(answer.warn).not.toContain('not base64!');
	});

	it('refuses with 401 when no secret is configured, and says how to fix it', () => {
		const answer = refused(
			verifyDelivery({ raw: Buffer.from(body), headers: signedHeaders(body), secret: '', receivedMs: Date.now() }, false),
		);
		expect(answer.status).toBe(401);
		expect(answer.body).toEqual({ error: 'Webhook signing secret not configured' });
		expect(answer.warn).toContain('Skip Signature Check');
	});

	it('refuses with 401 when the raw body is not available', () => {
		const answer = refused(verifyDelivery({ raw: undefined, headers: signedHeaders(body), secret, receivedMs: Date.now() }, false));
		expect(answer.status).toBe(401);
		expect(answer.warn).toContain('raw request body is not available');
	});

	it('with the check skipped passes anything on, keyed by the first trimmed webhook-id', () => {
		const value = passed(
			verifyDelivery({ raw: undefined, headers: { 'webhook-id': [' msg_a ', 'msg_b'] }, secret: '', receivedMs: 5_999 }, true),
		);
		expect(value).toEqual({ raw: undefined, id: 'msg_a', signedAt: 5, receivedMs: 5_999 });
		expect(passed(verifyDelivery({ headers: { 'webhook-id': '  ' }, secret, receivedMs: 0 }, true)).id).toBeUndefined();
	});
});

describe('parseDelivery', () => {
	it('passes a JSON object with a type on as the event', () => {
		const event = passed(parseDelivery(Buffer.from('{"type":"video.failed","data":{"id":"v"},"extra":1}')));
		expect(event).toEqual({ type: 'video.failed', data: { id: 'v' }, extra: 1 });
	});

	it.each([
		['not JSON', Buffer.from('{"type":'), 'The body is not JSON'],
		['no body at all', undefined, 'The body is not JSON'],
		['a JSON array', Buffer.from('[{"type":"video.completed"}]'), 'The body is not a webhook event object'],
		['JSON null', Buffer.from('null'), 'The body is not a webhook event object'],
		['a JSON string', Buffer.from('"video.completed"'), 'The body is not a webhook event object'],
		['an object without type', Buffer.from('{"data":{"id":"v"}}'), 'The event has no "type"'],
		['an empty type', Buffer.from('{"type":""}'), 'The event has no "type"'],
		['a type that is not text', Buffer.from('{"type":7}'), 'The event has no "type"'],
	])('refuses %s with 400', (_name, raw, problem) => {
		const answer = refused(parseDelivery(raw));
		expect(answer).toEqual({ status: 400, body: { error: problem }, warn: `refused a delivery (400): ${problem}` });
	});
});

describe('selectEvent', () => {
	const selected = ['video.completed'];
	const event = (data: unknown, type = 'video.completed') => ({ type, data }) as VideoEvent;

	it('acknowledges an event type the user did not select with 200 and starts nothing', () => {
		const answer = refused(selectEvent(event({ id: 'v' }, 'video.failed'), selected));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ received: true, ignored: true });
		expect(answer.debug).toContain('video.failed');
		expect(answer.warn).toBeUndefined();
	});

	it('passes the trimmed video id of a selected event on', () => {
		expect(passed(selectEvent(event({ id: '  video_9 ' }), selected))).toBe('video_9');
	});

	it.each([
		['no data', undefined],
		['no id', {}],
		['a blank id', { id: '   ' }],
		['an id that is not text', { id: 42 }],
	])('refuses a selected event with %s with 400', (_name, data) => {
		const answer = refused(selectEvent(event(data), selected));
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error: 'The event has no data.id' });
	});
});

describe('claimOnce', () => {
	const endpoint = { workflowId: 'wf', nodeId: 'node', mode: 'webhook' };
	const event = { type: 'video.completed', data: { id: 'v' } } as VideoEvent;
	const now = 1_700_000_000_000;
	const delivery = (id?: string, signedAt = now / 1000, receivedMs = now): VerifiedDelivery => ({ id, signedAt, receivedMs });
	/** Claims and, when new, completes (the run was handed to n8n): what the trigger does. */
	const accept = (log: DeliveryLog, d: VerifiedDelivery, e: VideoEvent = event) => {
		const claim = claimOnce(endpoint, d, e, log);
		if (claim.ok) log.complete(claim.value);
		return claim;
	};

	it('claims a new delivery under a key of workflow, node, mode and what the signature covers', () => {
		const log = new DeliveryLog();
		const key = passed(claimOnce(endpoint, delivery('msg_1'), event, log));
		expect(key).toBe(`wf:node:webhook:${signedSubject(event)}`);
		expect(key).not.toContain('msg_1');
		expect(log.size).toBe(1);
	});

	it('answers 409 while the first copy is still being processed, 200 duplicate once it completed', () => {
		const log = new DeliveryLog();
		const key = passed(claimOnce(endpoint, delivery('msg_1'), event, log));
		const pending = refused(claimOnce(endpoint, delivery('msg_1'), event, log));
		expect(pending.status).toBe(409);
		log.complete(key);
		const duplicate = refused(claimOnce(endpoint, delivery('msg_1'), event, log));
		expect(duplicate).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
	});

	it('treats the same event at another endpoint (test URL vs production) as new', () => {
		const log = new DeliveryLog();
		accept(log, delivery('msg_1'));
		expect(passed(claimOnce({ ...endpoint, mode: 'manual' }, delivery('msg_1'), event, log))).toMatch(/^wf:node:manual:/);
		expect(passed(claimOnce({ ...endpoint, nodeId: 'other' }, delivery('msg_1'), event, log))).toMatch(/^wf:other:webhook:/);
	});

	it('a copy under a new, missing or unsigned message id is a duplicate (OpenRouter does not sign its idempotency key)', () => {
		const log = new DeliveryLog();
		const completed = { type: 'video.generation.completed', created_at: '2026-12-06T10:00:00.000Z', data: { id: 'gen-1', status: 'completed' } } as unknown as VideoEvent;
		passed(accept(log, delivery('gen-1-completed'), completed));
		expect(refused(accept(log, delivery('another-key'), completed))).toMatchObject({ status: 200, body: { duplicate: true } });
		expect(refused(accept(log, delivery(undefined), completed))).toMatchObject({ status: 200, body: { duplicate: true } });
		// a provider's re-delivery is built again: a new created_at and fresh links, the same event
		const rebuilt = { ...completed, created_at: '2026-12-06T10:00:05.000Z', data: { ...completed.data, unsigned_urls: ['u2'] } } as unknown as VideoEvent;
		expect(refused(accept(log, delivery('gen-1-completed', now / 1000 + 5), rebuilt)).status).toBe(200);
		// Standard Webhooks: the same event resent under a new webhook-id (and event id)
		passed(accept(log, delivery('msg_a'), { id: 'evt_1', type: 'video.completed', data: { id: 'video_1' } } as VideoEvent));
		const resent = { id: 'evt_2', type: 'video.completed', data: { id: ' video_1 ' } } as VideoEvent;
		expect(refused(accept(log, delivery('msg_b'), resent)).status).toBe(200);
		expect(log.size).toBe(2);
	});

	it('a new event for the same job (another status or type) is new, and so is another job', () => {
		const log = new DeliveryLog();
		passed(accept(log, delivery('k'), { type: 'video.generation.cancelled', data: { id: 'gen-2' } } as VideoEvent));
		passed(accept(log, delivery('k'), { type: 'video.generation.expired', data: { id: 'gen-2' } } as VideoEvent));
		passed(accept(log, delivery('k'), { type: 'video.generation.cancelled', data: { id: 'gen-3' } } as VideoEvent));
		passed(accept(log, delivery('m'), { type: 'video.failed', data: { id: 'video_2' } } as VideoEvent));
		passed(accept(log, delivery('m'), { type: 'video.completed', data: { id: 'video_2' } } as VideoEvent));
		expect(log.size).toBe(5);
	});

	it('remembers the event until a replay can no longer pass the timestamp check', () => {
		const claims: number[] = [];
		const log = { claim: (_key: string, untilMs: number) => (claims.push(untilMs), 'new' as const) } as unknown as DeliveryLog;
		claimOnce(endpoint, delivery('a', now / 1000 + 100), event, log);
		claimOnce(endpoint, delivery('b', now / 1000 - 100), event, log);
		expect(claims).toEqual([now + (100 + TOLERANCE_SECONDS) * 1000, now + TOLERANCE_SECONDS * 1000]);
	});

	it('a later-signed copy (a provider retry) keeps the event remembered for as long as that copy can be replayed', () => {
		const log = new DeliveryLog();
		const t0 = now / 1000;
		passed(accept(log, delivery('msg_1', t0, now)));
		// the provider's retry, signed 200 s later, arrives and is answered as a duplicate
		refused(accept(log, delivery('msg_1', t0 + 200, now + 200_000)));
		// 400 s after the first: the first copy is stale, but the retry's bytes still pass the timestamp check
		const replayOfRetry = refused(accept(log, delivery('msg_1', t0 + 200, now + 400_000)));
		expect(replayOfRetry.status).toBe(200);
		// once no copy can pass the timestamp check any more, the event is forgotten
		expect(passed(accept(log, delivery('msg_9', t0 + 900, now + 900_000)))).toBeTruthy();
	});

	it('hashes the subject, so an overlong id from an unsigned delivery is not kept as it came', () => {
		const long = 'x'.repeat(100_000);
		const key = passed(claimOnce(endpoint, delivery(), { type: 'video.completed', data: { id: long } } as VideoEvent, new DeliveryLog()));
		expect(key.length).toBeLessThan(100);
	});
});

describe('deliveryKeys', () => {
	const delivery = (id?: string): VerifiedDelivery => ({ id, signedAt: 1_800_000_000, receivedMs: 1_800_000_000_000 });

	it('gives every copy of an event the same key, whichever message id carried it', () => {
		const event: VideoEvent = { type: 'video.completed', data: { id: 'video_a' } };
		const first = deliveryKeys(delivery('msg_1'), event, 'video_a');
		const retry = deliveryKeys(delivery('msg_2'), event, 'video_a');
		expect(first.idempotencyKey).toBe('video.completed:video_a');
		expect(retry.idempotencyKey).toBe(first.idempotencyKey);
		expect([first.deliveryId, retry.deliveryId]).toEqual(['msg_1', 'msg_2']);
	});

	it('keys OpenRouter events by the neutral event type, and a failed event apart from a completed one', () => {
		const done = deliveryKeys(delivery(), { type: 'video.generation.completed', data: { id: 'abc' } }, 'abc');
		const failed = deliveryKeys(delivery(), { type: 'video.failed', data: { id: 'abc' } }, 'abc');
		expect(done).toEqual({ idempotencyKey: 'video.completed:abc' });
		expect(failed.idempotencyKey).toBe('video.failed:abc');
	});
});
