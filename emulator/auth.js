'use strict';
// Who may call: the API key check in the profile's style (Bearer or Azure's api-key header),
// with OpenAI's words, and the header redaction that keeps keys out of the request log.
const { ApiError } = require('./errors');

/** Checks the request's key against `apiKey`; records the outcome on the log entry. */
function authenticate(profile, apiKey, req, entry) {
	if (profile.auth === 'api-key') {
		const got = req.headers['api-key'];
		entry.authOk = got === apiKey;
		if (got === undefined) throw new ApiError(401, 'Access denied: missing api-key header. Provide your key in the api-key header.', { code: 'missing_api_key' });
		if (!entry.authOk) throw new ApiError(401, 'Access denied due to an invalid api-key. Check the api-key header.', { code: 'invalid_api_key' });
		return;
	}
	const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization || '');
	entry.authOk = !!m && m[1].trim() === apiKey;
	if (!m) {
		throw new ApiError(401, "You didn't provide an API key. Send it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).", { code: null });
	}
	if (!entry.authOk) {
		const k = m[1].trim();
		const shown = k.length > 8 ? `${k.slice(0, 3)}***${k.slice(-4)}` : '***';
		throw new ApiError(401, `Incorrect API key provided: ${shown}.`, { code: 'invalid_api_key' });
	}
}

function redactHeaders(headers) {
	const out = { ...headers };
	if (out.authorization) out.authorization = out.authorization.replace(/^(\S+\s+)?.*$/, (_, scheme) => `${scheme || ''}REDACTED`);
	if (out['api-key']) out['api-key'] = 'REDACTED';
	return out;
}

module.exports = { authenticate, redactHeaders };
