'use strict';
// Content answers that are not the bytes asked for: fault rules and profile quirks for
// GET /videos/{id}/content, applied once the job is known to be completed.
//   contentLag    {ms, status?: 404, shape?}   404 for `ms` after completed_at, then the bytes
//   ignoreVariant {contentType?}              MP4 bytes whatever the variant (a header may lie)
//   contentType   {contentType}               the right bytes under another type ('' = none)
//   contentUrl    {key?: 'url', hostname?, status?: 200, rejectAuth?}   JSON {"url": ...} to the file host
//   contentRedirect {status?: 302, hostname?, rejectAuth?}  a redirect to the file host (another origin)
const { render } = require('./shapes');
const { notFound } = require('./errors');

const EXT = { video: 'mp4', thumbnail: 'webp', spritesheet: 'jpg' };

function setPath(obj, path, value) {
	const keys = path.split('.');
	let o = obj;
	for (const k of keys.slice(0, -1)) o = o[k] = o[k] || {};
	o[keys[keys.length - 1]] = value;
	return obj;
}

function lagAnswer(fault, job) {
	const message = `The requested content for '${job.id}' was not found.`;
	if (fault.shape && fault.shape !== 'openai') return render(fault.shape, fault.status || 404, message);
	const e = notFound(message, null);
	return { status: fault.status || e.status, json: e.toJSON() };
}

/** Before the state checks: answers that replace the natural error of a job's state. */
function beforeChecks(ctx, job, state) {
	const p = ctx.emu.profile;
	return p.contentBeforeChecks ? p.contentBeforeChecks(ctx, job, state) : null;
}

/** For a completed, unexpired job: a descriptor that replaces the bytes, or null. */
async function served(ctx, job, state, variant) {
	const f = ctx.fault;
	if (f && f.type === 'contentLag' && Date.now() < state.doneMs + f.ms) return lagAnswer(f, job);
	if (f && f.type === 'contentUrl') {
		const url = await ctx.emu.fileHost.urlFor(job, variant, EXT[variant], f);
		return { status: f.status || 200, json: setPath({}, f.key || 'url', url) };
	}
	if (f && f.type === 'contentRedirect') {
		const location = await ctx.emu.fileHost.urlFor(job, variant, EXT[variant], f);
		return { status: f.status || 302, headers: { location } };
	}
	if (f && f.type === 'contentType') {
		const desc = ctx.emu.mediaFor(job, variant);
		desc.media = { ...desc.media, contentType: f.contentType || undefined };
		return desc;
	}
	if ((f && f.type === 'ignoreVariant') || ctx.emu.profile.ignoreVariant) {
		const desc = ctx.emu.mediaFor(job, 'video');
		if (ctx.emu.profile.contentHeaders) desc.headers = { ...desc.headers, ...ctx.emu.profile.contentHeaders(job) };
		if (f && f.contentType) desc.media = { ...desc.media, contentType: f.contentType };
		return desc;
	}
	return null;
}

module.exports = { beforeChecks, served };
