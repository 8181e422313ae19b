/** The end of every generating operation: return the job, or wait for it and download it. */
import type { IBinaryKeyData, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { plainErrorText } from '../transport';
import type { VideoResponse } from '../transport';
import { downloadToBinary } from './binary';
import { readOptions } from './fields';
import { jobError, waitForVideo } from './polling';
import type { SoraVideo, VideoVariant } from './types';
import { InputError } from './validation';

export function readBinaryPropertyName(ctx: IExecuteFunctions, itemIndex: number, field = 'Put Output File in Field') {
	const name = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!name) throw new InputError(field, 'must not be empty');
	return name;
}

/**
 * Reads the Wait for Completion toggle and, when the MP4 will be downloaded, checks its output
 * field now: after the job is paid for is too late to find it empty.
 */
export function readWaitMode(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	if (wait && readOptions(ctx, itemIndex).downloadVideo !== false) readBinaryPropertyName(ctx, itemIndex);
	return wait;
}

/** Downloads the finished video (and the extras the user asked for) onto one output item. */
export async function downloadFinishedVideo(
	ctx: IExecuteFunctions,
	video: SoraVideo,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const options = readOptions(ctx, itemIndex);
	const wanted: Array<[VideoVariant, string]> = [];
	if (options.downloadVideo !== false) wanted.push(['video', readBinaryPropertyName(ctx, itemIndex)]);
	if (options.downloadThumbnail) wanted.push(['thumbnail', options.thumbnailBinaryPropertyName || 'thumbnail']);
	if (options.downloadSpritesheet) {
		wanted.push(['spritesheet', options.spritesheetBinaryPropertyName || 'spritesheet']);
	}
	const binary: IBinaryKeyData = {};
	try {
		for (const [variant, field] of wanted) binary[field] = await downloadToBinary(ctx, video.id, variant, itemIndex);
	} catch (error) {
		// The job is done and paid for: whatever went wrong, the user gets its id.
		throw jobError(
			ctx,
			video,
			itemIndex,
			`Video ${video.id} completed, but downloading it failed: ${plainErrorText((error as Error).message)}`,
			`Download it later with the Download operation and video ID ${video.id}.`,
		);
	}
	return Object.keys(binary).length ? { json: video, binary } : { json: video };
}

/** Returns the started job at once, or waits for it, per the Wait for Completion toggle. */
export async function finishJob(
	ctx: IExecuteFunctions,
	started: VideoResponse,
	itemIndex: number,
	wait: boolean,
): Promise<INodeExecutionData[]> {
	if (!wait) return [{ json: started.video }];
	const options = readOptions(ctx, itemIndex);
	const video = await waitForVideo(
		ctx,
		started,
		{
			pollIntervalMs: Math.max(1, options.pollInterval ?? 10) * 1000,
			maxWaitMs: Math.max(0.1, options.maxWait ?? 20) * 60_000,
		},
		itemIndex,
	);
	return [await downloadFinishedVideo(ctx, video, itemIndex)];
}
