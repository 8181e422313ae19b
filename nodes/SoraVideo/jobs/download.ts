/** Downloads of a job's content into n8n's binary store (to disk in filesystem mode). */
import type { IBinaryData, IBinaryKeyData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CancelledError, cancellation, downloadContent, getVideo, plainErrorText } from '../transport';
import type { VideoVariant } from '../transport';
import { jobState } from './status';

type DownloadContext = IExecuteFunctions | IWebhookFunctions;

export const VARIANT_FILES: Record<VideoVariant, { extension: string; mimeType: string }> = {
	video: { extension: 'mp4', mimeType: 'video/mp4' },
	thumbnail: { extension: 'webp', mimeType: 'image/webp' },
	spritesheet: { extension: 'jpg', mimeType: 'image/jpeg' },
};

/** A variant to download and the output binary field it goes to. */
export type WantedVariant = [variant: VideoVariant, field: string];

const DOWNLOAD_ATTEMPTS = 3;

function contentTypeFor(variant: VideoVariant, served: string | undefined): string {
	const type = served?.split(';')[0].trim().toLowerCase();
	// Keep the server's type unless it is the generic one; a stream cannot be sniffed.
	return type && type !== 'application/octet-stream' && type !== 'binary/octet-stream'
		? type
		: VARIANT_FILES[variant].mimeType;
}

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
	const fileName = `${videoId}.${VARIANT_FILES[variant].extension}`;
	let lastProblem = '';
	for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
		let content;
		try {
			content = await downloadContent(ctx, videoId, variant, itemIndex);
		} catch (error) {
			throw await explainContentError(ctx, error, videoId, variant, itemIndex);
		}
		try {
			const binary = await ctx.helpers.prepareBinaryData(
				content.stream,
				fileName,
				contentTypeFor(variant, content.contentType),
			);
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
	let video;
	try {
		video = (await getVideo(ctx, videoId, itemIndex)).video;
	} catch {
		return error;
	}
	const state = jobState(video.status);
	if (state === 'failed') {
		return new NodeOperationError(
			ctx.getNode(),
			`Video ${videoId} failed (${video.error?.code ?? 'unknown_error'}): ${video.error?.message ?? 'no reason given'}; it has no ${variant} to download`,
			{ itemIndex, description: 'A failed job produces no content. Create the video again.' },
		);
	}
	if (state === 'running') {
		return new NodeOperationError(
			ctx.getNode(),
			`The ${variant} of video ${videoId} is not ready: the job is ${video.status}` +
				(typeof video.progress === 'number' ? ` (${video.progress}%)` : ''),
			{
				itemIndex,
				description: 'Use Wait for Completion with this video ID, then download.',
			},
		);
	}
	const nowSeconds = Date.now() / 1000;
	if (typeof video.expires_at === 'number' && video.expires_at <= nowSeconds) {
		return new NodeOperationError(
			ctx.getNode(),
			`The ${variant} of video ${videoId} has expired (its assets expired at ${new Date(video.expires_at * 1000).toISOString()})`,
			{ itemIndex, description: 'Expired assets cannot be downloaded; generate the video again (for example with Remix).' },
		);
	}
	return error;
}
