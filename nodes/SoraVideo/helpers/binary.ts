/** Binary data in (uploads from input items) and out (downloads into n8n's binary store). */
import type { IBinaryData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CancelledError, cancellation, downloadCheckedContent, getVideo, plainErrorText, safeFileName } from '../transport';
import type { UploadFile, VideoVariant } from './types';
import { InputError } from './validation';

export const VARIANT_FILES: Record<VideoVariant, { extension: string; mimeType: string }> = {
	video: { extension: 'mp4', mimeType: 'video/mp4' },
	thumbnail: { extension: 'webp', mimeType: 'image/webp' },
	spritesheet: { extension: 'jpg', mimeType: 'image/jpeg' },
};

const DOWNLOAD_ATTEMPTS = 3;

/** Reads an input item's binary property for upload; the error names the field and the property. */
export async function readInputBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
): Promise<UploadFile> {
	const name = (propertyName ?? '').trim();
	if (!name) throw new InputError(field, 'must name a binary property of the input item');
	const binary = ctx.getInputData()[itemIndex]?.binary?.[name];
	if (!binary) {
		const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw new InputError(
			field,
			`the input item has no binary property "${name}"` +
				(available.length ? ` (it has: ${available.join(', ')})` : ' (it has no binary data)'),
		);
	}
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, name);
	return {
		data,
		fileName: binary.fileName ?? `${name}.${binary.fileExtension ?? 'bin'}`,
		mimeType: binary.mimeType || 'application/octet-stream',
	};
}

/**
 * Streams one content variant into n8n's binary store (to disk in filesystem mode).
 * A download that ends early is tried again from scratch and never returned as whole.
 */
export async function downloadToBinary(
	ctx: IExecuteFunctions | IWebhookFunctions,
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

/** Turns a refused content request into "not ready" or "expired", with the video id. */
async function explainContentError(
	ctx: IExecuteFunctions | IWebhookFunctions,
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
