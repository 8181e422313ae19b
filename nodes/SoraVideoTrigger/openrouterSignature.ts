/**
 * OpenRouter's signed video callbacks ("Get Video Results with Webhooks"):
 * `X-OpenRouter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>,<raw body>")>`
 * and `X-OpenRouter-Idempotency-Key: <job id>-<status>`, the same for every retry of one event.
 * The secret is used as it is (no whsec_ encoding). Pure functions, like signature.ts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { TOLERANCE_SECONDS } from './signature';
import type { VerifyResult } from './signature';

export const OPENROUTER_SIGNATURE_HEADER = 'x-openrouter-signature';
export const OPENROUTER_IDEMPOTENCY_HEADER = 'x-openrouter-idempotency-key';

const MAX_ID_LENGTH = 256;
const MAX_SIGNATURES = 16;

/** One request header as trimmed text (the first of a repeated one), or undefined when blank. */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/** The header value a provider sends for one body at time `t` (for tests and tools). */
export function signOpenRouter(secret: string, t: number | string, rawBody: Buffer | string): string {
	return `t=${t},v1=${digest(secret, String(t), rawBody).toString('hex')}`;
}

function digest(secret: string, t: string, rawBody: Buffer | string): Buffer {
	return createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(`${t},`, 'utf8')
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest();
}

/** True when a header carries OpenRouter's scheme rather than Standard Webhooks. */
export function isOpenRouterDelivery(headers: Record<string, string | string[] | undefined>): boolean {
	return header(headers, OPENROUTER_SIGNATURE_HEADER) !== undefined;
}

/** The idempotency key, where it has a sane length: the item's deliveryId (unsigned, so never the duplicate check's key). */
export function openRouterDeliveryId(headers: Record<string, string | string[] | undefined>): string | undefined {
	const id = header(headers, OPENROUTER_IDEMPOTENCY_HEADER);
	return id && id.length <= MAX_ID_LENGTH ? id : undefined;
}

/** Checks one OpenRouter delivery: the timestamp within the replay window, one v1 entry matching in constant time. */
export function verifyOpenRouter(input: {
	secret: string;
	headers: Record<string, string | string[] | undefined>;
	rawBody: Buffer | string;
	nowSeconds?: number;
	toleranceSeconds?: number;
}): VerifyResult {
	const value = header(input.headers, OPENROUTER_SIGNATURE_HEADER);
	if (!value) return { ok: false, reason: 'missing-headers', message: `Missing ${OPENROUTER_SIGNATURE_HEADER} header` };
	const parts = value.split(',').map((part) => part.trim());
	const t = parts.find((part) => part.startsWith('t='))?.slice(2) ?? '';
	const entries = parts.filter((part) => part.startsWith('v1=')).map((part) => part.slice(3));
	if (!/^\d{1,12}$/.test(t)) return { ok: false, reason: 'bad-timestamp', message: 'the t= of X-OpenRouter-Signature is not a Unix time in seconds' };
	const timestamp = Number(t);
	const now = Math.floor(input.nowSeconds ?? Date.now() / 1000);
	const tolerance = input.toleranceSeconds ?? TOLERANCE_SECONDS;
	if (now - timestamp > tolerance) return { ok: false, reason: 'timestamp-too-old', message: `X-OpenRouter-Signature is more than ${tolerance} s old` };
	if (timestamp - now > tolerance) {
		return { ok: false, reason: 'timestamp-too-new', message: `X-OpenRouter-Signature is more than ${tolerance} s in the future` };
	}
	if (!entries.length || entries.length > MAX_SIGNATURES) {
		return { ok: false, reason: 'no-valid-signature', message: 'X-OpenRouter-Signature has no usable v1= entry' };
	}
	const expected = digest(input.secret, t, input.rawBody);
	let matched = false;
	for (const entry of entries) {
		if (!/^[0-9a-f]+$/i.test(entry)) continue;
		const candidate = Buffer.from(entry, 'hex');
		if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) matched = true;
	}
	if (!matched) return { ok: false, reason: 'no-valid-signature', message: 'No v1= entry of X-OpenRouter-Signature matches this delivery' };
	const id = openRouterDeliveryId(input.headers);
	return { ok: true, id: id ?? `openrouter-${t}-${expected.toString('hex').slice(0, 16)}`, timestamp };
}
