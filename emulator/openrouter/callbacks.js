'use strict';
// Per-job webhooks as OpenRouter documents them ("Get Video Results with Webhooks"):
// POST {type: "video.generation.<status>", created_at: ISO, data: {...job}} to callback_url
// (or the workspace default), with X-OpenRouter-Idempotency-Key: <job_id>-<status> and,
// when a signing secret is configured, X-OpenRouter-Signature: t=<unix s>,v1=<hex>
// where hex = HMAC-SHA256(secret, `${t},${rawBody}`).
const crypto = require('node:crypto');
const { present, statusOf } = require('./jobs');

function sign(secret, timestamp, body) {
	const hex = crypto.createHmac('sha256', secret).update(`${timestamp},${body}`).digest('hex');
	return `t=${timestamp},v1=${hex}`;
}

/** The event for a job in a terminal state (data carries the fields the guide lists). */
function buildEvent(emu, job, origin, now = Date.now()) {
	const view = present(emu, job, origin, now);
	const data = { id: view.id, status: view.status, generation_id: job.or.generationId, model: job.model };
	if (view.unsigned_urls) data.unsigned_urls = view.unsigned_urls;
	if (view.usage) data.usage = view.usage;
	if (view.error) data.error = view.error;
	return { type: `video.generation.${view.status}`, created_at: new Date(now).toISOString(), data };
}

/** POST the event; resolves to a delivery record, never rejects. */
async function deliver(url, secret, event) {
	const body = JSON.stringify(event);
	const key = `${event.data.id}-${event.data.status}`;
	const headers = { 'content-type': 'application/json', 'user-agent': 'sora-emulator-openrouter', 'x-openrouter-idempotency-key': key };
	if (secret) headers['x-openrouter-signature'] = sign(secret, Math.floor(Date.now() / 1000), body);
	const record = { eventId: key, webhookId: key, videoId: event.data.id, type: event.type, url, signed: !!secret, at: Date.now() };
	try {
		const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10000) });
		await res.arrayBuffer().catch(() => {});
		record.status = res.status;
	} catch (e) {
		record.error = e.cause ? `${e.message}: ${e.cause.message || e.cause.code}` : e.message;
	}
	return record;
}

/** Where a job's events go: its callback_url, else the workspace default (options.webhook.url). */
function targetOf(emu, job) {
	const workspace = emu.options.webhook || {};
	return { url: job.or.callbackUrl || workspace.url || null, secret: workspace.secret || null };
}

async function sendCallback(emu, jobId, origin) {
	const job = emu.store.get(jobId);
	if (!job || !job.or) throw new Error(`no openrouter job ${jobId}`);
	const { url, secret } = targetOf(emu, job);
	if (!url) throw new Error(`job ${jobId} has no callback_url and no workspace default is set`);
	const status = statusOf(emu, job);
	if (status === 'pending' || status === 'in_progress') throw new Error(`job ${jobId} is ${status}; events exist for terminal states only`);
	const record = await deliver(url, secret, buildEvent(emu, job, origin || emu.origin));
	emu.deliveries.push(record);
	return record;
}

/** Fire the terminal event when the job ends (one unref'd timer, cleared by reset/close). */
function schedule(emu, job, origin) {
	if (!targetOf(emu, job).url) return;
	const timer = setTimeout(() => {
		emu.timers.delete(timer);
		if (emu.store.get(job.id)) sendCallback(emu, job.id, origin).catch(() => {});
	}, job.durationMs);
	timer.unref();
	emu.timers.add(timer);
}

module.exports = { sign, buildEvent, deliver, sendCallback, schedule };
