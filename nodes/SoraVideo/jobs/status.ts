/** What a job's status means, and the error that keeps the job for the user. */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { SoraVideo } from '../transport';

/** Only these two statuses end a job; anything else (processing, NOT_START...) is still running. */
export function jobState(status: unknown): 'completed' | 'failed' | 'running' {
	const value = String(status ?? '').toLowerCase();
	return value === 'completed' ? 'completed' : value === 'failed' ? 'failed' : 'running';
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
