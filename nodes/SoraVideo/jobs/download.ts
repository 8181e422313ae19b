/**
 * Downloads of a job's content into n8n's binary store (to disk in filesystem mode). The
 * transport checks what arrived (transport/content.ts); here a download that ends early is
 * tried again, a 404 just after completion is asked again briefly, and refusals are explained.
 */
import type { IBinaryData, IBinaryKeyData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	CONTENT_NOT_READY_DELAYS_MS,
	CancelledError,
	cancellation,
	downloadCheckedContent,
	factsOf,
	getVideo,
	pause,
	plainErrorText,
	safeFileName,
	withFacts,
} from '../transport';
import type { CheckedContent, VideoJob, VideoVariant } from '../transport';

type DownloadContext = IExecuteFunctions | IWebhookFunctions;

/** A variant to download and the output binary field it goes to. */
export type WantedVariant = [variant: VideoVariant, field: string];

const DOWNLOAD_ATTEMPTS = 3;

/** Downloads the variants asked for, in order, onto one binary map; warnings go to `warnings`. */
export async function downloadVariants(
	ctx: DownloadContext,
	videoId: string,
	wanted: WantedVariant[],
	itemIndex = 0,
	warnings: string[] = [],
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [variant, field] of wanted) binary[field] = await downloadToBinary(ctx, videoId, variant, itemIndex, warnings);
	return binary;
}

/**
 * Streams one content variant into n8n's binary store. A download that ends early is tried
 * again from scratch and never returned as whole.
 */
export async function downloadToBinary(
	ctx: DownloadContext,
	videoId: string,
	variant: VideoVariant,
	itemIndex = 0,
	warnings: string[] = [],
): Promise<IBinaryData> {
	let lastProblem = '';
	for (let attempt = 1; attempt <= DOWNLOAD_ATTEMPTS; attempt++) {
		const content = await fetchContent(ctx, videoId, variant, itemIndex);
		const stored = content.cutOff ?? (await store(ctx, videoId, content));
		if (typeof stored !== 'string') {
			if (content.warning) warnings.push(`Video ${videoId}: ${content.warning}`);
			return stored;
		}
		lastProblem = stored;
		ctx.logger?.warn(`Sora Video: the ${variant} download of video ${videoId} ended early (${lastProblem}); attempt ${attempt}`);
	}
	const error = new NodeOperationError(
		ctx.getNode(),
		`The ${variant} download of video ${videoId} ended early ${DOWNLOAD_ATTEMPTS} times (${lastProblem})`,
		{ itemIndex, description: 'No partial file was returned. Try the Download operation again later.' },
	);
	throw withFacts(error, { videoId });
}

/** Streams checked content into the binary store under a file name made from the whole id; a string says what went wrong. */
async function store(ctx: DownloadContext, videoId: string, content: CheckedContent): Promise<IBinaryData | string> {
	try {
		const binary = await ctx.helpers.prepareBinaryData(content.data as Buffer, safeFileName(videoId, content.extension), content.mimeType);
		const expected = content.contentLength;
		if (expected === undefined || binary.bytes === undefined || binary.bytes === expected) return binary;
		return `received ${binary.bytes} of ${expected} bytes`;
	} catch (error) {
		if (error instanceof CancelledError || ('getExecutionCancelSignal' in ctx && ctx.getExecutionCancelSignal()?.aborted)) {
			throw cancellation(ctx);
		}
		return plainErrorText((error as Error).message);
	}
}

/** One checked content answer; a refusal of a completed, unexpired job is asked again briefly. */
async function fetchContent(ctx: DownloadContext, videoId: string, variant: VideoVariant, itemIndex: number): Promise<CheckedContent> {
	for (let retry = 0; ; retry++) {
		try {
			return await downloadCheckedContent(ctx, videoId, variant, itemIndex);
		} catch (error) {
			const explained = await explainContentError(ctx, error, videoId, variant, itemIndex);
			if (explained !== 'completed' || retry >= CONTENT_NOT_READY_DELAYS_MS.length) {
				throw explained === 'completed' ? (error as Error) : explained;
			}
			ctx.logger?.debug(`Sora Video: the ${variant} of completed video ${videoId} is not there yet; asking again`);
			await pause(ctx, CONTENT_NOT_READY_DELAYS_MS[retry]);
		}
	}
}

/**
 * Turns a refused content request into "failed", "not ready" or "expired", with the video id;
 * 'completed' when the job is completed and unexpired (storage may lag behind the status).
 */
async function explainContentError(
	ctx: DownloadContext,
	error: unknown,
	videoId: string,
	variant: VideoVariant,
	itemIndex: number,
): Promise<Error | 'completed'> {
	if (!(error instanceof NodeApiError) || !['404', '409', '410', '400'].includes(String(error.httpCode))) {
		return error as Error;
	}
	let job: VideoJob;
	try {
		job = (await getVideo(ctx, videoId, itemIndex)).job;
	} catch {
		return error;
	}
	const facts = { ...factsOf(error), videoId };
	if (job.state === 'failed') {
		return withFacts(
			new NodeOperationError(
			ctx.getNode(),
			`Video ${videoId} ended with status "${job.status}"${job.error?.code ? ` (${job.error.code})` : ''}: ${job.error?.message ?? 'the server gave no reason'}; it has no ${variant} to download`,
			{ itemIndex, description: 'A failed job produces no content. Create the video again.' },
			),
			{ ...facts, code: job.error?.code ?? facts.code },
		);
	}
	if (job.state === 'running') {
		return withFacts(
			new NodeOperationError(
			ctx.getNode(),
			`The ${variant} of video ${videoId} is not ready: the job is ${job.status}` +
				(typeof job.progress === 'number' ? ` (${job.progress}%)` : ''),
			{ itemIndex, description: 'Use the Wait for Existing Video operation with this video ID, then download.' },
			),
			facts,
		);
	}
	if (job.expiresAt !== undefined && job.expiresAt <= Date.now() / 1000) {
		return withFacts(
			new NodeOperationError(
			ctx.getNode(),
			`The ${variant} of video ${videoId} has expired (its assets expired at ${new Date(job.expiresAt * 1000).toISOString()})`,
			{ itemIndex, description: 'Expired assets cannot be downloaded; generate the video again (for example with Remix).' },
			),
			facts,
		);
	}
	// The server's own word that the assets expired is final, whatever the job's timestamps say.
	return /expired/i.test(`${error.message} ${String(error.description ?? '')}`) ? error : 'completed';
}
