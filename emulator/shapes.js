'use strict';
// Answers that are not the OpenAI envelope: what FastAPI apps, validators, nginx and
// broken proxies really send. A shape turns (status, message) into a response descriptor.

const REASONS = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };
const reason = (status) => REASONS[status] || 'Error';

// nginx's own error page, byte for byte in structure.
const nginxPage = (status) =>
	`<html>\r\n<head><title>${status} ${reason(status)}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason(status)}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

const SHAPES = {
	// FastAPI HTTPException: {"detail": "..."}
	detail: (status, message) => ({ json: { detail: message } }),
	// FastAPI/pydantic request validation: a list of violations.
	validation: (status, message) => ({
		json: { detail: [{ type: 'value_error', loc: ['body', 'prompt'], msg: message, input: null }] },
	}),
	// Other validators: {"errors": [{"field", "message"}]}
	errors: (status, message) => ({ json: { errors: [{ field: 'prompt', message }] } }),
	// {"message": "..."} as many Node/Go services answer.
	message: (status, message) => ({ json: { message } }),
	// {"error": "..."}: the error as a bare string.
	errorString: (status, message) => ({ json: { error: message } }),
	text: (status, message) => ({ text: message, contentType: 'text/plain; charset=utf-8' }),
	html: (status) => ({ text: nginxPage(status), contentType: 'text/html' }),
	empty: () => ({ text: '' }),
	// Valid header, JSON cut in the middle.
	truncatedJson: () => ({ text: '{"id":"video_', contentType: 'application/json' }),
	null: () => ({ text: 'null', contentType: 'application/json' }),
	array: () => ({ json: [] }),
};

/**
 * Descriptor for `shape` at `status`. `body` (string or object) replaces the shape's body,
 * `contentType` its type; both let a test send anything at all.
 */
function render(shape, status, message, { body, contentType, headers } = {}) {
	let out;
	if (body !== undefined) out = typeof body === 'string' ? { text: body, contentType: 'text/plain; charset=utf-8' } : { json: body };
	else {
		const make = SHAPES[shape];
		if (!make) throw new Error(`unknown shape '${shape}' (use ${Object.keys(SHAPES).join(', ')})`);
		out = make(status, message);
	}
	const desc = { status, headers: { ...(headers || {}) }, ...out };
	if (contentType) {
		// An explicit type wins, also over JSON bodies: send them as text with that type.
		if (desc.json !== undefined) {
			desc.text = JSON.stringify(desc.json);
			delete desc.json;
		}
		desc.contentType = contentType;
		desc.headers['content-type'] = contentType;
	}
	return desc;
}

const isShape = (name) => Object.prototype.hasOwnProperty.call(SHAPES, name);

module.exports = { render, isShape, SHAPES: Object.keys(SHAPES) };
