// The transport's retry policy: which failures are retried (and, for a paid create, only those
// the server cannot have accepted), how retry-after-ms and Retry-After are read, the capped
// back-off with jitter, and which errors happened before the request left.
import { isRetryable, neverSent, retryDelayMs, serverRetryDelayMs } from '../../nodes/SoraVideo/transport/retry';

describe('retry policy', () => {
	it('retries reads on 429, 5xx, resets and timeouts', () => {
		for (const status of [429, 500, 502, 503, 504]) expect(isRetryable('read', { status })).toBe(true);
		for (const networkCode of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'ECONNREFUSED']) {
			expect(isRetryable('read', { networkCode })).toBe(true);
		}
	});

	it('never retries client errors', () => {
		for (const status of [400, 401, 403, 404, 409, 422]) {
			expect(isRetryable('read', { status })).toBe(false);
			expect(isRetryable('create', { status })).toBe(false);
		}
	});

	it('retries a paid create only when the server cannot have accepted it', () => {
		expect(isRetryable('create', { status: 429 })).toBe(true);
		expect(isRetryable('create', { networkCode: 'ECONNREFUSED' })).toBe(true);
		expect(isRetryable('create', { networkCode: 'ENOTFOUND' })).toBe(true);
		for (const status of [500, 502, 503, 504]) expect(isRetryable('create', { status })).toBe(false);
		for (const networkCode of ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'UNKNOWN']) {
			expect(isRetryable('create', { networkCode })).toBe(false);
		}
	});

	it('reads retry-after-ms before Retry-After, and Retry-After as seconds or a date', () => {
		expect(serverRetryDelayMs({ 'retry-after-ms': '250', 'retry-after': '9' })).toBe(250);
		expect(serverRetryDelayMs({ 'retry-after': '3' })).toBe(3000);
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(serverRetryDelayMs({ 'retry-after': 'Sun, 22 Nov 2026 10:00:05 GMT' }, now)).toBe(5000);
		expect(serverRetryDelayMs({})).toBeUndefined();
		expect(serverRetryDelayMs({ 'retry-after': 'soon' })).toBeUndefined();
	});

	it('honours the server delay, capped, and otherwise backs off exponentially with jitter', () => {
		const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
		expect(retryDelayMs(1, { status: 429, headers: { 'retry-after': '2' } }, policy)).toBe(1000);
		expect(retryDelayMs(1, { status: 429, headers: { 'retry-after-ms': '40' } }, policy)).toBe(40);
		// Full jitter between half and all of the ceiling: 100, 200, 400, 800, then capped at 1000.
		expect(retryDelayMs(1, { status: 503 }, policy, () => 0)).toBe(50);
		expect(retryDelayMs(1, { status: 503 }, policy, () => 1)).toBe(100);
		expect(retryDelayMs(3, { networkCode: 'ECONNRESET' }, policy, () => 1)).toBe(400);
		expect(retryDelayMs(9, { status: 500 }, policy, () => 1)).toBe(1000);
		const jittered = new Set(Array.from({ length: 20 }, () => retryDelayMs(4, { status: 500 }, policy)));
		expect(jittered.size).toBeGreaterThan(1);
	});
});

describe('neverSent', () => {
	it('is true only for errors raised before the request left', () => {
		expect(neverSent('ECONNREFUSED')).toBe(true);
		expect(neverSent('ENOTFOUND')).toBe(true);
		expect(neverSent('ECONNRESET')).toBe(false);
		expect(neverSent('ETIMEDOUT')).toBe(false);
	});
});
