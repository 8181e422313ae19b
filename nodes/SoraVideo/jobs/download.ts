/** Downloads of a job's content into n8n's binary store (to disk in filesystem mode). */
import type { IBinaryData, IBinaryKeyData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CancelledError, cancellation, downloadCheckedContent, getVideo, plainErrorText, safeFileName } from '../transport';
import type { VideoVariant } from '../transport';

type DownloadContext = IExecuteFunctions | IWebhookFunctions;

export const VARIANT_FILES: Record<VideoVariant, { extension: string; mimeType: string }> = {
	video: { extension: 'mp4', mimeType: 'video/mp4' },
	thumbnail: { extension: 'webp', mimeType: 'image/webp' },
	spritesheet: { extension: 'jpg', mimeType: 'image/jpeg' },
};

/** A variant to download and the output binary field it goes to. */
export type WantedVariant = [variant: VideoVariant, field: string];

const DOWNLOAD_ATTEMPTS = 3;

/** Downloads the variants asked for, in order, onto one binary map. */
export async function downloadVariants(
	ctx: DownloadContext,
	videoId: string,
	wanted: WantedVariant[],
	itemIndex = 0,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [variant, field] of wanted) binary[field] = await downloadToBinary(ctx, videoId, variant, itemIndex);
	return binary;
}

/**
 * Streams one content variant into n8n's binary store.
 * A download that ends early is tried again from scratch and never returned as whole.
 */
export async function downloadToBinary(
	ctx: DownloadContext,
	videoId: string,
	variant: VideoVariant,
	itemIndex = 0,
): Promise<IBinaryData> {
	let fileName = safeFileName(videoId, VARIANT_FILES[variant].extension);
	let lastProblem = '';
	for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
		let content;
		try {
			content = await downloadCheckedContent(ctx, videoId, variant, itemIndex);
		} catch (error) {
			throw await explainContentError(ctx, error, videoId, variant, itemIndex);
		}
		if (content.cutOff) {
			lastProblem = content.cutOff;
			ctx.logger?.warn(`Sora Video: download of ${fileName} ended early (${lastProblem}); attempt ${attempt}`);
			continue;
		}
		try {
			fileName = safeFileName(videoId, content.extension);
			if (content.warning) ctx.logger?.warn(`Sora Video: video ${videoId}: ${content.warning}`);
			const binary = await ctx.helpers.prepareBinaryData(content.data as Buffer, fileName, content.mimeType);
			const expected = content.contentLength;
			if (expected === undefined || binary.bytes === undefined || binary.bytes === expected) return binary;
			lastProblem = `received ${binary.bytes} of ${expected} bytes`;
		} catch (error) {
			if (error instanceof CancelledError || ('getExecutionCancelSignal' in ctx && ctx.getExecutionCancelSignal()?.aborted)) {
				throw cancellation(ctx);
			}
			lastProblem = plainErrorText((error as Error).message);
		}
		ctx.logger?.warn(`Sora Video: download of ${fileName} ended early (${lastProblem}); attempt ${attempt}`);
	}
	throw new NodeOperationError(
		ctx.getNode(),
		`The ${variant} download of video ${videoId} ended early ${DOWNLOAD_ATTEMPTS} times (${lastProblem})`,
		{
			itemIndex,
			description: 'No partial file was returned. Try the Download operation again later.',
		},
	);
}

/** Turns a refused content request into "failed", "not ready" or "expired", with the video id. */
async function explainContentError(
	ctx: DownloadContext,
	error: unknown,
	videoId: string,
	variant: VideoVariant,
	itemIndex: number,
): Promise<Error> {
	if (!(error instanceof NodeApiError) || !['404', '409', '410', '400'].includes(String(error.httpCode))) {
		return error as Error;
	}
	let job;
	try {
		job = (await getVideo(ctx, videoId, itemIndex)).job;
	} catch {
		return error;
	}
	const { state } = job;
	if (state === 'failed') {
		return new NodeOperationError(
			ctx.getNode(),
			`Video ${videoId} ended with status "${job.status}"${job.error?.code ? ` (${job.error.code})` : ''}: ${job.error?.message ?? 'the server gave no reason'}; it has no ${variant} to download`,
			{ itemIndex, description: 'A failed job produces no content. Create the video again.' },
		);
	}
	if (state === 'running') {
		return new NodeOperationError(
			ctx.getNode(),
			`The ${variant} of video ${videoId} is not ready: the job is ${job.status}` +
				(typeof job.progress === 'number' ? ` (${job.progress}%)` : ''),
			{
				itemIndex,
				description: 'Use Wait for Completion with this video ID, then download.',
			},
		);
	}
	const nowSeconds = Date.now() / 1000;
	if (job.expiresAt !== undefined && job.expiresAt <= nowSeconds) {
		return new NodeOperationError(
			ctx.getNode(),
			`The ${variant} of video ${videoId} has expired (its assets expired at ${new Date(job.expiresAt * 1000).toISOString()})`,
			{ itemIndex, description: 'Expired assets cannot be downloaded; generate the video again (for example with Remix).' },
		);
	}
	return error;
}
