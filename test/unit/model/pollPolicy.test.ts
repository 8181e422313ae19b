import {
	CONTENT_NOT_READY_DELAYS_MS,
	POLL_FLOOR_MS,
	faultBackoffMs,
	nextDelay,
	retryAfterMs,
	scheduleMs,
} from '../../../nodes/SoraVideo/transport/model/pollPolicy';

const base = { attempt: 0, pollIntervalMs: 10_000, remainingMs: 600_000, random: () => 0.5 };

describe('poll policy', () => {
	it('documents a 500 ms floor and never checks sooner, even when the hint says 0', () => {
		expect(POLL_FLOOR_MS).toBe(500);
		expect(nextDelay({ ...base, hintMs: 0 })).toBe(500);
		expect(nextDelay({ ...base, hintMs: 120 })).toBe(500);
		expect(nextDelay({ ...base, attempt: 1, retryAfterHeader: '0' })).toBe(500);
		expect(nextDelay({ ...base, attempt: 3, retryAfterMsHeader: '10' })).toBe(500);
		expect(nextDelay({ ...base, hintMs: 0, floorMs: 2000 })).toBe(2000);
	});

	it('follows a poll hint from a good answer', () => {
		expect(nextDelay({ ...base, hintMs: 2500 })).toBe(2500);
		expect(nextDelay({ ...base, hintMs: Number.NaN, pollNumber: 0 })).toBe(1000);
		expect(nextDelay({ ...base, hintMs: -5, pollNumber: 0 })).toBe(1000);
	});

	it('is quick at first and grows to the Poll Interval without a hint', () => {
		expect([0, 1, 2, 3, 10].map((n) => scheduleMs(n, 5000))).toEqual([1000, 1500, 2250, 3375, 5000]);
		expect(nextDelay({ ...base, pollNumber: 50 })).toBe(10_000);
	});

	it("waits out a 429 as the server asks: retry-after-ms first, then Retry-After seconds or date", () => {
		expect(nextDelay({ ...base, attempt: 1, retryAfterHeader: '7' })).toBe(7000);
		expect(nextDelay({ ...base, attempt: 1, retryAfterHeader: '7', retryAfterMsHeader: '1200' })).toBe(1200);
		const now = Date.parse('2026-12-02T12:00:00Z');
		expect(nextDelay({ ...base, attempt: 1, retryAfterHeader: 'Wed, 02 Dec 2026 12:00:30 GMT', now })).toBe(30_000);
		expect(retryAfterMs('Wed, 02 Dec 2026 11:59:00 GMT', undefined, now)).toBe(0);
		expect(retryAfterMs('soon', 'x')).toBeUndefined();
		expect(retryAfterMs(undefined, '')).toBeUndefined();
		expect(retryAfterMs('2', '-1')).toBe(2000);
	});

	it('ignores a poll hint while faults last, and backs off exponentially with jitter, capped', () => {
		expect(nextDelay({ ...base, attempt: 1, hintMs: 100 })).toBe(750);
		expect([1, 2, 3, 4].map((attempt) => faultBackoffMs(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000]);
		expect([1, 2, 3].map((attempt) => faultBackoffMs(attempt, () => 0))).toEqual([500, 1000, 2000]);
		expect(faultBackoffMs(40, () => 1)).toBe(30_000);
		// Without Retry-After, a fault never makes the checks sparser than the Poll Interval.
		expect(nextDelay({ ...base, attempt: 12, pollIntervalMs: 1000, random: () => 1 })).toBe(1000);
		expect(nextDelay({ ...base, attempt: 12, pollIntervalMs: 600_000, random: () => 1 })).toBe(30_000);
		expect(nextDelay({ ...base, attempt: 12, pollIntervalMs: 1000, retryAfterHeader: '5' })).toBe(5000);
		const jittered = new Set(Array.from({ length: 20 }, () => faultBackoffMs(4)));
		expect(jittered.size).toBeGreaterThan(1);
		for (const delay of jittered) expect(delay).toBeGreaterThanOrEqual(4000);
	});

	it('never waits beyond what Max Wait leaves', () => {
		expect(nextDelay({ ...base, attempt: 1, retryAfterHeader: '3600', remainingMs: 4000 })).toBe(4000);
		expect(nextDelay({ ...base, hintMs: 0, remainingMs: 200 })).toBe(200);
		expect(nextDelay({ ...base, remainingMs: -50 })).toBe(0);
	});

	it('retries a content 404 after completion only briefly', () => {
		const total = CONTENT_NOT_READY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
		expect(CONTENT_NOT_READY_DELAYS_MS.length).toBeGreaterThan(1);
		expect(total).toBeLessThanOrEqual(10_000);
	});
});
