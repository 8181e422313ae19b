/** The end of every generating operation: return the job, or wait for it and download it. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { factsOf, plainErrorText } from '../transport';
import type { VideoObject, VideoJob, VideoResponse } from '../transport';
import { downloadVariants } from './download';
import type { WantedVariant } from './download';
import { jobError } from './jobError';
import { waitForVideo } from './wait';
import type { WaitOptions } from './wait';

/** How to wait for a job and what to download when it ends, as the operation read it in prepare. */
export interface WaitPlan extends WaitOptions {
	variants: WantedVariant[];
}

/** Downloads the finished video (and the extras the user asked for) onto one output item. */
export async function downloadFinishedVideo(
	ctx: IExecuteFunctions,
	video: VideoObject,
	itemIndex: number,
	wanted: WantedVariant[],
): Promise<INodeExecutionData> {
	const warnings: string[] = [];
	try {
		const binary = await downloadVariants(ctx, video.id, wanted, itemIndex, warnings);
		// A file stored under another type than asked for is said in the item, not only in the log.
		const json = warnings.length ? { ...video, warnings } : video;
		return Object.keys(binary).length ? { json, binary } : { json };
	} catch (error) {
		// The job is done and paid for: whatever went wrong, the user gets its id.
		throw jobError(
			ctx,
			video,
			itemIndex,
			`Video ${video.id} completed, but downloading it failed: ${plainErrorText((error as Error).message)}`,
			`Download it later with the Download operation and video ID ${video.id}.`,
			factsOf(error),
		);
	}
}

/**
 * Returns the started job at once, or with a wait plan (Wait for Completion) waits for it and
 * downloads it; `job` is the job as last read (its reported cost, for one), so callers need not
 * read the output again.
 */
export async function finishJob(
	ctx: IExecuteFunctions,
	started: VideoResponse,
	itemIndex: number,
	wait: WaitPlan | undefined,
): Promise<{ items: INodeExecutionData[]; job: VideoJob }> {
	if (!wait) return { items: [{ json: started.video }], job: started.job };
	const { video, job } = await waitForVideo(ctx, started, wait, itemIndex);
	return { items: [await downloadFinishedVideo(ctx, video, itemIndex, wait.variants)], job };
}
