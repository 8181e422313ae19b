'use strict';
// The `litellm` profile: LiteLLM's proxy (litellm/proxy/video_endpoints) in front of
// OpenAI, Azure, Runway or Veo. What differs from OpenAI's contract:
//   - ids: video_ + base64 of LiteLLM's managed-id string (ids.js), holding + / =
//   - the Video object is LiteLLM's VideoObject: no `prompt`, every other key present
//     (null when unknown), plus `usage`
//   - Veo behind it reports only `processing` and `completed`: a failed Veo job says
//     `completed` and its content answers 500; Veo status objects carry only id/status
//   - content ignores `variant` and always answers video/mp4
//   - no DELETE route: FastAPI answers 405 {"detail": "Method Not Allowed"}; unknown
//     routes 404 {"detail": "Not Found"}
//   - errors: {"error": {"message": "litellm.<Class>: ...", "type", "param", "code": "<status>"}}
const { isVeo } = require('./ids');

const CLASS = {
	400: 'BadRequestError',
	401: 'AuthenticationError',
	403: 'PermissionDeniedError',
	404: 'NotFoundError',
	413: 'BadRequestError',
	415: 'BadRequestError',
	422: 'UnprocessableEntityError',
	429: 'RateLimitError',
	500: 'InternalServerError',
	502: 'APIConnectionError',
	503: 'ServiceUnavailableError',
	504: 'Timeout',
};

const CREATING = new Set(['create', 'remix', 'edit', 'extend']);

function present(full, job, kind) {
	const usage = { duration_seconds: Number(full.seconds) };
	if (isVeo(job.model)) {
		// The Veo operation knows only "done"; a failed operation is done too.
		const done = full.status === 'completed' || full.status === 'failed';
		const creating = CREATING.has(kind);
		return {
			id: full.id,
			object: 'video',
			status: done && !creating ? 'completed' : 'processing',
			created_at: null,
			completed_at: null,
			expires_at: null,
			error: null,
			progress: null,
			remixed_from_video_id: null,
			seconds: null,
			size: null,
			model: creating ? job.model : null,
			usage: creating ? usage : null,
		};
	}
	const { prompt, ...rest } = full; // LiteLLM's VideoObject has no prompt
	return { ...rest, usage };
}

function errorBody(status, message, { type = null, param = null } = {}) {
	const name = CLASS[status] || (status >= 500 ? 'InternalServerError' : 'BadRequestError');
	return { error: { message: `litellm.${name}: ${message}`, type, param, code: String(status) } };
}

/** The ApiError as LiteLLM's ProxyException renders it. */
function errorJson(e) {
	if (e.status === 401) {
		return { error: { message: `Authentication Error, ${e.message}`, type: 'auth_error', param: 'None', code: '401' } };
	}
	return errorBody(e.status, e.message, { type: e.type, param: e.param });
}

/** FastAPI's routing answers, given before authentication; null when the route exists. */
function refuse(kind) {
	if (kind === 'delete') return { status: 405, headers: { allow: 'GET' }, json: { detail: 'Method Not Allowed' } };
	if (kind === 'unknown') return { status: 404, json: { detail: 'Not Found' } };
	return null;
}

// Veo content goes through the operation: not done or done without a video is a 500.
function contentBeforeChecks(ctx, job, state) {
	if (!isVeo(job.model)) return null;
	if (state.status === 'failed') return { status: 500, json: errorBody(500, 'No response data in completed operation') };
	if (state.status !== 'completed') {
		return {
			status: 500,
			json: errorBody(500, 'Video generation is not complete yet. Please check status with video_status() before downloading.'),
		};
	}
	return null;
}

// Unquoted, with the encoded id as is: an id holding '/' makes a file name with a '/'.
const contentHeaders = (job) => ({ 'content-disposition': `attachment; filename=video_${job.id}.mp4` });

module.exports = { present, errorJson, refuse, contentBeforeChecks, contentHeaders };
