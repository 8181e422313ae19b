'use strict';
// Reads a request body and turns JSON, multipart or urlencoded forms into one
// nested object. Bracket keys nest: `video[id]` -> { video: { id } }. Uploaded
// files become UploadedFile instances.
const { ApiError, invalid } = require('./errors');
const { parseMultipart, boundaryOf } = require('./multipart');

const MAX_BODY = 512 * 1024 * 1024;

class UploadedFile {
	constructor({ filename, contentType, data }) {
		this.filename = filename;
		this.contentType = contentType;
		this.data = data;
	}
	toJSON() {
		return { filename: this.filename, contentType: this.contentType, size: this.data.length };
	}
}

function readBody(req, limit = MAX_BODY) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > limit) {
				reject(new ApiError(413, `Request body exceeds ${limit} bytes.`, { code: 'request_too_large' }));
				req.destroy();
			} else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

// "input_reference[image_url]" -> ["input_reference", "image_url"]; "tags[]" -> ["tags", ""].
function keyPath(name) {
	const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(name);
	if (!m) return [name];
	return [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])];
}

function assign(target, name, value) {
	const keys = keyPath(name);
	let obj = target;
	for (let i = 0; i < keys.length - 1; i++) {
		const k = keys[i];
		const wantArray = keys[i + 1] === '';
		if (obj[k] === null || typeof obj[k] !== 'object' || obj[k] instanceof UploadedFile) obj[k] = wantArray ? [] : {};
		obj = obj[k];
	}
	const last = keys[keys.length - 1];
	if (Array.isArray(obj) && last === '') obj.push(value);
	else obj[last] = value;
}

/** Parse a body Buffer per Content-Type. Returns { format, fields }. */
function parseBody(buf, contentType) {
	const type = (contentType || '').split(';')[0].trim().toLowerCase();
	if (buf.length === 0 && type !== 'multipart/form-data') return { format: 'none', fields: {} };
	if (type === 'application/json' || type.endsWith('+json')) {
		let fields;
		try {
			fields = JSON.parse(buf.toString('utf8'));
		} catch (e) {
			throw invalid(`We could not parse the JSON body of your request. (${e.message})`, null, 'invalid_json');
		}
		if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
			throw invalid('The JSON body must be an object.', null, 'invalid_json');
		}
		return { format: 'json', fields };
	}
	if (type === 'multipart/form-data') {
		const boundary = boundaryOf(contentType);
		if (!boundary) throw invalid('multipart/form-data Content-Type without a boundary.', null, 'invalid_multipart');
		let parts;
		try {
			parts = parseMultipart(buf, boundary);
		} catch (e) {
			throw invalid(`Could not parse multipart form: ${e.message}.`, null, 'invalid_multipart');
		}
		const fields = {};
		for (const p of parts) {
			if (p.name === null || p.name === '') continue;
			assign(fields, p.name, p.isFile ? new UploadedFile(p) : p.data.toString('utf8'));
		}
		return { format: 'multipart', fields };
	}
	if (type === 'application/x-www-form-urlencoded') {
		const fields = {};
		for (const [k, v] of new URLSearchParams(buf.toString('utf8'))) assign(fields, k, v);
		return { format: 'urlencoded', fields };
	}
	throw new ApiError(415, `Unsupported Content-Type '${type}'. Use application/json or multipart/form-data.`, {
		code: 'unsupported_content_type',
	});
}

module.exports = { readBody, parseBody, UploadedFile };
