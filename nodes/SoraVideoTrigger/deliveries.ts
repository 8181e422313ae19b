/**
 * Remembers the events this process has accepted (keyed by what their signature covers, see
 * claimOnce), so that a provider's retry of a delivery (or a replay of a captured one) starts at
 * most one execution. No timers: entries are pruned on each call. One map per process: with
 * several webhook processes (queue mode), duplicates can still reach two of them, so workflows
 * should stay idempotent on the item's idempotencyKey.
 */

/** Never hold more than this many ids; the oldest go first. */
const MAX_ENTRIES = 10_000;

/**
 * `new`: go on. `duplicate`: this delivery already started a run (answer 2xx, start nothing).
 * `in-progress`: the first copy is still being processed; answer non-2xx so that the provider
 * tries again later, because that first copy may yet fail and release the id.
 */
export type ClaimResult = 'new' | 'duplicate' | 'in-progress';

interface Entry {
	expiresMs: number;
	done: boolean;
}

export class DeliveryLog {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly maxEntries = MAX_ENTRIES) {}

	/**
	 * Claims a delivery. After `'new'`, call `complete` once the run is handed to n8n, or
	 * `release` if processing failed (so that the provider's retry is accepted). `untilMs`: until
	 * when to remember it (at least until a replay can no longer pass the timestamp check); a
	 * copy claimed later with a later `untilMs` extends it.
	 */
	claim(key: string, untilMs: number, nowMs: number): ClaimResult {
		this.prune(nowMs);
		const known = this.entries.get(key);
		if (known) {
			// A later-signed copy (a provider retry) can be replayed for longer: remember it as long.
			known.expiresMs = Math.max(known.expiresMs, untilMs);
			return known.done ? 'duplicate' : 'in-progress';
		}
		this.entries.set(key, { expiresMs: untilMs, done: false });
		while (this.entries.size > this.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		return 'new';
	}

	/** The claimed delivery started its run: later copies are duplicates. */
	complete(key: string): void {
		const entry = this.entries.get(key);
		if (entry) entry.done = true;
	}

	/** Forgets a claimed delivery whose processing failed, so that a retry can succeed. */
	release(key: string): void {
		this.entries.delete(key);
	}

	get size(): number {
		return this.entries.size;
	}

	private prune(nowMs: number): void {
		// A pending entry stays until its delivery completes or is released (always, in a finally).
		for (const [key, entry] of this.entries) {
			if (entry.done && entry.expiresMs <= nowMs) this.entries.delete(key);
		}
	}
}

/** The process-wide log used by the trigger node. */
export const deliveryLog = new DeliveryLog();
