'use strict';
// Video jobs. Status is derived from the clock on every read (no timers), so
// thousands of jobs cost nothing: queued -> in_progress -> completed | failed.
const crypto = require('node:crypto');

const hexId = (prefix) => `${prefix}_${crypto.randomBytes(16).toString('hex')}`;

class JobStore {
	constructor() {
		this.jobs = new Map(); // insertion order = creation order
		this.seq = 0;
	}

	/** timing: { durationMs, queuedMs, ttlMs }; fail: null or { code, message }. */
	create({ id = hexId('video'), kind, model, prompt, size, seconds, remixedFrom = null, fail = null, timing, now = Date.now() }) {
		const job = {
			id,
			seq: this.seq++,
			kind,
			model,
			prompt,
			size,
			seconds,
			remixedFrom,
			fail,
			createdMs: now,
			durationMs: timing.durationMs,
			queuedMs: Math.min(timing.queuedMs, timing.durationMs),
			ttlMs: timing.ttlMs,
		};
		this.jobs.set(job.id, job);
		return job;
	}

	get(id) {
		return this.jobs.get(id) || null;
	}

	delete(id) {
		return this.jobs.delete(id);
	}

	all() {
		return [...this.jobs.values()];
	}

	clear() {
		this.jobs.clear();
	}

	/** { status, progress, doneMs, expiresMs } at `now`. */
	state(job, now = Date.now()) {
		const elapsed = now - job.createdMs;
		const doneMs = job.createdMs + job.durationMs;
		if (elapsed >= job.durationMs) {
			if (job.fail) return { status: 'failed', progress: 0, doneMs, expiresMs: null };
			return { status: 'completed', progress: 100, doneMs, expiresMs: doneMs + job.ttlMs };
		}
		if (elapsed < job.queuedMs) return { status: 'queued', progress: 0, doneMs: null, expiresMs: null };
		const span = Math.max(1, job.durationMs - job.queuedMs);
		const progress = Math.min(99, Math.max(1, Math.floor((100 * (elapsed - job.queuedMs)) / span)));
		return { status: 'in_progress', progress, doneMs: null, expiresMs: null };
	}

	/** The contract's Video object: exactly 13 keys, nullable ones present as null. */
	view(job, now = Date.now()) {
		const s = this.state(job, now);
		return {
			id: job.id,
			object: 'video',
			model: job.model,
			status: s.status,
			progress: s.progress,
			created_at: Math.floor(job.createdMs / 1000),
			completed_at: s.status === 'completed' ? Math.floor(s.doneMs / 1000) : null,
			expires_at: s.expiresMs === null ? null : Math.floor(s.expiresMs / 1000),
			prompt: job.prompt,
			size: job.size,
			seconds: job.seconds,
			remixed_from_video_id: job.remixedFrom,
			error: s.status === 'failed' ? { ...job.fail } : null,
		};
	}
}

module.exports = { JobStore, hexId };
