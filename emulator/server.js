'use strict';
// The emulator: an http.Server on loopback plus its state (jobs, characters,
// request log, fault rules, webhook timers). Requests go through one pipeline:
// route -> log -> fault (pre) -> auth -> handler -> fault (post) -> send.
const http = require('node:http');
const crypto = require('node:crypto');
const { ApiError, notFound } = require('./errors');
const { readBody, parseBody } = require('./body');
const { JobStore } = require('./jobs');
const { Faults } = require('./faults');
const { getProfile } = require('./profiles');
const webhooks = require('./webhooks');
const routes = require('./routes');
const admin = require('./admin');
const openrouter = require('./openrouter');
const { send } = require('./respond');
const { FileHost } = require('./filehost');
const { makeVideoId } = require('./ids');
const { errorReply, faultError, postFault } = require('./answer');

const RAW_BODY_LIMIT = 256 * 1024; // request bodies up to this size are logged raw (base64)

const DEFAULTS = {
	profile: 'openai',
	durationMs: 3000,
	queuedMs: null, // null = 10% of durationMs
	pollAfterMs: 1000,
	failPrompts: ['FAIL_MODERATION'],
	mp4Bytes: null,
	acceptAnySize: false,
	acceptAnySeconds: false,
	idStyle: null, // null = the profile's (openai, litellm, litellm-unpadded, reseller: see ids.js)
	webhook: null, // { url, secret }
	assetTtlSec: 3600,
	apiKey: 'sk-emulator-test-key',
	port: 0,
	host: '127.0.0.1',
	quiet: true,
};

const MODERATION_ERROR = {
	code: 'moderation_blocked',
	message: 'Your request was blocked by our moderation system.',
};

// Gateways report their own status words and drop fields they do not track.
function gatewayStatus(status, job, now) {
	if (status === 'queued') return now - job.createdMs < job.queuedMs / 2 ? 'NOT_START' : 'queued';
	if (status === 'in_progress') return 'processing';
	return status;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function redactHeaders(headers) {
	const out = { ...headers };
	if (out.authorization) out.authorization = out.authorization.replace(/^(\S+\s+)?.*$/, (_, scheme) => `${scheme || ''}REDACTED`);
	if (out['api-key']) out['api-key'] = 'REDACTED';
	return out;
}

// What a request body carried, for the log: field values (long strings cut) and file
// summaries (UploadedFile.toJSON gives {filename, contentType, size}).
function summarize(fields) {
	return JSON.parse(
		JSON.stringify(fields, (k, val) => {
			if (typeof val === 'string' && val.length > 300) return `${val.slice(0, 300)}... (${val.length} chars)`;
			return val;
		}),
	);
}

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
		this.fileHost = new FileHost(this);
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((e) => {
				console.error('[sora-emulator] internal error', e);
				if (!res.headersSent) send(res, { status: 500, json: this.errorJson(new ApiError(500, `Emulator internal error: ${e.message}`)) });
				else res.destroy();
			});
		});
		this.server.keepAliveTimeout = 5000;
		this.sockets = new Set();
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
	}

	setOptions(partial = {}) {
		const next = { ...this.options, ...partial };
		if (typeof next.failPrompts === 'string') next.failPrompts = [next.failPrompts];
		if (!Array.isArray(next.failPrompts)) next.failPrompts = [];
		getProfile(next.profile); // throws on an unknown profile
		if (next.idStyle) makeVideoId(next.idStyle, 'sora-2'); // throws on an unknown style
		this.options = next;
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
		this.clearTimers();
		for (const s of this.sockets) s.destroy();
		await this.fileHost.close();
		await new Promise((resolve) => this.server.close(() => resolve()));
	}

	clearTimers() {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}

	reset() {
		this.clearTimers();
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
		// Status is lazy, but a webhook must be pushed: one unref'd timer per job.
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (this.options.webhook && this.options.webhook.url && this.store.get(job.id)) {
				this.sendWebhook(job.id).catch(() => {});
			}
		}, durationMs);
		timer.unref();
		this.timers.add(timer);
		return job;
	}

	/** Deliver a video.completed / video.failed event now (type defaults from the job state). */
	async sendWebhook(videoId, type) {
		if (this.profile.dialect === 'openrouter') return openrouter.sendCallback(this, videoId);
		const config = this.options.webhook;
		if (!config || !config.url || !config.secret) throw new Error('no webhook configured (need url and secret)');
		if (!type) {
			const job = this.store.get(videoId);
			type = job && this.store.state(job).status === 'failed' ? 'video.failed' : 'video.completed';
		}
		const record = await webhooks.deliver(config, webhooks.buildEvent(videoId, type));
		this.deliveries.push(record);
		if (record.error && !this.options.quiet) console.error(`[sora-emulator] webhook to ${record.url} failed: ${record.error}`);
		return record;
	}

	/** The Video object as this profile reports it (`kind`: the request answered). */
	present(job, kind) {
		const now = Date.now();
		const full = this.store.view(job, now);
		if (this.profile.present) return this.profile.present(full, job, kind);
		if (!this.profile.sparse) return full;
		const out = {
			id: full.id,
			object: 'video',
			model: full.model,
			status: gatewayStatus(full.status, job, now),
			created_at: full.created_at,
			size: full.size,
			seconds: full.seconds,
		};
		if (full.completed_at) out.completed_at = full.completed_at;
		if (full.error) out.error = full.error;
		return out;
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

	async readBody(ctx) {
		if (!ctx.body) {
			const buf = await readBody(ctx.req);
			// The bytes as sent (newlines, JSON vs multipart), for tests that check the wire.
			ctx.entry.rawBody = buf.length <= RAW_BODY_LIMIT ? buf.toString('base64') : null;
			ctx.body = parseBody(buf, ctx.req.headers['content-type']);
			ctx.entry.body = summarize(ctx.body.fields);
			ctx.entry.format = ctx.body.format;
		}
		return ctx.body;
	}

	async readFields(ctx) {
		return (await this.readBody(ctx)).fields;
	}

	errorJson(e) {
		return this.profile.errorJson ? this.profile.errorJson(e) : e.toJSON();
	}

	authenticate(req, entry) {
		const key = this.options.apiKey;
		if (this.profile.auth === 'api-key') {
			const got = req.headers['api-key'];
			entry.authOk = got === key;
			if (got === undefined) throw new ApiError(401, 'Access denied: missing api-key header. Provide your key in the api-key header.', { code: 'missing_api_key' });
			if (!entry.authOk) throw new ApiError(401, 'Access denied due to an invalid api-key. Check the api-key header.', { code: 'invalid_api_key' });
			return;
		}
		const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization || '');
		entry.authOk = !!m && m[1].trim() === key;
		if (!m) {
			throw new ApiError(401, "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).", { code: null });
		}
		if (!entry.authOk) {
			const k = m[1].trim();
			const shown = k.length > 8 ? `${k.slice(0, 3)}***${k.slice(-4)}` : '***';
			throw new ApiError(401, `Incorrect API key provided: ${shown}.`, { code: 'invalid_api_key' });
		}
	}

	async handle(req, res) {
		const url = new URL(req.url, 'http://emulator.local');
		const path = url.pathname;
		if (path.startsWith('/__emulator/')) return admin.handle(this, req, res, url);

		res.setHeader('x-request-id', `req_${crypto.randomBytes(16).toString('hex')}`);
		const prefix = this.profile.prefix;
		const isStorage = !!this.profile.redirectContent && path.startsWith('/storage/');
		const routePath = path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : null;
		const found = isStorage
			? { kind: 'storage', handler: routes.storage, params: [] }
			: (routePath !== null && (this.profile.dialect === 'openrouter' ? openrouter : routes).route(req.method, routePath)) || { kind: 'unknown', handler: null, params: [] };
		const entry = {
			method: req.method,
			path,
			query: Object.fromEntries(url.searchParams),
			headers: redactHeaders(req.headers),
			at: Date.now(),
			kind: found.kind,
		};
		this.log.push(entry);
		const variant =
			found.kind === 'content'
				? url.searchParams.get('variant') || 'video'
				: isStorage
					? { mp4: 'video', webp: 'thumbnail', jpg: 'spritesheet' }[path.split('.').pop()]
					: undefined;
		const fault = this.faults.take({ kind: found.kind, method: req.method, path, routePath: routePath || path, variant });
		if (fault) entry.fault = fault.type;
		const ctx = { emu: this, req, url, params: found.params, entry, fault };

		let desc;
		try {
			if (fault && fault.type === 'reset') return void req.socket.destroy();
			if (fault && fault.type === 'delay') await sleep(fault.ms);
			if (fault && fault.type === 'status') throw faultError(fault);
			desc = this.profile.refuse ? this.profile.refuse(found.kind) : null; // routing comes before auth
			if (!desc) {
				if (!isStorage && !found.public) this.authenticate(req, entry);
				if (!found.handler) throw notFound(`Invalid URL (${req.method} ${path})`);
				desc = await found.handler(ctx);
			}
		} catch (e) {
			if (!(e instanceof ApiError)) throw e;
			desc = errorReply(this, e);
		}
		entry.status = desc.status;

		// Post-faults: the work is done (a job may now exist), only the answer is lost or changed.
		desc = postFault(this, fault, desc);
		if (desc === 'reset') return void req.socket.destroy();
		entry.status = desc.status;
		const truncateAt = fault && fault.type === 'truncate' ? (fault.bytes ?? 'half') : null;
		await send(res, desc, truncateAt);
	}
}

module.exports = { Emulator, DEFAULTS };
