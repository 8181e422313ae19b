'use strict';
// OpenRouter's error envelope, as @openrouter/sdk's *ResponseErrorData schemas read it:
// {"error": {"code": <HTTP status as an integer>, "message": "...", "metadata"?: {...}}}.
const { ApiError } = require('../errors');

/** An ApiError the shared pipeline can throw; `metadata` travels into the envelope. */
function orError(status, message, metadata) {
	const e = new ApiError(status, message);
	if (metadata) e.metadata = metadata;
	return e;
}

const badRequest = (message, metadata) => orError(400, message, metadata);

function errorBody(e) {
	const error = { code: e.status, message: e.message };
	if (e.metadata) error.metadata = e.metadata;
	return { error };
}

module.exports = { orError, badRequest, errorBody };
