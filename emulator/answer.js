'use strict';
// From a handler's outcome to the answer: error bodies in the profile's envelope (or a
// chosen shape), and the faults that act on the answer once the work is done.
const { ApiError } = require('./errors');
const { render } = require('./shapes');
const { applyRewrite } = require('./rewrite');

/** Descriptor for an ApiError: a fault's shape, else the profile's envelope, else OpenAI's. */
function errorReply(emu, e) {
	if (e.rawBody !== undefined || (e.shape && e.shape !== 'openai')) {
		return render(e.shape, e.status, e.message, { body: e.rawBody, contentType: e.contentType, headers: e.headers });
	}
	const json = emu.profile.errorJson ? emu.profile.errorJson(e) : e.toJSON();
	return { status: e.status, headers: e.headers, json };
}

// The error an injected status fault answers with, in the OpenAI envelope unless the
// rule gives a `shape` (or a raw `body`).
function faultError(fault) {
	const status = fault.status;
	const headers = {};
	if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
	if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
	let e;
	if (status === 429) {
		e = new ApiError(429, fault.message || 'Rate limit reached for requests. Please try again later.', {
			type: 'requests',
			code: fault.code || 'rate_limit_exceeded',
			headers,
		});
	} else if (status >= 500) {
		e = new ApiError(status, fault.message || 'The server had an error while processing your request. Sorry about that!', {
			type: 'server_error',
			code: fault.code || null,
			headers,
		});
	} else e = new ApiError(status, fault.message || `Injected error ${status}.`, { code: fault.code || null, headers });
	Object.assign(e, { shape: fault.shape, rawBody: fault.body, contentType: fault.contentType });
	return e;
}

/** The answer after a post-fault: a descriptor, or 'reset' (destroy the socket). */
function postFault(emu, fault, desc) {
	if (!fault) return desc;
	switch (fault.type) {
		case 'resetAfterCreate':
			return 'reset';
		case 'statusAfterCreate':
			return errorReply(emu, faultError(fault));
		case 'body': {
			// Headers about the replaced body go with it; others (poll hint...) stay.
			const { 'content-disposition': _cd, 'content-type': _ct, ...kept } = desc.headers || {};
			const opts = { body: fault.body, contentType: fault.contentType, headers: kept };
			return render(fault.shape, fault.status, fault.message || 'Unexpected answer.', opts);
		}
		case 'rewrite':
			return applyRewrite(desc, fault);
		default:
			return desc;
	}
}

module.exports = { errorReply, faultError, postFault };
