/**
 * Standard Webhooks verification (https://www.standardwebhooks.com), as the OpenAI Videos API
 * and compatible servers sign `video.completed` / `video.failed` deliveries:
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "{webhook-id}.{webhook-timestamp}.{raw body}")>`,
 * key = base64-decoded secret after `whsec_`. Pure functions, no n8n types: unit-testable alone.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { CALLBACK_TOLERANCE_SECONDS, headerText } from '../SoraVideo/transport';

/** Deliveries signed more than this many seconds before or after our clock are refused. */
export const TOLERANCE_SECONDS = CALLBACK_TOLERANCE_SECONDS;

/** More entries than this in one header is not a real provider: refuse rather than hash them all. */
const MAX_SIGNATURES = 16;

/** Message ids are short (`msg_...`, `evt_...`); a longer one is refused so that it never sits in memory. */
const MAX_ID_LENGTH = 256;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64_URL = /^[A-Za-z0-9_-]+={0,2}$/;

export type VerifyFailure =
	| 'missing-headers'
	| 'bad-id'
	| 'bad-timestamp'
	| 'timestamp-too-old'
	| 'timestamp-too-new'
	| 'no-valid-signature'
	| 'bad-secret';

export type VerifyResult =
	| { ok: true; id: string; timestamp: number }
	| { ok: false; reason: VerifyFailure; message: string };

export interface VerifyInput {
	/** The endpoint's signing secret, `whsec_<base64>` (the prefix is optional). */
	secret: string;
	/** The request headers (Node lower-cases their names). */
	headers: Record<string, string | string[] | undefined>;
	/** The exact bytes received. Never a re-serialisation of parsed JSON. */
	rawBody: Buffer | string;
	/** Our clock, in seconds; tests pass a fixed value. */
	nowSeconds?: number;
	toleranceSeconds?: number;
}

/** Decodes `whsec_<base64>` into the HMAC key; throws on a secret that cannot be one. */
export function decodeSecret(secret: string): Buffer {
	const encoded = String(secret ?? '')
		.trim()
		.replace(/^whsec_/, '');
	if (!encoded || !(BASE64.test(encoded) || BASE64_URL.test(encoded))) {
		throw new Error('The webhook signing secret is not a "whsec_" secret (expected whsec_ followed by base64)');
	}
	const key = Buffer.from(encoded, 'base64');
	if (key.length === 0) throw new Error('The webhook signing secret decodes to an empty key');
	return key;
}

/** The `v1,<base64>` signature of one message: what a provider puts in `webhook-signature`. */
export function sign(secret: string, id: string, timestamp: number | string, rawBody: Buffer | string): string {
	return `v1,${digest(decodeSecret(secret), id, String(timestamp), rawBody).toString('base64')}`;
}

function digest(key: Buffer, id: string, timestamp: string, rawBody: Buffer | string): Buffer {
	return createHmac('sha256', key)
		.update(`${id}.${timestamp}.`, 'utf8')
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest();
}

/** Every value of a repeated header counts: signatures are a space-separated list. */
function header(headers: VerifyInput['headers'], name: string): string | undefined {
	return headerText(headers, name, { list: true });
}

function fail(reason: VerifyFailure, message: string): VerifyResult {
	return { ok: false, reason, message };
}

/**
 * Checks one delivery. Every `v1` entry of the header is compared in constant time with the
 * expected HMAC; one match is enough (providers send several while rotating secrets).
 */
export function verifyWebhook(input: VerifyInput): VerifyResult {
	let key: Buffer;
	try {
		key = decodeSecret(input.secret);
	} catch (error) {
		return fail('bad-secret', (error as Error).message);
	}

	const id = header(input.headers, 'webhook-id');
	const timestampText = header(input.headers, 'webhook-timestamp');
	const signatures = header(input.headers, 'webhook-signature');
	if (!id || !timestampText || !signatures) {
		const missing = [!id && 'webhook-id', !timestampText && 'webhook-timestamp', !signatures && 'webhook-signature']
			.filter(Boolean)
			.join(', ');
		return fail('missing-headers', `Missing Standard Webhooks header(s): ${missing}`);
	}

	if (id.length > MAX_ID_LENGTH) {
		return fail('bad-id', `webhook-id is longer than ${MAX_ID_LENGTH} characters`);
	}
	if (!/^\d{1,12}$/.test(timestampText)) {
		return fail('bad-timestamp', 'webhook-timestamp is not a Unix time in seconds');
	}
	const timestamp = Number(timestampText);
	const now = Math.floor(input.nowSeconds ?? Date.now() / 1000);
	const tolerance = input.toleranceSeconds ?? TOLERANCE_SECONDS;
	if (now - timestamp > tolerance) {
		return fail('timestamp-too-old', `webhook-timestamp is more than ${tolerance} s old`);
	}
	if (timestamp - now > tolerance) {
		return fail('timestamp-too-new', `webhook-timestamp is more than ${tolerance} s in the future`);
	}

	const expected = digest(key, id, timestampText, input.rawBody);
	const entries = signatures.split(/\s+/).filter(Boolean);
	if (entries.length > MAX_SIGNATURES) {
		return fail('no-valid-signature', `webhook-signature has more than ${MAX_SIGNATURES} entries`);
	}
	if (!anyEntryMatches(entries, expected)) {
		return fail('no-valid-signature', 'No webhook-signature entry matches this delivery');
	}
	return { ok: true, id, timestamp };
}

/** True when a `v1` entry equals the expected HMAC; every entry is compared, each in constant time. */
function anyEntryMatches(entries: string[], expected: Buffer): boolean {
	let matched = false;
	for (const entry of entries) {
		const comma = entry.indexOf(',');
		if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
		const encoded = entry.slice(comma + 1);
		if (!BASE64.test(encoded)) continue;
		const candidate = Buffer.from(encoded, 'base64');
		// timingSafeEqual needs equal lengths; a length mismatch reveals nothing about the key.
		if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
	}
	return matched;
}
