/**
 * The retry policy, kept free of I/O so that it can be unit-tested on its own.
 *
 * Two kinds of request:
 * - `read`: cannot create anything (get, list, download, delete, polling); retried on
 *   429, 5xx, resets and timeouts.
 * - `create`: may start a paid job; retried only when the server certainly did not
 *   accept it: a 429, or a connection that never reached the server.
 */
import { backoffMs, headerValue, retryAfterMs } from './model/pollPolicy';

export type RequestKind = 'read' | 'create';

export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Network errors that prove the request never reached the server. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Network errors after which a read can safely be sent again, and that a poll waits out. */
const TRANSIENT_CODES = new Set([
	...NOT_SENT_CODES,
	'ECONNRESET',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ERR_BAD_RESPONSE',
	'UND_ERR_SOCKET',
]);

/** True when the request certainly never reached the server (so nothing can have been created). */
export function neverSent(networkCode: string): boolean {
	return NOT_SENT_CODES.has(networkCode);
}

export function isTransientNetworkCode(networkCode: string): boolean {
	return TRANSIENT_CODES.has(networkCode);
}

export type Outcome = { status: number; headers?: Record<string, unknown> } | { networkCode: string };

export function isRetryable(kind: RequestKind, outcome: Outcome): boolean {
	if ('status' in outcome) {
		if (outcome.status === 429) return true;
		return kind === 'read' && RETRYABLE_STATUS.has(outcome.status);
	}
	return kind === 'read' ? TRANSIENT_CODES.has(outcome.networkCode) : NOT_SENT_CODES.has(outcome.networkCode);
}

/** The wait the server asked for, from `retry-after-ms` or `Retry-After` (seconds or an HTTP date). */
export function serverRetryDelayMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
	return retryAfterMs(headerValue(headers, 'retry-after'), headerValue(headers, 'retry-after-ms'), now);
}

/**
 * Exponential backoff with full jitter, unless the server said how long to wait.
 * `random` is injectable so that tests can pin the jitter.
 */
export function retryDelayMs(
	attempt: number,
	outcome: Outcome,
	policy: RetryPolicy = DEFAULT_RETRY_POLICY,
	random: () => number = Math.random,
): number {
	const asked = 'status' in outcome ? serverRetryDelayMs(outcome.headers) : undefined;
	if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
	return backoffMs(attempt, policy.baseDelayMs, policy.maxDelayMs, random);
}
