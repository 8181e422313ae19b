/**
 * Waiting for a job: the one polling loop every generating operation uses. Max Wait is the only
 * limit: 429s, 5xx pages, resets and unreadable answers are waited out (transport/answers.ts
 * reports them as faults) with the pacing of transport/model/pollPolicy.ts.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { CancelledError, factsOf, nextDelay, outputStateOf, pause, plainErrorText, pollJob } from '../transport';
import type { PollFault, VideoResponse } from '../transport';
import { jobError, resumeHint } from './jobError';

export interface WaitOptions {
	pollIntervalMs: number;
	maxWaitMs: number;
}

/**
 * A job known only by its id (the Wait for Existing Video operation): its first check is made by the wait loop,
 * at once, so that a 429 or a bad answer on it is waited out like any other.
 */
export function watchedJob(videoId: string): VideoResponse {
	return {
		job: { id: videoId, state: 'running', status: '', raw: { id: videoId } },
		video: { id: videoId, status: '', state: outputStateOf('') },
		unchecked: true,
	};
}

/** Consecutive failures of an unknown kind after which the wait gives up instead of waiting out Max Wait. */
export const MAX_UNCLASSIFIED_FAULTS = 3;

interface Progress {
	current: VideoResponse;
	faults: number;
	/** Consecutive faults no list classifies (see PollFault.unclassified). */
	unclassified: number;
	polls: number;
	lastFault?: PollFault;
}

/** Polls until the job ends; a failed job, Max Wait and cancellation become JobErrors. */
export async function waitForVideo(
	ctx: IExecuteFunctions,
	started: VideoResponse,
	options: WaitOptions,
	itemIndex: number,
): Promise<VideoResponse> {
	const progress: Progress = { current: started, faults: 0, unclassified: 0, polls: 0 };
	const deadline = Date.now() + options.maxWaitMs;
	while (progress.current.job.state === 'running') {
		const remainingMs = deadline - Date.now();
		if (remainingMs <= 0) throw maxWaitError(ctx, progress, options, itemIndex);
		const unchecked = progress.polls === 0 && progress.faults === 0 && started.unchecked === true;
		const delay = nextDelay({
			floorMs: unchecked ? 0 : undefined,
			hintMs: progress.current.pollAfterMs,
			retryAfterHeader: progress.lastFault?.retryAfter,
			retryAfterMsHeader: progress.lastFault?.retryAfterMs,
			attempt: progress.faults,
			pollNumber: progress.polls,
			pollIntervalMs: options.pollIntervalMs,
			remainingMs,
		});
		const result = await pollOnce(ctx, progress.current, delay, itemIndex);
		if (result.ok) Object.assign(progress, { current: result, faults: 0, unclassified: 0, polls: progress.polls + 1, lastFault: undefined });
		else {
			const unclassified = result.unclassified ? progress.unclassified + 1 : 0;
			Object.assign(progress, { faults: progress.faults + 1, unclassified, lastFault: result });
			if (unclassified >= MAX_UNCLASSIFIED_FAULTS) throw unclassifiedError(ctx, progress, itemIndex);
			ctx.logger?.debug(`Sora Video: checking video ${started.job.id} gave ${result.reason}; waiting and asking again`);
		}
	}
	if (progress.current.job.state === 'failed') throw failedError(ctx, progress.current, itemIndex);
	return progress.current;
}

function failedError(ctx: IExecuteFunctions, { job, video }: VideoResponse, itemIndex: number) {
	const reason = job.error?.message ?? 'the server gave no reason';
	const code = job.error?.code ? ` (${job.error.code})` : '';
	return jobError(
		ctx,
		video,
		itemIndex,
		`Video ${job.id} ended with status "${job.status}": ${reason}${code}`,
		'The job has ended on the server; nothing more will be generated for it.',
		{ code: job.error?.code },
	);
}

function maxWaitError(ctx: IExecuteFunctions, progress: Progress, options: WaitOptions, itemIndex: number) {
	const { job, video } = progress.current;
	const last = `last status: ${job.status || 'none given'}${typeof job.progress === 'number' ? `, ${job.progress}%` : ''}`;
	const faults = progress.lastFault ? `; the last ${progress.faults} check(s) got ${progress.lastFault.reason}` : '';
	return jobError(
		ctx,
		video,
		itemIndex,
		`Video ${job.id} did not finish within the Max Wait of ${formatDuration(options.maxWaitMs)} (${last}${faults})`,
		resumeHint(job.id),
	);
}

/** The same unexpected failure several times in a row is a fault in the setup, not a busy server. */
function unclassifiedError(ctx: IExecuteFunctions, progress: Progress, itemIndex: number) {
	const { job, video } = progress.current;
	return jobError(
		ctx,
		video,
		itemIndex,
		`Checking video ${job.id} failed ${progress.unclassified} times in a row: ${progress.lastFault?.reason ?? 'no reason given'}`,
		resumeHint(job.id),
	);
}

/** One pause and one status check; a permanent failure keeps the job it was watching. */
async function pollOnce(ctx: IExecuteFunctions, current: VideoResponse, delayMs: number, itemIndex: number) {
	const { job, video } = current;
	try {
		await pause(ctx, delayMs);
		return await pollJob(ctx, job.id, itemIndex);
	} catch (error) {
		const cancelled = error instanceof CancelledError;
		throw jobError(
			ctx,
			video,
			itemIndex,
			cancelled
				? `The execution was canceled while waiting for video ${job.id}`
				: `Checking video ${job.id} failed: ${plainErrorText((error as Error).message)}`,
			resumeHint(job.id),
			factsOf(error),
		);
	}
}

function formatDuration(ms: number): string {
	return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
