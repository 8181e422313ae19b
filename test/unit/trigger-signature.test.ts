// Standard Webhooks verification of the Sora Video Trigger: a fixed test vector, and the
// `standardwebhooks` package as an independent reference (signed by it, verified by us, and back).
import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

import { decodeSecret, sign, TOLERANCE_SECONDS, verifyWebhook } from '../../nodes/SoraVideoTrigger/signature';

const VECTOR = {
	// a fixed vector: this key, id, timestamp and body sign to exactly this signature
	signingKey: ['whsec', 'c3ludGhldGljLXdlYmhvb2stc2VjcmV0'].join('_'),
	id: 'evt_synthetic',
	timestamp: 1750000000,
	body: '{"id":"evt_abc123","object":"event","created_at":1750000000,"type":"video.completed","data":{"id":"video_abc123"}}',
	signature: 'v1,YbZnNfRMjivJTZ6aMychLuZHPhj+mU7mRxAySpzxxL4=',
};

function headers(id: string, timestamp: number | string, signature: string) {
	return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

function newSecret(): string {
	return `whsec_${randomBytes(24).toString('base64')}`;
}

describe('fixed test vector', () => {
	it('signs to the published signature', () => {
		expect(sign(VECTOR.signingKey, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
		expect(sign(VECTOR.signingKey, VECTOR.id, VECTOR.timestamp, Buffer.from(VECTOR.body))).toBe(VECTOR.signature);
	});

	it('verifies at its own time, with the raw bytes', () => {
		const result = verifyWebhook({
			secret: VECTOR.signingKey,
			headers: headers(VECTOR.id, VECTOR.timestamp, VECTOR.signature),
			rawBody: Buffer.from(VECTOR.body),
			nowSeconds: VECTOR.timestamp + 10,
		});
		expect(result).toEqual({ ok: true, id: VECTOR.id, timestamp: VECTOR.timestamp });
	});

	it('agrees with the standardwebhooks package', () => {
		const reference = new Webhook(VECTOR.signingKey);
		expect(reference.sign(VECTOR.id, new Date(VECTOR.timestamp * 1000), VECTOR.body)).toBe(VECTOR.signature);
	});

	it('refuses a re-serialised body (same JSON value, other bytes)', () => {
		const reserialised = JSON.stringify(JSON.parse(VECTOR.body), null, 1);
		const result = verifyWebhook({
			secret: VECTOR.signingKey,
			headers: headers(VECTOR.id, VECTOR.timestamp, VECTOR.signature),
			rawBody: reserialised,
			nowSeconds: VECTOR.timestamp,
		});
		expect(result).toMatchObject({ ok: false, reason: 'no-valid-signature' });
	});

	it('accepts the secret without its whsec_ prefix and with stray whitespace', () => {
		expect(decodeSecret(' c3ludGhldGljLXdlYmhvb2stc2VjcmV0 ').toString()).toBe('synthetic-webhook-secret');
		expect(decodeSecret(VECTOR.signingKey).toString()).toBe('synthetic-webhook-secret');
	});
});

describe('against the standardwebhooks reference', () => {
	const now = () => Math.floor(Date.now() / 1000);

	it('verifies what the reference signs (many random secrets, ids and bodies)', () => {
		for (let i = 0; i < 50; i++) {
			const secret = newSecret();
			const id = `msg_${randomBytes(8).toString('hex')}`;
			const timestamp = now() - (i % 7) * 30;
			const body = JSON.stringify({ i, text: 'é ünïcode ✓', data: { id: `video_${i}` } });
			const signature = new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
			expect(verifyWebhook({ secret, headers: headers(id, timestamp, signature), rawBody: Buffer.from(body) })).toEqual({
				ok: true,
				id,
				timestamp,
			});
		}
	});

	it('signs what the reference verifies', () => {
		const secret = newSecret();
		const id = 'msg_ours';
		const timestamp = now();
		const body = '{"type":"video.failed","data":{"id":"video_x"}}';
		const reference = new Webhook(secret);
		expect(() => reference.verify(body, headers(id, timestamp, sign(secret, id, timestamp, body)))).not.toThrow();
	});

	it('refuses a tampered body', () => {
		const secret = newSecret();
		const timestamp = now();
		const body = '{"type":"video.completed","data":{"id":"video_1"}}';
		const signature = new Webhook(secret).sign('msg_1', new Date(timestamp * 1000), body);
		const tampered = body.replace('video_1', 'video_2');
		expect(verifyWebhook({ secret, headers: headers('msg_1', timestamp, signature), rawBody: tampered })).toMatchObject({
			ok: false,
			reason: 'no-valid-signature',
		});
		// and a tampered id or timestamp, which are signed too
		expect(verifyWebhook({ secret, headers: headers('msg_2', timestamp, signature), rawBody: body }).ok).toBe(false);
		expect(verifyWebhook({ secret, headers: headers('msg_1', timestamp - 1, signature), rawBody: body }).ok).toBe(false);
	});

	it('refuses a wrong secret', () => {
		const timestamp = now();
		const body = '{}';
		const signature = new Webhook(newSecret()).sign('msg_1', new Date(timestamp * 1000), body);
		expect(
			verifyWebhook({ secret: newSecret(), headers: headers('msg_1', timestamp, signature), rawBody: body }),
		).toMatchObject({ ok: false, reason: 'no-valid-signature' });
	});

	it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])('refuses a delivery without %s', (name) => {
		const secret = newSecret();
		const timestamp = now();
		const all: Record<string, string> = headers('msg_1', timestamp, sign(secret, 'msg_1', timestamp, '{}'));
		delete all[name];
		const result = verifyWebhook({ secret, headers: all, rawBody: '{}' });
		expect(result).toMatchObject({ ok: false, reason: 'missing-headers' });
		expect(!result.ok && result.message).toContain(name);
		// the reference agrees
		expect(() => new Webhook(secret).verify('{}', all)).toThrow();
	});

	it('refuses empty headers as missing', () => {
		const secret = newSecret();
		expect(verifyWebhook({ secret, headers: headers('', now(), 'v1,abc='), rawBody: '{}' })).toMatchObject({
			ok: false,
			reason: 'missing-headers',
		});
	});

	it('refuses stale and future timestamps beyond the 300 s tolerance, accepts at the edges', () => {
		const secret = newSecret();
		const body = '{"type":"video.completed","data":{"id":"video_1"}}';
		const at = (timestamp: number, nowSeconds: number) =>
			verifyWebhook({
				secret,
				headers: headers('msg_t', timestamp, new Webhook(secret).sign('msg_t', new Date(timestamp * 1000), body)),
				rawBody: body,
				nowSeconds,
			});
		const t = 1_800_000_000;
		expect(TOLERANCE_SECONDS).toBe(300);
		expect(at(t, t + 300).ok).toBe(true);
		expect(at(t, t - 300).ok).toBe(true);
		expect(at(t, t + 301)).toMatchObject({ ok: false, reason: 'timestamp-too-old' });
		expect(at(t, t - 301)).toMatchObject({ ok: false, reason: 'timestamp-too-new' });
		expect(at(t, t + 86_400)).toMatchObject({ ok: false, reason: 'timestamp-too-old' });
	});

	it('refuses with the real clock what the reference refuses (stale and future)', () => {
		const secret = newSecret();
		const body = '{}';
		for (const offset of [-400, 400]) {
			const timestamp = now() + offset;
			const signature = new Webhook(secret).sign('msg_c', new Date(timestamp * 1000), body);
			expect(verifyWebhook({ secret, headers: headers('msg_c', timestamp, signature), rawBody: body }).ok).toBe(false);
			expect(() => new Webhook(secret).verify(body, headers('msg_c', timestamp, signature))).toThrow();
		}
	});

	it('refuses a timestamp that is not Unix seconds', () => {
		const secret = newSecret();
		for (const bad of ['abc', '1750000000.5', '-1750000000', '2025-06-15T00:00:00Z', '17500000000000']) {
			expect(verifyWebhook({ secret, headers: headers('msg_1', bad, 'v1,AAAA'), rawBody: '{}' })).toMatchObject({
				ok: false,
				reason: 'bad-timestamp',
			});
		}
	});

	it('accepts several signatures of which one is valid (secret rotation), in any position', () => {
		const oldSecret = newSecret();
		const secret = newSecret();
		const timestamp = now();
		const body = '{"type":"video.completed","data":{"id":"video_r"}}';
		const valid = new Webhook(secret).sign('msg_r', new Date(timestamp * 1000), body);
		const stale = new Webhook(oldSecret).sign('msg_r', new Date(timestamp * 1000), body);
		for (const header of [`${stale} ${valid}`, `${valid} ${stale}`, `v2,${valid.slice(3)} ${stale}  ${valid}`]) {
			expect(verifyWebhook({ secret, headers: headers('msg_r', timestamp, header), rawBody: body }).ok).toBe(true);
		}
		expect(verifyWebhook({ secret, headers: headers('msg_r', timestamp, stale), rawBody: body }).ok).toBe(false);
	});

	it('skips malformed entries and still finds the valid one; refuses when only malformed ones remain', () => {
		const secret = newSecret();
		const timestamp = now();
		const body = '{}';
		const valid = sign(secret, 'msg_m', timestamp, body);
		const digest = valid.slice(3);
		const malformed = [
			'garbage',
			'v1,',
			'v1',
			',abc',
			`v2,${digest}`, // unknown version, even with the right bytes
			`V1,${digest}`,
			`v1,${digest.slice(0, -4)}`, // truncated
			`v1,${digest}AAAA`, // too long
			`v1,${digest.replace(/.$/, '!')}`, // not base64
			`v1,${Buffer.from('x'.repeat(32)).toString('base64')}`, // right length, wrong bytes
			'v1,,,,',
		];
		for (const entry of malformed) {
			expect(verifyWebhook({ secret, headers: headers('msg_m', timestamp, entry), rawBody: body })).toMatchObject({
				ok: false,
				reason: 'no-valid-signature',
			});
		}
		const mixed = `${malformed.join(' ')} ${valid}`;
		expect(verifyWebhook({ secret, headers: headers('msg_m', timestamp, mixed), rawBody: body }).ok).toBe(true);
	});

	it('refuses an absurd number of signature entries without hashing them all', () => {
		const secret = newSecret();
		const timestamp = now();
		const valid = sign(secret, 'msg_n', timestamp, '{}');
		const many = `${Array(40).fill('v1,AAAA').join(' ')} ${valid}`;
		expect(verifyWebhook({ secret, headers: headers('msg_n', timestamp, many), rawBody: '{}' }).ok).toBe(false);
	});

	it('refuses an overlong webhook-id', () => {
		const secret = newSecret();
		const timestamp = now();
		const id = `msg_${'x'.repeat(300)}`;
		expect(
			verifyWebhook({ secret, headers: headers(id, timestamp, sign(secret, id, timestamp, '{}')), rawBody: '{}' }),
		).toMatchObject({ ok: false, reason: 'bad-id' });
	});

	it.each(['', 'whsec_', 'whsec_not base64!', '   ', 'whsec_c2VjcmV0!!'])('reports an unusable secret %p as bad-secret', (secret) => {
		const result = verifyWebhook({ secret, headers: headers('msg_1', now(), 'v1,AAAA'), rawBody: '{}' });
		expect(result).toMatchObject({ ok: false, reason: 'bad-secret' });
		// the message never quotes the secret
		const material = secret.trim().replace(/^whsec_/, '');
		if (material) expect(!result.ok && result.message).not.toContain(material);
	});

	it('verifies the raw bytes, including a body that is not valid UTF-8', () => {
		// The reference turns a Buffer into a string first (lossy for invalid UTF-8); the spec signs
		// the raw body, so the expected value here is an HMAC over the bytes themselves.
		const secret = newSecret();
		const timestamp = now();
		const body = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
		const mac = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
			.update(Buffer.concat([Buffer.from(`msg_b.${timestamp}.`), body]))
			.digest('base64');
		expect(sign(secret, 'msg_b', timestamp, body)).toBe(`v1,${mac}`);
		expect(verifyWebhook({ secret, headers: headers('msg_b', timestamp, `v1,${mac}`), rawBody: body }).ok).toBe(true);
		// the lossy string form of those bytes is a different message
		expect(
			verifyWebhook({ secret, headers: headers('msg_b', timestamp, `v1,${mac}`), rawBody: body.toString('utf8') }).ok,
		).toBe(false);
	});
});
