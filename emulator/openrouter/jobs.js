'use strict';
// OpenRouter video jobs on top of the shared JobStore (which derives status from the
// clock): ids without prefix, statuses pending -> in_progress -> completed | failed |
// cancelled | expired, a string error, unsigned_urls and usage.cost when completed.
const crypto = require('node:crypto');
const { pricePerSecond } = require('./catalog');

// Prompt markers that end a job in the other terminal states (failPrompts -> failed).
const OUTCOME_MARKERS = [
	['OR_CANCELLED', 'cancelled'],
	['OR_EXPIRED', 'expired'],
];
const ERRORS = {
	failed: 'Content policy violation',
	cancelled: 'Job was cancelled',
	expired: 'Job exceeded maximum time to live',
};
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A 20-character alphanumeric id, the shape OpenRouter's job ids have. */
function jobId() {
	return [...crypto.randomBytes(20)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

function outcomeOf(options, prompt) {
	if (options.failPrompts.some((s) => s && prompt.includes(s))) return 'failed';
	const hit = OUTCOME_MARKERS.find(([marker]) => prompt.includes(marker));
	return hit ? hit[1] : 'completed';
}

/** p: { model, prompt, duration, seconds, size, resolution, aspectRatio, generateAudio, callbackUrl, previousJobId, kind } */
function createJob(emu, p) {
	const o = emu.options;
	const durationMs = Math.max(0, Number(o.durationMs) || 0);
	const queuedMs = o.queuedMs === null || o.queuedMs === undefined ? Math.round(durationMs * 0.1) : Number(o.queuedMs);
	const outcome = outcomeOf(o, p.prompt);
	const job = emu.store.create({
		kind: p.kind,
		prompt: p.prompt,
		model: p.model.id,
		size: p.size,
		seconds: String(p.seconds),
		remixedFrom: p.previousJobId || null,
		fail: outcome === 'completed' ? null : { code: outcome, message: ERRORS[outcome] },
		timing: { durationMs, queuedMs, ttlMs: Math.round(Number(o.assetTtlSec) * 1000) },
	});
	// Re-key under an OpenRouter-style id (the store keys by id, in creation order).
	emu.store.jobs.delete(job.id);
	job.id = jobId();
	emu.store.jobs.set(job.id, job);
	const billing = { resolution: p.resolution, generateAudio: p.generateAudio, image: p.image, continuation: Boolean(p.previousJobId) };
	const price = pricePerSecond(p.model, billing, o.pricingStyle);
	job.or = {
		outcome,
		resolution: p.resolution,
		aspectRatio: p.aspectRatio,
		duration: p.duration,
		generateAudio: p.generateAudio,
		callbackUrl: p.callbackUrl,
		generationId: `gen-${Math.floor(Date.now() / 1000)}-${crypto.randomBytes(10).toString('hex')}`,
		cost: price === null ? null : Math.round(price * p.duration * 1e6) / 1e6,
	};
	return job;
}

/** pending | in_progress | completed | failed | cancelled | expired at `now`. */
function statusOf(emu, job, now = Date.now()) {
	const s = emu.store.state(job, now).status;
	if (s === 'queued') return 'pending';
	if (s === 'failed') return job.or.outcome;
	return s;
}

// Absolute as in OpenRouter's examples; option pollingUrlStyle 'relative' gives the path
// only (one page of OpenRouter's reference calls it a "relative polling URL").
const pollingUrl = (emu, origin, job) => `${emu.options.pollingUrlStyle === 'relative' ? '' : origin}/api/v1/videos/${job.id}`;

/** The VideoGenerationResponse of GET /videos/{id}. */
function present(emu, job, origin, now = Date.now()) {
	const status = statusOf(emu, job, now);
	const out = { id: job.id, polling_url: pollingUrl(emu, origin, job), status };
	if (status !== 'pending') out.generation_id = job.or.generationId;
	if (status === 'completed') {
		out.unsigned_urls = [`${origin}/api/v1/videos/${job.id}/content?index=0`];
		out.usage = { cost: job.or.cost, is_byok: false };
	} else if (ERRORS[status]) out.error = ERRORS[status];
	return out;
}

/** What emu.jobs() lists under this profile: the polled view plus what the job was made from. */
function inspect(emu, job, now = Date.now()) {
	const o = job.or;
	return {
		...present(emu, job, emu.origin, now),
		model: job.model,
		prompt: job.prompt,
		size: job.size,
		seconds: Number(job.seconds),
		duration: o.duration,
		resolution: o.resolution,
		aspect_ratio: o.aspectRatio,
		generate_audio: o.generateAudio,
		callback_url: o.callbackUrl,
		previous_job_id: job.remixedFrom,
		cost: o.cost,
	};
}

module.exports = { createJob, statusOf, present, pollingUrl, inspect, ERRORS };
