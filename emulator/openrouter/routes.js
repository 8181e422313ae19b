'use strict';
// The openrouter profile's API below /api/v1: create, poll, content, models. OpenRouter
// has no list, delete, remix, edits, extensions or characters routes: those answer 404.
const { orError, badRequest } = require('./errors');
const { MODELS, published } = require('./catalog');
const v = require('./validate');
const inputs = require('./inputs');
const { createJob, statusOf, present, pollingUrl } = require('./jobs');
const callbacks = require('./callbacks');
const media = require('../media');

const ROUTES = [
	['POST', /^\/videos$/, 'create', create],
	['GET', /^\/videos\/models$/, 'models', listModels, { public: true }],
	['GET', /^\/key$/, 'key', currentKey],
	['GET', /^\/videos\/([^/]+)$/, 'get', getVideo],
	['GET', /^\/videos\/([^/]+)\/content$/, 'content', content],
];

/** { kind, handler, params, public? } for a path below /api/v1, or null. */
function route(method, routePath) {
	for (const [m, re, kind, handler, extra] of ROUTES) {
		const match = re.exec(routePath);
		if (match && m === method) return { kind, handler, params: match.slice(1).map(decodeURIComponent), ...extra };
	}
	return null;
}

const originOf = (ctx) => `http://${ctx.req.headers.host || `${ctx.emu.options.host}:${ctx.emu.port}`}`;

function findJob(ctx, id) {
	const job = ctx.emu.store.get(id);
	if (!job || !job.or) throw orError(404, `Video generation job '${id}' not found.`);
	return job;
}

// previous_job_id: a completed job of the same model, on a model that can continue.
function previousJob(ctx, model, id) {
	const prev = findJob(ctx, id);
	if (prev.model !== model.id) throw badRequest(`previous_job_id belongs to ${prev.model}; continue it with the same model.`, { param: 'model' });
	if (!model.continuation) throw badRequest(`${model.id} does not support continuation (previous_job_id).`, { param: 'previous_job_id' });
	const status = statusOf(ctx.emu, prev);
	if (status !== 'completed') throw orError(409, `Job '${id}' is ${status}; only a completed job can be continued.`);
	return prev;
}

async function create(ctx) {
	const { format, fields: body } = await ctx.emu.readBody(ctx);
	if (format !== 'json') throw badRequest('The request body must be JSON (Content-Type: application/json).');
	v.checkShape(body);
	const model = v.checkModel(body);
	const frames = inputs.checkFrameImages(model, body.frame_images);
	inputs.checkReferences(body.input_references);
	if (body.prompt === undefined && !frames.length) throw badRequest(`'prompt' is required by ${model.id} without frame_images.`, { param: 'prompt' });
	const duration = v.checkDuration(model, body);
	let geometry = v.checkGeometry(model, body);
	inputs.checkProvider(model, body.provider);
	const callbackUrl = inputs.checkCallbackUrl(body.callback_url);
	const generateAudio = inputs.checkAudio(model, body.generate_audio);
	let seconds = duration;
	let kind = 'create';
	if (body.previous_job_id !== undefined) {
		const prev = previousJob(ctx, model, body.previous_job_id);
		geometry = { size: prev.size, resolution: prev.or.resolution, aspectRatio: prev.or.aspectRatio };
		seconds = Number(prev.seconds) + duration; // an extension: the stitched clip
		kind = 'extend';
	}
	const job = createJob(ctx.emu, {
		kind, model, prompt: body.prompt || '', duration, seconds, ...geometry, generateAudio, callbackUrl,
		previousJobId: body.previous_job_id, image: frames.length > 0 || Array.isArray(body.input_references),
	});
	const origin = originOf(ctx);
	callbacks.schedule(ctx.emu, job, origin);
	return { status: 202, json: { id: job.id, polling_url: pollingUrl(ctx.emu, origin, job), status: 'pending' } };
}

async function getVideo(ctx) {
	return { status: 200, json: present(ctx.emu, findJob(ctx, ctx.params[0]), originOf(ctx)) };
}

async function content(ctx) {
	const job = findJob(ctx, ctx.params[0]);
	const raw = ctx.url.searchParams.get('index');
	if (raw !== null && !/^\d+$/.test(raw)) throw badRequest(`'index' must be a non-negative integer (got ${JSON.stringify(raw)}).`, { param: 'index' });
	const status = statusOf(ctx.emu, job);
	if (status !== 'completed') throw orError(409, `Job '${job.id}' is ${status}; content is available once it is completed.`);
	if (Number(raw || 0) !== 0) throw orError(404, `Job '${job.id}' has 1 output; index ${raw} does not exist.`);
	if (Date.now() >= ctx.emu.store.state(job).expiresMs) throw orError(410, `The output of job '${job.id}' has expired; generate it again.`);
	const body = media.videoMedia(job.size, job.seconds, ctx.emu.options.mp4Bytes);
	return {
		status: 200,
		headers: { 'content-disposition': `attachment; filename="${job.id}.mp4"` },
		media: { ...body, contentType: 'video/mp4' },
	};
}

async function listModels(ctx) {
	return { status: 200, json: { data: MODELS.map((m) => published(m, ctx.emu.options.pricingStyle)) } };
}

// GET /key: the calling key's limit and usage (OpenRouter's "Get current API key"), in the
// shape of @openrouter/sdk's GetCurrentKeyResponse. Authenticated: a bad key gets 401 first.
async function currentKey(ctx) {
	const o = ctx.emu.options;
	const usage = ctx.emu.store.all().reduce((sum, job) => sum + (job.or && job.or.cost ? job.or.cost : 0), 0);
	const limit = o.keyLimitUsd ?? null;
	const rounded = Math.round(usage * 1e6) / 1e6;
	return {
		status: 200,
		json: {
			data: {
				label: `sk-or-v1-${String(o.apiKey).slice(-3)}...`,
				limit,
				limit_remaining: limit === null ? null : Math.max(0, Math.round((limit - rounded) * 1e6) / 1e6),
				limit_reset: null,
				usage: rounded,
				usage_daily: rounded,
				usage_weekly: rounded,
				usage_monthly: rounded,
				byok_usage: 0,
				byok_usage_daily: 0,
				byok_usage_weekly: 0,
				byok_usage_monthly: 0,
				include_byok_in_limit: false,
				is_free_tier: false,
				is_management_key: false,
				is_provisioning_key: false,
				allowed_data_regions: ['global'],
				creator_user_id: null,
				organization_id: null,
				workspace_id: null,
				free_model_daily_requests: { limit: 1000, remaining: 1000, used: 0 },
				rate_limit: { interval: '10s', note: 'illustrative', requests: 100 },
			},
		},
	};
}

module.exports = { route };
