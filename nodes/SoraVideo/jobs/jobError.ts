/** The error that keeps the job for the user, and the hint to resume waiting for it. */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withFacts } from '../transport';
import type { ErrorFacts, VideoObject } from '../transport';

/** An error that keeps the job as last seen, so Continue On Fail can output it. */
export class JobError extends NodeOperationError {
	/** The job as last seen. */
	get video(): VideoObject {
		return this.context.video as VideoObject;
	}
}

export function jobError(
	ctx: { getNode(): INode },
	video: VideoObject,
	itemIndex: number,
	message: string,
	description: string,
	facts: ErrorFacts = {},
): JobError {
	const error = new JobError(ctx.getNode(), message, { itemIndex, description });
	error.context.video = video;
	return withFacts(error, { ...facts, videoId: video.id });
}

export function resumeHint(videoId: string): string {
	return `Resume with the Wait for Existing Video operation and video ID ${videoId}; the job keeps running on the server.`;
}
