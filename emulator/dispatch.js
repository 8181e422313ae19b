'use strict';
// One request through the pipeline: route -> log -> fault (pre) -> auth -> handler ->
// fault (post) -> send. The log entry also gets the body, read once when a handler asks.
const crypto = require('node:crypto');
const { ApiError, notFound } = require('./errors');
const { readBody, parseBody } = require('./body');
const { redactHeaders } = require('./auth');
const routes = require('./routes');
const admin = require('./admin');
const openrouter = require('./openrouter');
const { send } = require('./respond');
const { errorReply, faultError, postFault } = require('./answer');

const RAW_BODY_LIMIT = 256 * 1024; // request bodies up to this size are logged raw (base64)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

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

/** The request's parsed body, read once; the bytes and a summary go into its log entry. */
async function readLoggedBody(ctx) {
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

/** The route a path names under this profile: an API route, hosted storage, or unknown. */
function findRoute(profile, method, path) {
	const isStorage = !!profile.redirectContent && path.startsWith('/storage/');
	const routePath = path.startsWith(`${profile.prefix}/`) ? path.slice(profile.prefix.length) : null;
	const found = isStorage
		? { kind: 'storage', handler: routes.storage, params: [] }
		: (routePath !== null && (profile.dialect === 'openrouter' ? openrouter : routes).route(method, routePath)) || { kind: 'unknown', handler: null, params: [] };
	return { found, isStorage, routePath };
}

/** The content variant a request asks for (query on the API, file extension on storage). */
function variantOf(found, isStorage, url) {
	if (found.kind === 'content') return url.searchParams.get('variant') || 'video';
	if (isStorage) return { mp4: 'video', webp: 'thumbnail', jpg: 'spritesheet' }[url.pathname.split('.').pop()];
	return undefined;
}

async function handle(emu, req, res) {
	const url = new URL(req.url, 'http://emulator.local');
	const path = url.pathname;
	if (path.startsWith('/__emulator/')) return admin.handle(emu, req, res, url);

	res.setHeader('x-request-id', `req_${crypto.randomBytes(16).toString('hex')}`);
	const { found, isStorage, routePath } = findRoute(emu.profile, req.method, path);
	const entry = {
		method: req.method,
		path,
		query: Object.fromEntries(url.searchParams),
		headers: redactHeaders(req.headers),
		at: Date.now(),
		kind: found.kind,
	};
	emu.log.push(entry);
	const variant = variantOf(found, isStorage, url);
	const fault = emu.faults.take({ kind: found.kind, method: req.method, path, routePath: routePath || path, variant });
	if (fault) entry.fault = fault.type;
	const ctx = { emu, req, url, params: found.params, entry, fault };

	let desc;
	try {
		if (fault && fault.type === 'reset') return void req.socket.destroy();
		if (fault && fault.type === 'delay') await sleep(fault.ms);
		if (fault && fault.type === 'status') throw faultError(fault);
		desc = emu.profile.refuse ? emu.profile.refuse(found.kind) : null; // routing comes before auth
		if (!desc) {
			if (!isStorage && !found.public) emu.authenticate(req, entry);
			if (!found.handler) throw notFound(`Invalid URL (${req.method} ${path})`);
			desc = await found.handler(ctx);
		}
	} catch (e) {
		if (!(e instanceof ApiError)) throw e;
		desc = errorReply(emu, e);
	}
	entry.status = desc.status;

	// Post-faults: the work is done (a job may now exist), only the answer is lost or changed.
	desc = postFault(emu, fault, desc);
	if (desc === 'reset') return void req.socket.destroy();
	entry.status = desc.status;
	const truncateAt = fault && fault.type === 'truncate' ? (fault.bytes ?? 'half') : null;
	const bytesPerSec = fault && fault.type === 'slow' ? fault.bytesPerSec : null;
	await send(res, desc, truncateAt, bytesPerSec);
}

module.exports = { handle, readLoggedBody };
