'use strict';
// How the emulator pushes a job's terminal event, for both dialects: once the job is done by
// the same clock its status is read from, and again with backoff when the receiver does not
// take it, as real providers do. Every attempt is recorded, so a test can wait on the event.

// Delays before the 2nd, 3rd, ... attempt (about 31 s in all): a receiver busy for a while on
// a loaded machine still gets the event; one that is gone is given up on.
const RETRY_MS = [500, 1000, 2000, 4000, 8000, 16000];

/** Failures worth another attempt: no answer, a timeout, 408, 429 or a 5xx. Any other 4xx is
 * the receiver refusing this event (a bad signature, an unknown route): sending it again
 * would be refused again. */
const transient = (r) => !!r.error || r.status === 408 || r.status === 429 || r.status >= 500;

/**
 * Runs `fire` once `job` is terminal by Date.now(), the clock the job's status is derived
 * from. A timer runs on the monotonic clock in whole milliseconds, so it can fire a
 * millisecond before Date.now() reaches the end (measured: about 1 timer in 100); the
 * status would then still be in_progress. Early, it waits the rest instead of firing.
 */
function whenDone(emu, job, fire) {
	const doneAt = job.createdMs + job.durationMs;
	const check = () => {
		if (!emu.store.get(job.id)) return;
		const rest = doneAt - Date.now();
		if (rest >= 0) emu.later(rest + 1, check);
		else fire();
	};
	emu.later(job.durationMs, check);
}

/**
 * Delivers an event until the receiver takes it or the retries run out. attempt(n) POSTs
 * once and resolves to a record ({status} or {error}), never rejecting. Each record is
 * pushed to emu.deliveries with `attempt` and `final` (no attempt follows it). A reset or
 * close of the emulator ends the chain: its records would land in the next test's list.
 */
function deliverWithRetries(emu, attempt) {
	const epoch = emu.epoch;
	const delays = Array.isArray(emu.options.webhookRetryMs) ? emu.options.webhookRetryMs : RETRY_MS;
	const run = async (n) => {
		const record = await attempt(n);
		if (emu.epoch !== epoch) return;
		const again = transient(record) && n <= delays.length;
		Object.assign(record, { attempt: n, final: !again });
		emu.deliveries.push(record);
		if (record.error && !emu.options.quiet) console.error(`[sora-emulator] webhook to ${record.url} failed (attempt ${n}): ${record.error}`);
		if (again) emu.later(delays[n - 1], () => run(n + 1));
	};
	return run(1);
}

/** fetch options shared by both dialects: aborted by the per-attempt ceiling or a reset. */
function postInit(emu, headers, body) {
	return { method: 'POST', headers, body, signal: AbortSignal.any([emu.lifetime.signal, AbortSignal.timeout(emu.options.webhookTimeoutMs)]) };
}

/** fetch, and a record of how it went: {status, ms} when answered, {error} when not. */
async function post(url, init, record) {
	try {
		const res = await fetch(url, init);
		await res.arrayBuffer().catch(() => {});
		record.status = res.status;
		// How long the receiver took to answer: providers give up (and retry) after a few seconds.
		record.ms = Date.now() - record.at;
	} catch (e) {
		record.error = e.cause ? `${e.message}: ${e.cause.message || e.cause.code}` : e.message;
	}
	return record;
}

module.exports = { RETRY_MS, whenDone, deliverWithRetries, postInit, post };
