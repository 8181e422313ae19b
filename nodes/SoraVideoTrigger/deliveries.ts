/**
 * Remembers the webhook-ids this process has accepted, so that a provider's retry of a delivery
 * (or a replay of a captured one) starts at most one execution. No timers: entries are pruned on
 * each call. One map per process: with several webhook processes (queue mode), duplicates can
 * still reach two of them, so workflows should stay idempotent on the video id.
 */

/** Never hold more than this many ids; the oldest go first. */
const MAX_ENTRIES = 10_000;

export type ClaimResult = 'new' | 'duplicate';

export class DeliveryLog {
	private readonly expiries = new Map<string, number>();

	constructor(private readonly maxEntries = MAX_ENTRIES) {}

	/**
	 * Claims a delivery. `'new'` means: go on, and call `release` if processing fails so the
	 * provider's retry is accepted. `untilMs` is when a replay of it can no longer pass the
	 * timestamp check (after that, remembering it serves nothing).
	 */
	claim(key: string, untilMs: number, nowMs: number): ClaimResult {
		this.prune(nowMs);
		const known = this.expiries.get(key);
		if (known !== undefined && known > nowMs) return 'duplicate';
		this.expiries.delete(key);
		this.expiries.set(key, untilMs);
		while (this.expiries.size > this.maxEntries) {
			const oldest = this.expiries.keys().next().value as string;
			this.expiries.delete(oldest);
		}
		return 'new';
	}

	/** Forgets a claimed delivery whose processing failed, so that a retry can succeed. */
	release(key: string): void {
		this.expiries.delete(key);
	}

	get size(): number {
		return this.expiries.size;
	}

	private prune(nowMs: number): void {
		for (const [key, expiry] of this.expiries) {
			if (expiry <= nowMs) this.expiries.delete(key);
		}
	}
}

/** The process-wide log used by the trigger node. */
export const deliveryLog = new DeliveryLog();
