'use strict';
// The emulator: an http.Server on loopback plus its state (jobs, characters, request log,
// fault rules, webhook timers). Each request goes through dispatch.js; options.js holds the
// defaults, auth.js the key check, present.js the Video object each profile reports.
const http = require('node:http');
const { ApiError } = require('./errors');
const { JobStore } = require('./jobs');
const { Faults } = require('./faults');
const { getProfile } = require('./profiles');
const webhooks = require('./webhooks');
const { whenDone, deliverWithRetries } = require('./delivery');
const routes = require('./routes');
const openrouter = require('./openrouter');
const { send } = require('./respond');
const { FileHost } = require('./filehost');
const { makeVideoId } = require('./ids');
const { DEFAULTS, mergeOptions } = require('./options');
const { authenticate, redactHeaders } = require('./auth');
const { handle, readLoggedBody } = require('./dispatch');
const { presentJob } = require('./present');

const MODERATION_ERROR = {
	code: 'moderation_blocked',
	message: 'Your request was blocked by our moderation system.',
};

class Emulator {
	constructor(options = {}) {
		this.options = { ...DEFAULTS };
		this.setOptions(options);
		this.store = new JobStore();
		this.characters = new Map();
		this.storage = new Map();
		this.log = [];
		this.deliveries = [];
		this.faults = new Faults();
		this.timers = new Set();
		// What a reset or close ends: pending timers, delivery chains (by epoch), requests in flight.
		this.epoch = 0;
		this.lifetime = new AbortController();
		this.fileHost = new FileHost(this);
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((e) => {
				console.error('[sora-emulator] internal error', e);
				if (!res.headersSent) send(res, { status: 500, json: this.errorJson(new ApiError(500, `Emulator internal error: ${e.message}`)) });
				else res.destroy();
			});
		});
		// Idle sockets stay open a minute: with Node's 5 s a client on a loaded machine reuses a
		// socket the server is closing that instant and gets ECONNRESET (seen in the jest suites).
		this.server.keepAliveTimeout = 60_000;
		this.sockets = new Set();
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	setOptions(partial = {}) {
		this.options = mergeOptions(this.options, partial); // throws on an unknown profile or id style
	}

	get profile() {
		return getProfile(this.options.profile);
	}

	get port() {
		const a = this.server.address();
		return a ? a.port : null;
	}

	get origin() {
		return `http://${this.options.host}:${this.port}`;
	}

	get baseUrl() {
		return `${this.origin}${this.profile.prefix}`;
	}

	listen() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
	}

	async close() {
		this.endDeliveries();
		for (const s of this.sockets) s.destroy();
		await this.fileHost.close();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	/** Runs fn after ms on an unref'd timer that reset() and close() cancel. */
	later(ms, fn) {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	/** Cancels pending event timers and retries and aborts deliveries in flight. */
	endDeliveries() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		this.epoch++;
		this.lifetime.abort();
		this.lifetime = new AbortController();
	}

	reset() {
		this.endDeliveries();
		this.store.clear();
		this.characters.clear();
		this.storage.clear();
		this.fileHost.clear();
		this.log.length = 0;
		this.deliveries.length = 0;
		this.faults.set([]);
	}

	validationContext() {
		return { profile: this.profile, anySize: !!this.options.acceptAnySize, anySeconds: !!this.options.acceptAnySeconds };
	}

	createJob({ kind, prompt, model, size, seconds, remixedFrom = null }) {
		const o = this.options;
		const durationMs = Math.max(0, Number(o.durationMs) || 0);
		const queuedMs = o.queuedMs === null || o.queuedMs === undefined ? Math.round(durationMs * 0.1) : Number(o.queuedMs);
		const fail = o.failPrompts.some((s) => s && prompt.includes(s)) ? { ...MODERATION_ERROR } : null;
		const job = this.store.create({
			id: makeVideoId(o.idStyle || this.profile.idStyle, model),
			kind,
			prompt,
			model,
			size,
			seconds,
			remixedFrom,
			fail,
			timing: { durationMs, queuedMs, ttlMs: Math.round(Number(o.assetTtlSec) * 1000) },
		});
		// Status is lazy, but a webhook must be pushed: when the job ends, to the target set then.
		whenDone(this, job, () => {
			const config = this.options.webhook;
			if (!config || !config.url || !config.secret) return;
			const event = webhooks.buildEvent(job.id, this.store.state(job).status === 'failed' ? 'video.failed' : 'video.completed');
			const msgId = webhooks.messageId();
			deliverWithRetries(this, () => webhooks.deliver(this, config, event, msgId));
		});
		return job;
	}

	/** Deliver a video.completed / video.failed event now, once (type defaults from the job state). */
	async sendWebhook(videoId, type) {
		if (this.profile.dialect === 'openrouter') return openrouter.sendCallback(this, videoId);
		const config = this.options.webhook;
		if (!config || !config.url || !config.secret) throw new Error('no webhook configured (need url and secret)');
		if (!type) type = this.terminalEventType(videoId);
		const record = await webhooks.deliver(this, config, webhooks.buildEvent(videoId, type));
		this.deliveries.push(Object.assign(record, { attempt: 1, final: true }));
		if (record.error && !this.options.quiet) console.error(`[sora-emulator] webhook to ${record.url} failed: ${record.error}`);
		return record;
	}

	/** video.failed or video.completed for a finished job; an unknown id gets video.completed
	 * (events about jobs the server never had are a test's business); a running job throws,
	 * since calling it completed would be a lie. */
	terminalEventType(videoId) {
		const job = this.store.get(videoId);
		if (!job) return 'video.completed';
		const { status } = this.store.state(job);
		if (status === 'failed') return 'video.failed';
		if (status === 'completed') return 'video.completed';
		throw new Error(`job ${videoId} is ${status}; give the event type or wait until it ends`);
	}

	/** The Video object as this profile reports it (`kind`: the request answered). */
	present(job, kind) {
		return presentJob(this.profile, this.store, job, kind);
	}

	jobs() {
		if (this.profile.dialect === 'openrouter') return openrouter.jobs(this);
		const now = Date.now();
		return this.store.all().map((j) => this.store.view(j, now));
	}

	redact(headers) {
		return redactHeaders(headers);
	}

	mediaFor(job, variant) {
		return routes.mediaReply(this, job, variant);
	}

	readBody(ctx) {
		return readLoggedBody(ctx);
	}

	async readFields(ctx) {
		return (await this.readBody(ctx)).fields;
	}

	errorJson(e) {
		return this.profile.errorJson ? this.profile.errorJson(e) : e.toJSON();
	}

	authenticate(req, entry) {
		authenticate(this.profile, this.options.apiKey, req, entry);
	}

	handle(req, res) {
		return handle(this, req, res);
	}
}

module.exports = { Emulator, DEFAULTS };
