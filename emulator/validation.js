'use strict';
// Request validation written from the contract (and the API's documented
// surprises), answering like the real API: 400 + error envelope naming the param.
const { invalid, missing } = require('./errors');
const { UploadedFile } = require('./body');
const { imageInfo, isVideoFile } = require('./media/probe');
const { PRO_MODELS } = require('./profiles');

const STD_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];
const PRO_SIZES = ['1920x1080', '1080x1920'];
const CREATE_SECONDS = ['4', '8', '12'];
const EXTEND_SECONDS = ['4', '8', '12', '16', '20'];
const MAX_PROMPT = 32000;

const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : v instanceof UploadedFile ? 'a file' : Number.isInteger(v) ? 'an integer' : typeof v === 'number' ? 'a number' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);
const invalidType = (param, expected, v) =>
	invalid(`Invalid type for '${param}': expected ${expected}, but got ${typeName(v)} instead.`, param, 'invalid_type');

// Strict servers reject parameters they do not know, as the OpenAI API does.
function rejectUnknown(fields, known, ctx) {
	if (!ctx.profile.strict) return;
	for (const k of Object.keys(fields)) {
		if (!known.includes(k)) throw invalid(`Unknown parameter: '${k}'.`, k, 'unknown_parameter');
	}
}

function checkPrompt(fields) {
	const p = fields.prompt;
	if (p === undefined || p === null) throw missing('prompt');
	if (typeof p !== 'string') throw invalidType('prompt', 'a string', p);
	if (p.length === 0) {
		throw invalid("Invalid 'prompt': empty string. Expected a string with minimum length 1.", 'prompt', 'empty_string');
	}
	// JSON Schema's maxLength counts characters (code points), not UTF-16 units: an emoji is 1.
	const chars = [...p].length;
	if (chars > MAX_PROMPT) {
		throw invalid(
			`Invalid 'prompt': string too long. Expected a string with maximum length ${MAX_PROMPT}, but got a string with length ${chars} instead.`,
			'prompt',
			'string_above_max_length',
		);
	}
	return p;
}

function checkModel(value, ctx) {
	if (value === undefined || value === null || value === '') return 'sora-2';
	if (typeof value !== 'string') throw invalidType('model', 'a string', value);
	if (ctx.profile.models.includes(value)) return value;
	// Gateways route any provider/model pair.
	if (!ctx.profile.strict && /^[\w.-]+\/[\w.:-]+$/.test(value)) return value;
	throw invalid(
		`Invalid value: '${value}'. Supported values are: ${ctx.profile.models.map((m) => `'${m}'`).join(', ')}.`,
		'model',
	);
}

function checkSize(value, model, ctx) {
	if (value === undefined || value === null || value === '') return '720x1280';
	if (typeof value !== 'string') throw invalidType('size', 'a string', value);
	const m = /^(\d+)x(\d+)$/.exec(value);
	if (!ctx.profile.strict || ctx.anySize) {
		if (!m || +m[1] < 16 || +m[2] < 16 || +m[1] > 4096 || +m[2] > 4096) {
			throw invalid(`Invalid 'size': '${value}'. Expected WIDTHxHEIGHT, each between 16 and 4096.`, 'size');
		}
		return value;
	}
	const bareModel = model.replace(/^[\w.-]+\//, '');
	if (PRO_SIZES.includes(value) && !PRO_MODELS.has(bareModel)) {
		throw invalid(`Invalid 'size': '${value}' is only available for sora-2-pro models, not '${model}'.`, 'size');
	}
	if (![...STD_SIZES, ...PRO_SIZES].includes(value)) {
		const allowed = PRO_MODELS.has(bareModel) ? [...STD_SIZES, ...PRO_SIZES] : STD_SIZES;
		throw invalid(`Invalid value: '${value}'. Supported values are: ${allowed.map((s) => `'${s}'`).join(', ')}.`, 'size');
	}
	return value;
}

function checkSeconds(value, allowed, ctx, { required = false } = {}) {
	if (value === undefined || value === null || value === '') {
		if (required) throw missing('seconds');
		return '4';
	}
	const lenient = !ctx.profile.strict || ctx.anySeconds;
	// Seconds is a string in the contract; gateways are lax and take numbers too.
	if (typeof value === 'number' && !ctx.profile.strict) value = String(value);
	if (typeof value !== 'string') throw invalidType('seconds', `one of ${allowed.map((s) => `'${s}'`).join(', ')}`, value);
	if (lenient) {
		const n = Number(value);
		if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > 600) {
			throw invalid(`Invalid 'seconds': '${value}'. Expected a positive number of seconds.`, 'seconds');
		}
		return value;
	}
	if (!allowed.includes(value)) {
		throw invalid(`Invalid value: '${value}'. Supported values are: ${allowed.map((s) => `'${s}'`).join(', ')}.`, 'seconds');
	}
	return value;
}

function checkImage(buf, size, ctx, param) {
	const info = imageInfo(buf);
	if (!info) {
		throw invalid(
			`Invalid '${param}': unsupported image format. Supported formats are image/jpeg, image/png and image/webp.`,
			param,
			'invalid_image_format',
		);
	}
	const [w, h] = size.split('x').map(Number);
	if (ctx.profile.strict && info.width !== null && (info.width !== w || info.height !== h)) {
		throw invalid(
			`Invalid '${param}': the image is ${info.width}x${info.height} but the requested size is ${size}; the reference image must match the requested width and height.`,
			param,
			'invalid_image_size',
		);
	}
	return info;
}

function checkInputReference(value, size, ctx) {
	if (value === undefined || value === null || value === '') return null;
	if (value instanceof UploadedFile) {
		const info = checkImage(value.data, size, ctx, 'input_reference');
		return { type: 'file', filename: value.filename, contentType: info.type, bytes: value.data.length };
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw invalidType('input_reference', 'an image file or an object with image_url or file_id', value);
	}
	const keys = ['image_url', 'file_id'].filter((k) => value[k] !== undefined && value[k] !== null);
	if (keys.length !== 1) {
		throw invalid(
			`Invalid 'input_reference': provide exactly one of 'image_url' or 'file_id' (got ${keys.length ? 'both' : 'neither'}).`,
			'input_reference',
		);
	}
	for (const k of Object.keys(value)) {
		if (k !== 'image_url' && k !== 'file_id' && ctx.profile.strict) {
			throw invalid(`Unknown parameter: 'input_reference.${k}'.`, `input_reference.${k}`, 'unknown_parameter');
		}
	}
	const k = keys[0];
	const param = `input_reference.${k}`;
	if (typeof value[k] !== 'string' || value[k] === '') throw invalidType(param, 'a non-empty string', value[k]);
	if (k === 'image_url') {
		const data = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(value.image_url);
		if (data) checkImage(Buffer.from(data[2], 'base64'), size, ctx, param);
		else if (!/^https?:\/\/\S+$/.test(value.image_url)) {
			throw invalid(`Invalid '${param}': expected an http(s) URL or a base64 data URL.`, param, 'invalid_url');
		}
	}
	return { type: k, value: value[k].length > 200 ? `${value[k].slice(0, 200)}...` : value[k] };
}

// `video` of edits/extensions: {id} reference, or an uploaded video file (multipart).
function checkVideoRef(value) {
	if (value === undefined || value === null) throw missing('video');
	if (value instanceof UploadedFile) {
		if (!isVideoFile(value.data)) {
			throw invalid("Invalid 'video': the uploaded file is not a video (expected MP4/MOV or WebM).", 'video', 'invalid_video_format');
		}
		return { file: value };
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw invalidType('video', "an object with 'id' (or a video file upload)", value);
	}
	if (value.id === undefined || value.id === null || value.id === '') throw missing('video.id');
	if (typeof value.id !== 'string') throw invalidType('video.id', 'a string', value.id);
	return { id: value.id };
}

function validateCreate(fields, ctx) {
	rejectUnknown(fields, ['model', 'prompt', 'input_reference', 'seconds', 'size'], ctx);
	const prompt = checkPrompt(fields);
	const model = checkModel(fields.model, ctx);
	const size = checkSize(fields.size, model, ctx);
	const seconds = checkSeconds(fields.seconds, CREATE_SECONDS, ctx);
	const inputReference = checkInputReference(fields.input_reference, size, ctx);
	return { prompt, model, size, seconds, inputReference };
}

function validateRemix(fields, ctx) {
	rejectUnknown(fields, ['prompt'], ctx);
	return { prompt: checkPrompt(fields) };
}

function validateEdit(fields, ctx) {
	rejectUnknown(fields, ['video', 'prompt'], ctx);
	const prompt = checkPrompt(fields);
	return { prompt, video: checkVideoRef(fields.video) };
}

function validateExtend(fields, ctx) {
	rejectUnknown(fields, ['video', 'prompt', 'seconds'], ctx);
	const prompt = checkPrompt(fields);
	const video = checkVideoRef(fields.video);
	const seconds = checkSeconds(fields.seconds, EXTEND_SECONDS, ctx, { required: true });
	return { prompt, video, seconds };
}

function validateCharacter(fields, format, ctx) {
	if (format !== 'multipart') {
		throw invalid('Character creation requires a multipart/form-data body with a video file and a name.', null, 'invalid_content_type');
	}
	rejectUnknown(fields, ['video', 'name'], ctx);
	const name = fields.name;
	if (name === undefined || name === null) throw missing('name');
	if (typeof name !== 'string') throw invalidType('name', 'a string', name);
	if (name.length < 1 || name.length > 80) {
		throw invalid(`Invalid 'name': expected 1 to 80 characters, got ${name.length}.`, 'name', name.length ? 'string_above_max_length' : 'empty_string');
	}
	if (fields.video === undefined) throw missing('video');
	if (!(fields.video instanceof UploadedFile)) throw invalidType('video', 'a video file upload', fields.video);
	if (!isVideoFile(fields.video.data)) {
		throw invalid("Invalid 'video': the uploaded file is not a video (expected MP4/MOV or WebM).", 'video', 'invalid_video_format');
	}
	return { name, video: fields.video };
}

function validateListQuery(query) {
	let limit = 20;
	if (query.limit !== undefined) {
		if (!/^\d+$/.test(query.limit) || Number(query.limit) > 100) {
			throw invalid(`Invalid 'limit': '${query.limit}'. Expected an integer between 0 and 100.`, 'limit');
		}
		limit = Number(query.limit);
	}
	const order = query.order === undefined ? 'desc' : query.order;
	if (order !== 'asc' && order !== 'desc') {
		throw invalid(`Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, 'order');
	}
	const after = query.after === undefined || query.after === '' ? null : query.after;
	return { limit, order, after };
}

function validateVariant(query) {
	const v = query.variant === undefined || query.variant === '' ? 'video' : query.variant;
	if (!['video', 'thumbnail', 'spritesheet'].includes(v)) {
		throw invalid(`Invalid value: '${v}'. Supported values are: 'video', 'thumbnail' and 'spritesheet'.`, 'variant');
	}
	return v;
}

module.exports = {
	validateCreate,
	validateRemix,
	validateEdit,
	validateExtend,
	validateCharacter,
	validateListQuery,
	validateVariant,
};
