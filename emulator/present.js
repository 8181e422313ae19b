'use strict';
// The Video object as a profile reports it: OpenAI's full object, a gateway's sparse one with
// its own status words, or the profile's own presenter.

// Gateways report their own status words and drop fields they do not track.
function gatewayStatus(status, job, now) {
	if (status === 'queued') return now - job.createdMs < job.queuedMs / 2 ? 'NOT_START' : 'queued';
	if (status === 'in_progress') return 'processing';
	return status;
}

/** `kind`: the request answered (a profile's presenter may answer create and poll differently). */
function presentJob(profile, store, job, kind) {
	const now = Date.now();
	const full = store.view(job, now);
	if (profile.present) return profile.present(full, job, kind);
	if (!profile.sparse) return full;
	const out = {
		id: full.id,
		object: 'video',
		model: full.model,
		status: gatewayStatus(full.status, job, now),
		created_at: full.created_at,
		size: full.size,
		seconds: full.seconds,
	};
	if (full.completed_at) out.completed_at = full.completed_at;
	if (full.error) out.error = full.error;
	return out;
}

module.exports = { presentJob };
