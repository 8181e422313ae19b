/**
 * One webhook delivery: the steps of steps.ts in order (verifyDelivery → parseDelivery →
 * selectEvent → claimOnce), then buildItem inside the claim.
 */
import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { downloadVariants } from '../SoraVideo/jobs';
import type { WantedVariant } from '../SoraVideo/jobs';
import { getVideo, neutralEventType, readCredentials, stateOf, whyNot } from '../SoraVideo/transport';
import type { VideoObject } from '../SoraVideo/transport';
import { deliveryLog as processDeliveryLog } from './deliveries';
import { claimOnce, deliveryKeys, parseDelivery, selectEvent, verifyDelivery } from './steps';
import type { Answer, TriggerOptions, VideoEvent } from './steps';

/**
 * Runs the work of a claimed delivery. A failed fetch or download lets the provider's retry
 * through: n8n answers 500 ("Workflow could not be started") and the provider delivers again.
 */
export async function runClaimed<T>(key: string | undefined, work: () => Promise<T>, log = processDeliveryLog) {
	let done = false;
	try {
		const result = await work();
		done = true;
		return result;
	} finally {
		if (key) {
			if (done) log.complete(key);
			else log.release(key);
		}
	}
}

/** A failed job has no file; a completed event is trusted unless the video itself says it failed. */
export function shouldDownload(event: VideoEvent, video: VideoObject): boolean {
	const state = stateOf(video.status);
	if (state === 'failed') return false;
	return state === 'completed' || neutralEventType(event.type) === 'video.completed';
}

/** The output item: the event, the video object, or the video object with its files. */
export async function buildItem(
	ctx: IWebhookFunctions,
	event: VideoEvent,
	videoId: string,
	options: TriggerOptions,
): Promise<INodeExecutionData> {
	const output = ctx.getNodeParameter('output', 'video') as 'event' | 'video' | 'videoAndBinary';
	if (output === 'event') return { json: event };

	const { video } = await getVideo(ctx, videoId);
	if (output === 'video' || !shouldDownload(event, video)) return { json: video };

	const binaryPropertyName = String(ctx.getNodeParameter('binaryPropertyName', 'data') ?? '').trim() || 'data';
	const wanted: WantedVariant[] = [['video', binaryPropertyName]];
	const warnings: string[] = [];
	if (options.downloadThumbnail) {
		// Some servers serve the MP4 only. The job is done and paid for: the run starts with the
		// video and says why there is no thumbnail, rather than failing every delivery.
		const lack = await whyNot(ctx, 'extraVariants');
		if (lack) warnings.push(`Download Thumbnail: ${lack.because}, so no thumbnail was downloaded`);
		else wanted.push(['thumbnail', String(options.thumbnailBinaryPropertyName ?? '').trim() || 'thumbnail']);
	}
	const binary = await downloadVariants(ctx, video.id, wanted, 0, warnings);
	return { json: warnings.length ? { ...video, warnings } : video, binary };
}

type RawBodyRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

/**
 * The exact bytes received. n8n's webhook server reads them into `req.rawBody` before the node
 * runs (and offers `readRawBody()` for bodies it did not parse); the parsed `req.body` is never
 * re-serialised, since a signature covers bytes, not JSON values.
 */
async function rawBodyOf(req: RawBodyRequest): Promise<Buffer | undefined> {
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') {
		await req.readRawBody();
	}
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

/** Answers the request directly and starts nothing (the n8n idiom for refusals). */
function respond(ctx: IWebhookFunctions, answer: Answer): IWebhookResponseData {
	const prefix = `Sora Video Trigger "${ctx.getNode().name}": `;
	if (answer.warn) ctx.logger.warn(prefix + answer.warn);
	if (answer.debug) ctx.logger.debug(prefix + answer.debug);
	ctx.getResponseObject().status(answer.status).json(answer.body);
	return { noWebhookResponse: true };
}

/** The trigger's webhook(): the steps above, in order. */
export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const secret = String((await readCredentials(ctx)).webhookSecret ?? '').trim();
	const delivery = { raw: await rawBodyOf(req), headers: req.headers, secret, receivedMs: Date.now() };

	const verified = verifyDelivery(delivery, options.skipSignatureCheck === true);
	if (!verified.ok) return respond(ctx, verified.answer);
	const event = parseDelivery(verified.value.raw);
	if (!event.ok) return respond(ctx, event.answer);
	const videoId = selectEvent(event.value, ctx.getNodeParameter('events', []) as string[]);
	if (!videoId.ok) return respond(ctx, videoId.answer);
	const endpoint = { workflowId: ctx.getWorkflow().id ?? '', nodeId: ctx.getNode().id, mode: ctx.getMode() };
	const claim = claimOnce(endpoint, verified.value, event.value);
	if (!claim.ok) return respond(ctx, claim.answer);

	// The id reaches the log before any fetch, so it survives a run whose data is lost.
	ctx.logger.info(`Sora Video Trigger "${ctx.getNode().name}": ${String(event.value.type)} for video ${videoId.value} accepted`);
	const item = await runClaimed(claim.value, () => buildItem(ctx, event.value, videoId.value, options));
	item.json = { ...item.json, ...deliveryKeys(verified.value, event.value, videoId.value) };
	return { workflowData: [[item]] };
}
