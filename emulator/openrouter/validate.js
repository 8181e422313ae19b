'use strict';
// Checks a create body against the request contract (@openrouter/sdk VideoGenerationRequest)
// and the chosen model's published capabilities. Every refusal is a 400 in OpenRouter's
// envelope whose message names the allowed values.
const { badRequest } = require('./errors');
const { findModel, MODELS } = require('./catalog');
const { sizeFor, parseSize } = require('./geometry');

// Every top-level key the SDK's request schema knows (wire spelling).
const KNOWN = new Set([
	'aspect_ratio', 'callback_url', 'creativity', 'duration', 'frame_images', 'generate_audio', 'input_references',
	'model', 'previous_job_id', 'prompt', 'provider', 'resolution', 'seed', 'session_id', 'size', 'trace', 'upscale_factor', 'user',
]);

const list = (values) => values.map((v) => JSON.stringify(v)).join(', ');
const isInt = (v) => typeof v === 'number' && Number.isInteger(v);

function outside(model, field, value, allowed) {
	return badRequest(`${field} ${JSON.stringify(value)} is not supported by ${model.id}. Supported values: ${list(allowed)}.`, {
		param: field,
		allowed,
	});
}

function checkModel(body) {
	if (typeof body.model !== 'string' || !body.model) throw badRequest("'model' is required and must be a string.", { param: 'model' });
	const model = findModel(body.model);
	if (!model) {
		throw badRequest(`Model '${body.model}' is not a video generation model. Video models: ${list(MODELS.map((m) => m.id))}.`, {
			param: 'model',
		});
	}
	return model;
}

function checkShape(body) {
	const unknown = Object.keys(body).filter((k) => !KNOWN.has(k));
	if (unknown.length) throw badRequest(`Unrecognized parameter(s): ${list(unknown)}.`, { unknown });
	for (const k of ['creativity', 'upscale_factor']) {
		if (body[k] !== undefined) throw badRequest(`'${k}' is only for video upscaling models, not for video generation.`, { param: k });
	}
	for (const k of ['prompt', 'callback_url', 'previous_job_id', 'size', 'session_id', 'user', 'resolution', 'aspect_ratio']) {
		if (body[k] !== undefined && typeof body[k] !== 'string') throw badRequest(`'${k}' must be a string.`, { param: k });
	}
	if (body.generate_audio !== undefined && typeof body.generate_audio !== 'boolean') {
		throw badRequest("'generate_audio' must be a boolean.", { param: 'generate_audio' });
	}
	if (body.seed !== undefined && !isInt(body.seed)) throw badRequest("'seed' must be an integer.", { param: 'seed' });
}

function checkDuration(model, body) {
	if (body.duration === undefined) return model.supported_durations ? model.supported_durations[0] : 5;
	if (!isInt(body.duration)) {
		throw badRequest(`'duration' must be an integer number of seconds (got ${JSON.stringify(body.duration)}).`, { param: 'duration' });
	}
	const allowed = model.supported_durations;
	if (allowed && !allowed.includes(body.duration)) throw outside(model, 'duration', body.duration, allowed);
	return body.duration;
}

// Size, or resolution + aspect ratio (defaults: the first published ones). Both given must agree.
function checkGeometry(model, body) {
	let { resolution, aspect_ratio: aspectRatio } = body;
	if (body.size !== undefined) {
		const parsed = parseSize(body.size);
		if (!parsed) throw badRequest(`'size' must be WIDTHxHEIGHT, e.g. "1280x720" (got ${JSON.stringify(body.size)}).`, { param: 'size' });
		if (!model.supported_sizes) throw badRequest(`${model.id} does not accept 'size'; use 'resolution' and 'aspect_ratio'.`, { param: 'size' });
		if (!model.supported_sizes.includes(body.size)) throw outside(model, 'size', body.size, model.supported_sizes);
		if ((resolution && resolution !== parsed.resolution) || (aspectRatio && aspectRatio !== parsed.aspectRatio)) {
			throw badRequest(`'size' ${body.size} contradicts resolution/aspect_ratio (${resolution || '-'} ${aspectRatio || '-'}).`, { param: 'size' });
		}
		return { size: body.size, resolution: parsed.resolution, aspectRatio: parsed.aspectRatio };
	}
	const resolutions = model.supported_resolutions;
	const ratios = model.supported_aspect_ratios;
	if (resolution !== undefined && resolutions && !resolutions.includes(resolution)) throw outside(model, 'resolution', resolution, resolutions);
	if (aspectRatio !== undefined && ratios && !ratios.includes(aspectRatio)) throw outside(model, 'aspect_ratio', aspectRatio, ratios);
	resolution = resolution || (resolutions ? resolutions[0] : '720p');
	aspectRatio = aspectRatio || (ratios ? ratios[0] : '16:9');
	const size = sizeFor(resolution, aspectRatio);
	if (!size) throw badRequest(`Unknown resolution/aspect_ratio ${resolution} ${aspectRatio}.`, { param: 'resolution' });
	return { size, resolution, aspectRatio };
}

module.exports = { checkModel, checkShape, checkDuration, checkGeometry, outside, list };
