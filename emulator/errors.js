'use strict';
// OpenAI error envelope: {"error": {"message", "type", "param", "code"}}.

class ApiError extends Error {
	constructor(status, message, { param = null, code = null, type, headers } = {}) {
		super(message);
		this.status = status;
		this.param = param;
		this.code = code;
		this.type = type || (status >= 500 ? 'server_error' : 'invalid_request_error');
		this.headers = headers || {};
	}
	toJSON() {
		return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
	}
}

const invalid = (message, param, code = 'invalid_value') => new ApiError(400, message, { param, code });
const missing = (param) =>
	new ApiError(400, `Missing required parameter: '${param}'.`, { param, code: 'missing_required_parameter' });
const notFound = (message, code = null) => new ApiError(404, message, { code });

module.exports = { ApiError, invalid, missing, notFound };
