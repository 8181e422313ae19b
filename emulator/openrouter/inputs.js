'use strict';
// Images, references, audio, provider pass-through and callback URL of a create body,
// checked against the model's published capabilities.
const { badRequest } = require('./errors');
const { outside, list } = require('./validate');

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const MAGIC = [
	['image/png', (b) => b.length > 8 && b.readUInt32BE(0) === 0x89504e47],
	['image/jpeg', (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8],
	['image/webp', (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP'],
	['image/gif', (b) => b.length > 6 && b.toString('latin1', 0, 3) === 'GIF'],
];

/** A public http(s) URL or a base64 data URL whose bytes really are an image. */
function checkImageUrl(url, where) {
	if (typeof url !== 'string' || !url) throw badRequest(`${where}.url must be a non-empty string.`, { param: where });
	if (url.startsWith('data:')) {
		const m = /^data:([\w/+.-]+);base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
		if (!m) throw badRequest(`${where}.url is not a base64 data URL (data:<mime>;base64,<data>).`, { param: where });
		const bytes = Buffer.from(m[2], 'base64');
		const kind = MAGIC.find(([, test]) => test(bytes));
		if (!kind) throw badRequest(`${where}.url does not hold a PNG, JPEG, WebP or GIF image.`, { param: where });
		if (kind[0] !== m[1].toLowerCase()) throw badRequest(`${where}.url says ${m[1]} but holds ${kind[0]}.`, { param: where });
		return { kind: 'data', mime: kind[0], bytes: bytes.length };
	}
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		throw badRequest(`${where}.url is neither an http(s) URL nor a data URL.`, { param: where });
	}
	if (!['http:', 'https:'].includes(parsed.protocol)) throw badRequest(`${where}.url must use https.`, { param: where });
	return { kind: 'url', url };
}

function checkFrameImages(model, frames) {
	if (frames === undefined) return [];
	if (!Array.isArray(frames)) throw badRequest("'frame_images' must be an array.", { param: 'frame_images' });
	const allowed = model.supported_frame_images;
	if (frames.length && !allowed) throw badRequest(`${model.id} does not accept frame_images.`, { param: 'frame_images', allowed: [] });
	const seen = new Set();
	return frames.map((f, i) => {
		const where = `frame_images[${i}]`;
		if (!f || f.type !== 'image_url' || !f.image_url) throw badRequest(`${where} must be {type: "image_url", image_url: {url}, frame_type}.`, { param: where });
		if (!allowed.includes(f.frame_type)) throw outside(model, `${where}.frame_type`, f.frame_type, allowed);
		if (seen.has(f.frame_type)) throw badRequest(`${where}: more than one ${f.frame_type}.`, { param: where });
		seen.add(f.frame_type);
		return { frameType: f.frame_type, ...checkImageUrl(f.image_url.url, `${where}.image_url`) };
	});
}

function checkReferences(refs) {
	if (refs === undefined) return [];
	if (!Array.isArray(refs)) throw badRequest("'input_references' must be an array.", { param: 'input_references' });
	return refs.map((r, i) => {
		const where = `input_references[${i}]`;
		const key = r && { image_url: 'image_url', video_url: 'video_url', audio_url: 'audio_url' }[r.type];
		if (!key || !r[key] || typeof r[key].url !== 'string') {
			throw badRequest(`${where} must be {type: "image_url"|"video_url"|"audio_url", <type>: {url}}.`, { param: where });
		}
		return key === 'image_url' ? { type: key, ...checkImageUrl(r[key].url, `${where}.image_url`) } : { type: key, url: r[key].url };
	});
}

// provider.options.<slug>.parameters.<key>: keys must be in allowed_passthrough_parameters.
function checkProvider(model, provider) {
	if (provider === undefined) return null;
	if (!provider || typeof provider !== 'object' || Array.isArray(provider)) throw badRequest("'provider' must be an object.", { param: 'provider' });
	const options = provider.options || {};
	if (typeof options !== 'object' || Array.isArray(options)) throw badRequest("'provider.options' must be an object.", { param: 'provider.options' });
	for (const [slug, value] of Object.entries(options)) {
		if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`provider.options.${slug} must be an object.`, { param: 'provider' });
		const params = Object.keys(value.parameters || {});
		const bad = params.filter((p) => !model.allowed_passthrough_parameters.includes(p));
		if (bad.length) {
			throw badRequest(`Pass-through parameter(s) ${list(bad)} not allowed for ${model.id}. Allowed: ${list(model.allowed_passthrough_parameters)}.`, {
				param: 'provider',
				allowed: model.allowed_passthrough_parameters,
			});
		}
	}
	return options;
}

// OpenRouter requires HTTPS; plain http is let through for loopback receivers in tests.
function checkCallbackUrl(url) {
	if (url === undefined) return null;
	let parsed;
	try {
		parsed = new URL(url);
	} catch {
		throw badRequest("'callback_url' must be an absolute URL.", { param: 'callback_url' });
	}
	const ok = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
	if (!ok) throw badRequest("'callback_url' must be HTTPS.", { param: 'callback_url' });
	return url;
}

function checkAudio(model, generateAudio) {
	if (generateAudio === true && model.generate_audio === false) {
		throw badRequest(`${model.id} does not generate audio; leave generate_audio unset or false.`, { param: 'generate_audio' });
	}
	return generateAudio === undefined ? model.generate_audio === true : generateAudio;
}

module.exports = { checkFrameImages, checkReferences, checkProvider, checkCallbackUrl, checkAudio, checkImageUrl };
