'use strict';
// How far a finished video may be continued (OpenAI's POST /videos/extensions, and the same
// rules for the openrouter profile's previous_job_id): each continuation adds at most 20 s, a
// video has at most 6 continuations, and the stitched video is at most 120 s. Each profile
// throws the problem in its own error shape.

const LIMITS = { maxSegmentSeconds: 20, maxContinuations: 6, maxTotalSeconds: 120 };

/**
 * null when `source` (a job, or an uploaded file's shape) may be continued by `seconds`, else
 * { message, param, code }. `source.continuations` counts the continuations it already has.
 */
function continuationProblem(source, seconds) {
	const add = Number(seconds);
	const used = source.continuations || 0;
	const total = Number(source.seconds) + add;
	if (add > LIMITS.maxSegmentSeconds) {
		return { message: `A continuation adds at most ${LIMITS.maxSegmentSeconds} seconds (got ${seconds}).`, param: 'seconds', code: 'invalid_value' };
	}
	if (used >= LIMITS.maxContinuations) {
		return {
			message: `Video '${source.id}' already has ${used} continuations; a video can be continued at most ${LIMITS.maxContinuations} times.`,
			param: 'video',
			code: 'extension_limit_reached',
		};
	}
	if (total > LIMITS.maxTotalSeconds) {
		return {
			message: `The continued video would be ${total} seconds long; a video can be at most ${LIMITS.maxTotalSeconds} seconds.`,
			param: 'seconds',
			code: 'video_too_long',
		};
	}
	return null;
}

module.exports = { LIMITS, continuationProblem };
