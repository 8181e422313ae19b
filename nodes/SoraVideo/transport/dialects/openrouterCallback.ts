/**
 * OpenRouter's signed video callbacks ("Get Video Results with Webhooks"):
 * `X-OpenRouter-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>,<raw body>")>`
 * and `X-OpenRouter-Idempotency-Key: <job id>-<status>`, the same for every retry of one event.
 * The secret is used as it is (no whsec_ encoding). Pure functions; the trigger reaches them
 * through the dialect's CallbackScheme (dialects/index.ts: callbackSchemeFor).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import { CALLBACK_TOLERANCE_SECONDS } from '../dialect';
import type { CallbackInput, CallbackScheme, CallbackVerification } from '../dialect';
import { headerText as header } from '../model/headers';
import type { RequestHeaders } from '../model/headers';

export const OPENROUTER_SIGNATURE_HEADER = 'x-openrouter-signature';
export const OPENROUTER_IDEMPOTENCY_HEADER = 'x-openrouter-idempotency-key';

const MAX_ID_LENGTH = 256;
const MAX_SIGNATURES = 16;

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
export function isOpenRouterDelivery(headers: RequestHeaders): boolean {
	return header(headers, OPENROUTER_SIGNATURE_HEADER) !== undefined;
}

/** The idempotency key, where it has a sane length: the item's deliveryId (unsigned, so never the duplicate check's key). */
export function openRouterDeliveryId(headers: RequestHeaders): string | undefined {
	const id = header(headers, OPENROUTER_IDEMPOTENCY_HEADER);
	return id && id.length <= MAX_ID_LENGTH ? id : undefined;
}

/** Checks one OpenRouter delivery: the timestamp within the replay window, one v1 entry matching in constant time. */
export function verifyOpenRouter(input: CallbackInput): CallbackVerification {
	const value = header(input.headers, OPENROUTER_SIGNATURE_HEADER);
	if (!value) return { ok: false, reason: 'missing-headers', message: `Missing ${OPENROUTER_SIGNATURE_HEADER} header` };
	const parts = value.split(',').map((part) => part.trim());
	const t = parts.find((part) => part.startsWith('t='))?.slice(2) ?? '';
	const entries = parts.filter((part) => part.startsWith('v1=')).map((part) => part.slice(3));
	if (!/^\d{1,12}$/.test(t)) return { ok: false, reason: 'bad-timestamp', message: 'the t= of X-OpenRouter-Signature is not a Unix time in seconds' };
	const timestamp = Number(t);
	const now = Math.floor(input.nowSeconds ?? Date.now() / 1000);
	const tolerance = input.toleranceSeconds ?? CALLBACK_TOLERANCE_SECONDS;
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

/**
 * The neutral event an OpenRouter callback means: video.generation.completed is video.completed,
 * and its failed, cancelled and expired all end the job without a video (video.failed).
 */
export function neutralEventType(type: string): string | undefined {
	const match = /^video\.generation\.(\w+)$/.exec(type);
	if (!match) return undefined;
	return match[1] === 'completed' ? 'video.completed' : 'video.failed';
}

export const openRouterCallbacks: CallbackScheme = {
	recognizes: isOpenRouterDelivery,
	verify: verifyOpenRouter,
	deliveryId: openRouterDeliveryId,
	eventType: neutralEventType,
};
