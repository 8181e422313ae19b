/**
 * Answer first, fetch after. A provider counts a delivery as failed when the answer takes more
 * than a few seconds, and an MP4 can take longer than that to download. So once a delivery is
 * verified and claimed, the trigger answers it, then fetches the video object and the file;
 * a fetch that fails then still starts the run, with the video id and the error on the item,
 * so that the workflow can retry (Sora Video › Download) or alert. Nothing fetched after the
 * answer can reach the provider, stack traces included.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { factsOf, plainErrorText } from '../SoraVideo/transport';
import type { VideoObject } from '../SoraVideo/transport';

/** What the provider is told once a delivery is accepted and its fetch goes on. */
export const ACCEPTED = { received: true };

/** The `error` of an item whose fetch failed after the answer: the same shape as the node's error items. */
export interface FetchError extends IDataObject {
	message: string;
	code?: string;
	status?: number;
	videoId: string;
}

/** What a fetch got before it failed: the video object, when it was read. */
export interface FetchProgress {
	video?: VideoObject;
}

/** The error's words and the facts the transport recorded on it (API code, HTTP status); never a stack. */
export function fetchError(error: unknown, videoId: string): FetchError {
	const { code, status } = factsOf(error);
	const out: FetchError = { message: plainErrorText(String((error as Error | undefined)?.message ?? error)), videoId };
	if (code) out.code = code;
	if (status) out.status = status;
	return out;
}

/** The item of a delivery whose fetch failed: the video object if it was read, else the id alone, with `error`. */
export function failedFetchItem(error: unknown, videoId: string, progress: FetchProgress): INodeExecutionData {
	return { json: { ...(progress.video ?? { id: videoId }), error: fetchError(error, videoId) } };
}

/** Answers the provider 200 now; the run starts when the fetch is done (n8n 2.x honours `noWebhookResponse`). */
export function answerNow(ctx: IWebhookFunctions): void {
	ctx.getResponseObject().status(200).json(ACCEPTED);
}

/**
 * Runs the fetch after the answer and always gives the run's item: what `fetch` built, or the
 * failed-fetch item. The provider already has its answer, so n8n must not answer again.
 */
export async function fetchAfterAnswer(
	ctx: IWebhookFunctions,
	videoId: string,
	fetch: (progress: FetchProgress) => Promise<INodeExecutionData>,
): Promise<IWebhookResponseData & { workflowData: INodeExecutionData[][] }> {
	const progress: FetchProgress = {};
	let item: INodeExecutionData;
	try {
		item = await fetch(progress);
	} catch (error) {
		item = failedFetchItem(error, videoId, progress);
		ctx.logger.warn(
			`Sora Video Trigger "${ctx.getNode().name}": fetching video ${videoId} failed after the delivery was answered; the run starts with the error (${String(item.json.error && (item.json.error as FetchError).message)})`,
		);
	}
	return { workflowData: [[item]], noWebhookResponse: true };
}
