'use strict';
// The API surface: one handler per contract endpoint. Handlers get a context
// { emu, req, url, params, entry, fault } and return a response descriptor.
const crypto = require('node:crypto');
const { hexId } = require('./jobs');
const { ApiError, notFound, invalid } = require('./errors');
const v = require('./validation');
const media = require('./media');
const { mp4Info } = require('./media/probe');
const dialects = require('./content-dialects');
const { continuationProblem } = require('./continuations');

const ROUTES = [
	['POST', /^\/videos$/, 'create', create],
	['GET', /^\/videos$/, 'list', list],
	['POST', /^\/videos\/edits$/, 'edit', edit],
	['POST', /^\/videos\/extensions$/, 'extend', extend],
	['POST', /^\/videos\/characters$/, 'character.create', createCharacter],
	['GET', /^\/videos\/characters\/([^/]+)$/, 'character.get', getCharacter],
	['GET', /^\/videos\/([^/]+)$/, 'get', getVideo],
	['DELETE', /^\/videos\/([^/]+)$/, 'delete', deleteVideo],
	['POST', /^\/videos\/([^/]+)\/remix$/, 'remix', remix],
	['GET', /^\/videos\/([^/]+)\/content$/, 'content', content],
	['GET', /^\/models$/, 'models', listModels],
	['GET', /^\/models\/(.+)$/, 'models', getModel],
];

/** { kind, handler, params } for a path below the base prefix, or null. */
function route(method, routePath) {
	for (const [m, re, kind, handler] of ROUTES) {
		const match = re.exec(routePath);
		if (match && m === method) return { kind, handler, params: match.slice(1).map(decodeURIComponent) };
	}
	return null;
}

// ---- helpers ----

function videoReply(ctx, job) {
	const headers = {};
	if (ctx.emu.options.pollAfterMs !== null && ctx.emu.options.pollAfterMs !== undefined) {
		headers['openai-poll-after-ms'] = String(ctx.emu.options.pollAfterMs);
	}
	return { status: 200, headers, json: ctx.emu.present(job, ctx.entry.kind) };
}

function findVideo(ctx, id) {
	const job = ctx.emu.store.get(id);
	if (!job) throw notFound(`Video with id '${id}' not found.`, 'video_not_found');
	return job;
}

// Remix, edit and extend need a finished source.
function completedSource(ctx, id) {
	const job = findVideo(ctx, id);
	const { status } = ctx.emu.store.state(job);
	if (status !== 'completed') {
		throw new ApiError(400, `Video '${id}' is ${status}; only completed videos can be remixed, edited or extended.`, {
			param: 'video_id',
			code: 'video_not_completed',
		});
	}
	return job;
}

// Shape of an uploaded source video, read from its MP4 header when possible.
function uploadedShape(file) {
	const info = mp4Info(file.data);
	return {
		size: info.width && info.height ? `${info.width}x${info.height}` : '720x1280',
		seconds: info.seconds ? String(Math.max(1, Math.round(info.seconds))) : '4',
	};
}

// What a remix, edit or extension starts from: a completed job by id, or an uploaded file.
function sourceOf(ctx, video) {
	if (video.file) return { id: null, model: 'sora-2', ...uploadedShape(video.file) };
	const src = completedSource(ctx, video.id);
	return { id: src.id, model: src.model, size: src.size, seconds: src.seconds, continuations: src.continuations || 0 };
}

// ---- video endpoints ----

async function create(ctx) {
	const fields = await ctx.emu.readFields(ctx);
	const p = v.validateCreate(fields, ctx.emu.validationContext());
	const job = ctx.emu.createJob({ kind: 'create', ...p });
	return videoReply(ctx, job);
}

async function remix(ctx) {
	const fields = await ctx.emu.readFields(ctx);
	const { prompt } = v.validateRemix(fields, ctx.emu.validationContext());
	const src = sourceOf(ctx, { id: ctx.params[0] });
	const job = ctx.emu.createJob({ kind: 'remix', prompt, model: src.model, size: src.size, seconds: src.seconds, remixedFrom: src.id });
	return videoReply(ctx, job);
}

async function edit(ctx) {
	const fields = await ctx.emu.readFields(ctx);
	const p = v.validateEdit(fields, ctx.emu.validationContext());
	const src = sourceOf(ctx, p.video);
	const job = ctx.emu.createJob({ kind: 'edit', prompt: p.prompt, model: src.model, size: src.size, seconds: src.seconds, remixedFrom: src.id });
	return videoReply(ctx, job);
}

async function extend(ctx) {
	const fields = await ctx.emu.readFields(ctx);
	const p = v.validateExtend(fields, ctx.emu.validationContext());
	const src = sourceOf(ctx, p.video);
	const problem = continuationProblem(src, p.seconds);
	if (problem) throw new ApiError(400, problem.message, { param: problem.param, code: problem.code });
	// seconds of an extension is the stitched total: source + new segment.
	const seconds = String(Number(src.seconds) + Number(p.seconds));
	const job = ctx.emu.createJob({ kind: 'extend', prompt: p.prompt, model: src.model, size: src.size, seconds });
	job.continuations = (src.continuations || 0) + 1;
	return videoReply(ctx, job);
}

async function list(ctx) {
	const q = v.validateListQuery(Object.fromEntries(ctx.url.searchParams));
	let all = ctx.emu.store.all();
	if (q.order === 'desc') all = all.reverse();
	let start = 0;
	// A server that ignores `after` answers the first page again (fault ignoreAfter).
	if (q.after !== null && !(ctx.fault && ctx.fault.type === 'ignoreAfter')) {
		const i = all.findIndex((j) => j.id === q.after);
		if (i < 0) throw invalid(`Invalid 'after': no video with id '${q.after}'.`, 'after');
		start = i + 1;
	}
	const page = all.slice(start, start + q.limit);
	const data = page.map((j) => ctx.emu.present(j, 'list'));
	return {
		status: 200,
		json: {
			object: 'list',
			data,
			first_id: page.length ? page[0].id : null,
			last_id: page.length ? page[page.length - 1].id : null,
			has_more: start + page.length < all.length,
		},
	};
}

async function getVideo(ctx) {
	return videoReply(ctx, findVideo(ctx, ctx.params[0]));
}

async function deleteVideo(ctx) {
	const job = findVideo(ctx, ctx.params[0]);
	ctx.emu.store.delete(job.id);
	return { status: 200, json: { id: job.id, object: 'video.deleted', deleted: true } };
}

// Not-ready and expired content both answer 404 (the live API answers 404 while a
// job is queued/in_progress); the `code` tells them apart.
const notReady = (job, status) =>
	notFound(`Video '${job.id}' is not ready yet (status: ${status}); poll GET /videos/${job.id} until it is completed.`, 'video_not_ready');
const failedContent = (job) => notFound(`Video '${job.id}' failed; it has no content to download.`, 'video_failed');
const expired = (job) =>
	notFound(`The content of video '${job.id}' has expired and can no longer be downloaded; generate it again.`, 'video_expired');

const VARIANTS = {
	video: { ext: 'mp4', type: 'video/mp4' },
	thumbnail: { ext: 'webp', type: 'image/webp' },
	spritesheet: { ext: 'jpg', type: 'image/jpeg' },
};

async function content(ctx) {
	const job = findVideo(ctx, ctx.params[0]);
	const variant = v.validateVariant(Object.fromEntries(ctx.url.searchParams));
	const state = ctx.emu.store.state(job);
	if (ctx.fault && ctx.fault.type === 'notReady') throw notReady(job, 'in_progress');
	if (ctx.fault && ctx.fault.type === 'expired') throw expired(job);
	const early = dialects.beforeChecks(ctx, job, state);
	if (early) return early;
	if (state.status === 'failed') throw failedContent(job);
	if (state.status !== 'completed') throw notReady(job, state.status);
	if (Date.now() >= state.expiresMs) throw expired(job);
	const other = await dialects.served(ctx, job, state, variant);
	if (other) return other;
	if (ctx.emu.profile.redirectContent) {
		// Gateways hand out a pre-signed storage URL instead of the bytes.
		const token = crypto.randomBytes(16).toString('hex');
		ctx.emu.storage.set(token, { videoId: job.id, variant, expiresMs: state.expiresMs });
		const origin = `http://${ctx.req.headers.host || `${ctx.emu.options.host}:${ctx.emu.port}`}`;
		return { status: 302, headers: { location: `${origin}/storage/${token}.${VARIANTS[variant].ext}` } };
	}
	return mediaReply(ctx.emu, job, variant);
}

function mediaReply(emu, job, variant) {
	const { ext, type } = VARIANTS[variant];
	let body;
	if (variant === 'video') body = media.videoMedia(job.size, job.seconds, emu.options.mp4Bytes);
	else {
		const buf = variant === 'thumbnail' ? media.thumbnail(job.size) : media.spritesheet(job.size, job.seconds);
		body = { parts: [buf], zeroBytes: 0, size: buf.length };
	}
	return {
		status: 200,
		headers: { 'content-disposition': `attachment; filename="${job.id}.${ext}"` },
		media: { ...body, contentType: type },
	};
}

// Unauthenticated storage behind the gateway's redirect; like a pre-signed URL
// it stops working when the asset expires (403, S3 style).
async function storage(ctx) {
	const m = /^\/storage\/([0-9a-f]+)\.\w+$/.exec(ctx.url.pathname);
	const entry = m && ctx.emu.storage.get(m[1]);
	const job = entry && ctx.emu.store.get(entry.videoId);
	const xml = (code, message) => `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
	if (!job) return { status: 404, contentType: 'application/xml', text: xml('NoSuchKey', 'The specified key does not exist.') };
	if (Date.now() >= entry.expiresMs) return { status: 403, contentType: 'application/xml', text: xml('AccessDenied', 'Request has expired') };
	return mediaReply(ctx.emu, job, entry.variant);
}

// ---- characters ----

async function createCharacter(ctx) {
	const { format, fields } = await ctx.emu.readBody(ctx);
	const p = v.validateCharacter(fields, format, ctx.emu.validationContext());
	const ch = { id: hexId('char'), name: p.name, created_at: Math.floor(Date.now() / 1000) };
	ctx.emu.characters.set(ch.id, ch);
	return { status: 200, json: ch };
}

async function getCharacter(ctx) {
	const ch = ctx.emu.characters.get(ctx.params[0]);
	if (!ch) throw notFound(`Character with id '${ctx.params[0]}' not found.`, 'character_not_found');
	return { status: 200, json: ch };
}

// ---- models ----

const MODEL_CREATED = 1759708800; // 2025-10-06, the sora-2 launch

function modelObject(id) {
	return { id, object: 'model', created: MODEL_CREATED, owned_by: id.includes('/') ? id.split('/')[0] : 'system' };
}

async function listModels(ctx) {
	return { status: 200, json: { object: 'list', data: ctx.emu.profile.models.map(modelObject) } };
}

async function getModel(ctx) {
	const id = ctx.params[0];
	if (!ctx.emu.profile.models.includes(id)) throw notFound(`The model '${id}' does not exist.`, 'model_not_found');
	return { status: 200, json: modelObject(id) };
}

module.exports = { route, storage, mediaReply };
