'use strict';
// Per-job webhooks as OpenRouter documents them ("Get Video Results with Webhooks"):
// POST {type: "video.generation.<status>", created_at: ISO, data: {...job}} to callback_url
// (or the workspace default), with X-OpenRouter-Idempotency-Key: <job_id>-<status> and,
// when a signing secret is configured, X-OpenRouter-Signature: t=<unix s>,v1=<hex>
// where hex = HMAC-SHA256(secret, `${t},${rawBody}`).
const crypto = require('node:crypto');
const { present, statusOf } = require('./jobs');
const { whenDone, deliverWithRetries, post, postInit } = require('../delivery');

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

/** POST the event once; resolves to a delivery record, never rejects. The idempotency key is
 * the same on every attempt; the signature is made afresh (its timestamp is the attempt's). */
function deliver(emu, url, secret, event) {
	const body = JSON.stringify(event);
	const key = `${event.data.id}-${event.data.status}`;
	const headers = { 'content-type': 'application/json', 'user-agent': 'sora-emulator-openrouter', 'x-openrouter-idempotency-key': key };
	if (secret) headers['x-openrouter-signature'] = sign(secret, Math.floor(Date.now() / 1000), body);
	const record = { eventId: key, webhookId: key, videoId: event.data.id, type: event.type, url, signed: !!secret, at: Date.now() };
	return post(url, postInit(emu, headers, body), record);
}

/** Where a job's events go: its callback_url, else the workspace default (options.webhook.url). */
function targetOf(emu, job) {
	const workspace = emu.options.webhook || {};
	return { url: job.or.callbackUrl || workspace.url || null, secret: workspace.secret || null };
}

/** The job's event and where it goes; throws when there is no target or the job is not finished. */
function eventFor(emu, jobId, origin) {
	const job = emu.store.get(jobId);
	if (!job || !job.or) throw new Error(`no openrouter job ${jobId}`);
	const { url, secret } = targetOf(emu, job);
	if (!url) throw new Error(`job ${jobId} has no callback_url and no workspace default is set`);
	const status = statusOf(emu, job);
	if (status === 'pending' || status === 'in_progress') throw new Error(`job ${jobId} is ${status}; events exist for terminal states only`);
	return { url, secret, event: buildEvent(emu, job, origin || emu.origin) };
}

/** Deliver a finished job's event now, once (a manual re-send); records and returns the attempt. */
async function sendCallback(emu, jobId, origin) {
	const { url, secret, event } = eventFor(emu, jobId, origin);
	const record = await deliver(emu, url, secret, event);
	emu.deliveries.push(Object.assign(record, { attempt: 1, final: true }));
	return record;
}

/** Push the terminal event when the job ends, retried while the receiver does not take it. */
function schedule(emu, job, origin) {
	if (!targetOf(emu, job).url) return;
	whenDone(emu, job, () => {
		let target;
		try {
			target = eventFor(emu, job.id, origin);
		} catch {
			return; // the workspace default was removed since the job started: nowhere to send
		}
		deliverWithRetries(emu, () => deliver(emu, target.url, target.secret, target.event));
	});
}

module.exports = { sign, buildEvent, deliver, sendCallback, schedule };
