/**
 * How long to wait before the next status check. Max Wait is the single limit: a 429 or a
 * transient fault while polling is waited out (following the server's Retry-After or
 * retry-after-ms, else backing off with jitter) for as long as Max Wait allows, and no check
 * is ever sent sooner than the floor after the previous one, whatever a hint says
 * (`openai-poll-after-ms: 0` would otherwise be a busy loop).
 *
 * The wait hints (Retry-After, retry-after-ms) and the jittered backoff are read here for the
 * whole transport: transport/retry.ts paces its retries with the same functions.
 */
export const POLL_FLOOR_MS = 500;

const FIRST_POLL_MS = 1_000;
const POLL_GROWTH = 1.5;
const FAULT_BASE_MS = 1_000;
const FAULT_MAX_MS = 30_000;

/** A content 404 just after `completed`: the file is often not in storage yet; asked again after these pauses. */
export const CONTENT_NOT_READY_DELAYS_MS = [1_000, 2_000, 4_000];

export interface DelayInput {
	/** `openai-poll-after-ms` or another poll hint from the last good answer. */
	hintMs?: number;
	retryAfterHeader?: string;
	retryAfterMsHeader?: string;
	/** Consecutive faults (429, 5xx, network, unreadable answer) so far; 0 after a good answer. */
	attempt: number;
	/** How many good checks came before, for the quick-at-first schedule. */
	pollNumber?: number;
	pollIntervalMs: number;
	floorMs?: number;
	/** Time left until Max Wait. */
	remainingMs: number;
	now?: number;
	random?: () => number;
}

/** One response header as text (the first value of a repeated one); names are lower case as Node gives them. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const value = headers?.[name];
	if (value === undefined || value === null) return undefined;
	return String(Array.isArray(value) ? value[0] : value);
}

function finiteNonNegative(value: number | undefined): number | undefined {
	return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The wait a server asked for: retry-after-ms first, then Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(retryAfterHeader?: string, retryAfterMsHeader?: string, now = Date.now()): number | undefined {
	const ms = retryAfterMsHeader?.trim() ? finiteNonNegative(Number(retryAfterMsHeader)) : undefined;
	if (ms !== undefined) return ms;
	const value = retryAfterHeader?.trim();
	if (!value) return undefined;
	const seconds = finiteNonNegative(Number(value));
	if (seconds !== undefined) return seconds * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff from `baseMs` with jitter (between half and all of the ceiling), up to `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
	const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The backoff between faulty status checks. */
export function faultBackoffMs(attempt: number, random: () => number = Math.random, maxMs = FAULT_MAX_MS): number {
	return backoffMs(attempt, FAULT_BASE_MS, maxMs, random);
}

/** Quick at first, growing to the configured Poll Interval. */
export function scheduleMs(pollNumber: number, pollIntervalMs: number): number {
	return Math.min(pollIntervalMs, Math.round(FIRST_POLL_MS * POLL_GROWTH ** Math.max(0, pollNumber)));
}

/** The next delay: never below the floor, never beyond the time Max Wait leaves. */
export function nextDelay(input: DelayInput): number {
	const floor = input.floorMs ?? POLL_FLOOR_MS;
	const remaining = Math.max(0, input.remainingMs);
	const asked = retryAfterMs(input.retryAfterHeader, input.retryAfterMsHeader, input.now);
	// Without a Retry-After, faults back off no further than the Poll Interval: a proxy's hiccup
	// must not make the node check less often than the user asked for.
	const faultCeiling = Math.min(FAULT_MAX_MS, Math.max(floor, input.pollIntervalMs));
	const wanted =
		input.attempt > 0
			? (asked ?? faultBackoffMs(input.attempt, input.random, faultCeiling))
			: (finiteNonNegative(input.hintMs) ?? asked ?? scheduleMs(input.pollNumber ?? 0, input.pollIntervalMs));
	return Math.min(remaining, Math.max(floor, wanted));
}
