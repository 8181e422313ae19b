// OpenRouter's callback signature (t=<s>,v1=<hex HMAC-SHA256(secret, "t,body")>) and the event
// names it uses, checked apart from n8n.
import { createHmac } from 'node:crypto';

import { signOpenRouter, verifyOpenRouter } from '../../nodes/SoraVideo/transport/dialects/openrouterCallback';
import { neutralEventType, verifyDelivery } from '../../nodes/SoraVideoTrigger/steps';

const secret = 'sk-or-webhook-secret';
const body = '{"type":"video.generation.completed","created_at":"2026-12-02T12:00:00.000Z","data":{"id":"abc","status":"completed"}}';
const now = 1_800_000_000;
const headersFor = (signature: string) => ({ 'x-openrouter-signature': signature, 'x-openrouter-idempotency-key': 'abc-completed' });

describe('OpenRouter callback signature', () => {
	it('accepts the signature computed independently, keyed by the idempotency key', () => {
		const hex = createHmac('sha256', secret).update(`${now},${body}`).digest('hex');
		expect(signOpenRouter(secret, now, body)).toBe(`t=${now},v1=${hex}`);
		expect(verifyOpenRouter({ secret, headers: headersFor(`t=${now},v1=${hex}`), rawBody: Buffer.from(body), nowSeconds: now + 10 })).toEqual({
			ok: true,
			id: 'abc-completed',
			timestamp: now,
		});
	});

	it('accepts one matching entry among several (secret rotation)', () => {
		const good = signOpenRouter(secret, now, body).split(',')[1];
		const other = signOpenRouter('old-secret', now, body).split(',')[1];
		expect(verifyOpenRouter({ secret, headers: headersFor(`t=${now},${other},${good}`), rawBody: body, nowSeconds: now }).ok).toBe(true);
	});

	it.each([
		['a changed body', signOpenRouter(secret, now, body), body.replace('completed', 'failed'), now, 'no-valid-signature'],
		['another secret', signOpenRouter('nope', now, body), body, now, 'no-valid-signature'],
		['a replay after the window', signOpenRouter(secret, now, body), body, now + 301, 'timestamp-too-old'],
		['a time in the future', signOpenRouter(secret, now + 400, body), body, now, 'timestamp-too-new'],
		['no timestamp', `v1=${'0'.repeat(64)}`, body, now, 'bad-timestamp'],
		['no v1 entry', `t=${now}`, body, now, 'no-valid-signature'],
	])('refuses %s', (_name, signature, rawBody, nowSeconds, reason) => {
		const result = verifyOpenRouter({ secret, headers: headersFor(signature), rawBody, nowSeconds });
		expect(result).toMatchObject({ ok: false, reason });
	});

	it('is chosen by the delivery step when the OpenRouter header is present', () => {
		const t = Math.floor(Date.now() / 1000);
		const headers = headersFor(signOpenRouter(secret, t, body));
		const ok = verifyDelivery({ raw: Buffer.from(body), headers, secret, receivedMs: Date.now() }, false);
		expect(ok).toMatchObject({ ok: true, value: { id: 'abc-completed', signedAt: t } });
		const bad = verifyDelivery({ raw: Buffer.from(body), headers, secret: 'wrong', receivedMs: Date.now() }, false);
		expect(bad).toMatchObject({ ok: false, answer: { status: 401 } });
	});

	it('maps video.generation.* onto the two events the trigger offers', () => {
		expect(neutralEventType('video.generation.completed')).toBe('video.completed');
		for (const end of ['failed', 'cancelled', 'expired']) expect(neutralEventType(`video.generation.${end}`)).toBe('video.failed');
		expect(neutralEventType('video.completed')).toBe('video.completed');
	});
});
