/**
 * Progress while a job runs: one line per change of a job's status or percentage (and per
 * segment of a long video), to n8n's log and, in a manual run, to the browser console.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { VideoJob } from '../transport';

export function reportProgress(ctx: IExecuteFunctions, message: string): void {
	const line = `Sora Video "${ctx.getNode().name}": ${message}`;
	ctx.logger?.info(line);
	// Shown in the browser console of a manual run; n8n drops it in production runs.
	ctx.sendMessageToUI?.(line);
}

/** What a poll says about a job, e.g. "video_123 in_progress 40%". */
export function jobProgress(job: VideoJob): string {
	return `${job.id} ${job.status || 'no status'}${typeof job.progress === 'number' ? ` ${job.progress}%` : ''}`;
}
