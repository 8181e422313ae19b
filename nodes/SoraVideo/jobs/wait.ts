/** Waiting for a job: the one polling loop every generating operation uses. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { CancelledError, getVideo, pause, plainErrorText } from '../transport';
import type { SoraVideo, VideoResponse } from '../transport';
import { jobError, jobState, resumeHint } from './status';

export interface WaitOptions {
	pollIntervalMs: number;
	maxWaitMs: number;
}

const FIRST_POLL_DELAY_MS = 1_000;
const POLL_BACKOFF = 1.5;

/**
 * How long to wait before poll number `pollNumber` (0-based): the server's hint when it
 * gave one, otherwise quick at first and backing off to the configured interval.
 */
export function nextPollDelayMs(pollNumber: number, hintMs: number | undefined, pollIntervalMs: number): number {
	if (hintMs !== undefined) return hintMs;
	return Math.min(pollIntervalMs, Math.round(FIRST_POLL_DELAY_MS * POLL_BACKOFF ** pollNumber));
}

/** Polls until the job completes; a failed job, Max Wait and cancellation become JobErrors. */
export async function waitForVideo(
	ctx: IExecuteFunctions,
	started: VideoResponse,
	options: WaitOptions,
	itemIndex: number,
): Promise<SoraVideo> {
	let { video, pollAfterMs } = started;
	const deadline = Date.now() + options.maxWaitMs;
	for (let poll = 0; jobState(video.status) === 'running'; poll++) {
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw jobError(
				ctx,
				video,
				itemIndex,
				`Video ${video.id} did not finish within the Max Wait of ${formatDuration(options.maxWaitMs)} (last status: ${video.status}${typeof video.progress === 'number' ? `, ${video.progress}%` : ''})`,
				resumeHint(video.id),
			);
		}
		({ video, pollAfterMs } = await pollOnce(
			ctx,
			video,
			Math.min(nextPollDelayMs(poll, pollAfterMs, options.pollIntervalMs), remaining),
			itemIndex,
		));
	}
	if (jobState(video.status) === 'failed') {
		const code = video.error?.code ?? 'unknown_error';
		throw jobError(
			ctx,
			video,
			itemIndex,
			`Video ${video.id} failed: ${video.error?.message ?? 'no reason given'} (${code})`,
			'The job ended with status failed; nothing more will be generated for it.',
		);
	}
	return video;
}

/** One pause and one status check; any failure keeps the job it was watching. */
async function pollOnce(
	ctx: IExecuteFunctions,
	video: SoraVideo,
	delayMs: number,
	itemIndex: number,
): Promise<VideoResponse> {
	try {
		await pause(ctx, delayMs);
		return await getVideo(ctx, video.id, itemIndex);
	} catch (error) {
		const cancelled = error instanceof CancelledError;
		throw jobError(
			ctx,
			video,
			itemIndex,
			cancelled
				? `The execution was canceled while waiting for video ${video.id}`
				: `Checking video ${video.id} failed: ${plainErrorText((error as Error).message)}`,
			resumeHint(video.id),
		);
	}
}

function formatDuration(ms: number): string {
	return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
