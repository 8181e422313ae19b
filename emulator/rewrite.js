'use strict';
// The `rewrite` fault: a server that speaks another dialect of the Video object.
// Applies to every Video object of a successful JSON answer (a list's `data` items too):
//   statusMap  {from: to}         status words (in_progress -> processing, completed -> succeeded)
//   error      'string'|'absent'|'null'   error object -> its message string / key removed / null
//   timestamps 'ms'               created_at, completed_at, expires_at in milliseconds
//   rename     {from: to}         keys renamed (id -> task_id)
//   unset      [key]              keys removed (id, status...)
//   set        {key: value}       keys set, after everything else
//   wrap       'data'             the whole answer wrapped: {"code": 0, "data": <answer>}
//   whenStatus word | [words]     only objects whose (original) status is one of these
//   httpStatus 202                the answer's HTTP status (body kept)
//   headers    {name: value}      response headers set or replaced (null removes)

const TIME_KEYS = ['created_at', 'completed_at', 'expires_at'];

function rewriteVideo(video, f) {
	if (!video || typeof video !== 'object' || Array.isArray(video)) return video;
	if (f.whenStatus !== undefined) {
		const want = Array.isArray(f.whenStatus) ? f.whenStatus : [f.whenStatus];
		if (!want.includes(video.status)) return video;
	}
	const out = { ...video };
	if (f.statusMap && Object.prototype.hasOwnProperty.call(f.statusMap, out.status)) out.status = f.statusMap[out.status];
	if (f.error === 'string' && out.error && typeof out.error === 'object') out.error = out.error.message;
	if (f.error === 'absent') delete out.error;
	if (f.error === 'null') out.error = null;
	if (f.timestamps === 'ms') {
		// A fixed sub-second part makes the unit unmistakable.
		for (const k of TIME_KEYS) if (typeof out[k] === 'number') out[k] = out[k] * 1000 + 437;
	}
	for (const [from, to] of Object.entries(f.rename || {})) {
		if (from in out) {
			out[to] = out[from];
			delete out[from];
		}
	}
	for (const k of f.unset || []) delete out[k];
	Object.assign(out, f.set || {});
	return out;
}

/** The descriptor with its JSON rewritten; error answers and non-JSON bodies pass through. */
function applyRewrite(desc, fault) {
	if (desc.json === undefined || desc.status < 200 || desc.status >= 300) return desc;
	let json = desc.json;
	if (json && Array.isArray(json.data) && json.object === 'list') json = { ...json, data: json.data.map((v) => rewriteVideo(v, fault)) };
	else json = rewriteVideo(json, fault);
	if (fault.wrap) json = { code: 0, message: 'success', [fault.wrap]: json };
	const headers = { ...(desc.headers || {}), ...(fault.headers || {}) };
	return { ...desc, status: fault.httpStatus || desc.status, headers, json };
}

const REWRITE_KEYS = ['statusMap', 'error', 'timestamps', 'rename', 'unset', 'set', 'wrap', 'whenStatus', 'httpStatus', 'headers'];

module.exports = { applyRewrite, rewriteVideo, REWRITE_KEYS };
