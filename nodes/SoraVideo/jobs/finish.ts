/** The end of every generating operation: return the job, or wait for it and download it. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readWaitOptions, readWantedVariants } from '../helpers/parameters';
import { factsOf, plainErrorText } from '../transport';
import type { SoraVideo, VideoJob, VideoResponse } from '../transport';
import { downloadVariants } from './download';
import { jobError } from './status';
import { waitForVideo } from './wait';

/** Downloads the finished video (and the extras the user asked for) onto one output item. */
export async function downloadFinishedVideo(
	ctx: IExecuteFunctions,
	video: SoraVideo,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const wanted = readWantedVariants(ctx, itemIndex);
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
 * Returns the started job at once, or waits for it, per the Wait for Completion toggle; `job` is
 * the job as last read (its reported cost, for one), so callers need not read the output again.
 */
export async function finishJob(
	ctx: IExecuteFunctions,
	started: VideoResponse,
	itemIndex: number,
	wait: boolean,
): Promise<{ items: INodeExecutionData[]; job: VideoJob }> {
	if (!wait) return { items: [{ json: started.video }], job: started.job };
	const { video, job } = await waitForVideo(ctx, started, readWaitOptions(ctx, itemIndex), itemIndex);
	return { items: [await downloadFinishedVideo(ctx, video, itemIndex)], job };
}
