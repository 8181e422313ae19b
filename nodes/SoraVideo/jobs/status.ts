/** What a job's status means, and the error that keeps the job for the user. */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { stateOf } from '../transport';
import type { JobState, SoraVideo } from '../transport';

/** What a status word means, in every known dialect (transport/model/status.ts); unknown words are still running. */
export function jobState(status: unknown): JobState {
	return stateOf(status);
}

/** An error that keeps the job as last seen, so Continue On Fail can output it. */
export class JobError extends NodeOperationError {
	/** The job as last seen. */
	get video(): SoraVideo {
		return this.context.video as SoraVideo;
	}
}

export function jobError(
	ctx: { getNode(): INode },
	video: SoraVideo,
	itemIndex: number,
	message: string,
	description: string,
): JobError {
	const error = new JobError(ctx.getNode(), message, { itemIndex, description });
	error.context.video = video;
	return error;
}

export function resumeHint(videoId: string): string {
	return `Resume with the Wait for Completion operation and video ID ${videoId}; the job keeps running on the server.`;
}
