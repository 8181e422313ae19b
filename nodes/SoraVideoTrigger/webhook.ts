/**
 * One webhook delivery: the steps of steps.ts in order (verifyDelivery → parseDelivery →
 * selectEvent → claimOnce), then the answer, then buildItem (afterAnswer.ts says why in that order).
 */
import type { INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadVariants } from '../SoraVideo/jobs';
import type { WantedVariant } from '../SoraVideo/jobs';
import { getVideo, neutralEventType, outputStateOf, plainErrorText, whyNot } from '../SoraVideo/transport';
import type { VideoObject } from '../SoraVideo/transport';
import { answerNow, fetchAfterAnswer } from './afterAnswer';
import type { FetchProgress } from './afterAnswer';
import { deliveryLog as processDeliveryLog } from './deliveries';
import { signingSecret } from './signingSecret';
import { claimOnce, deliveryKeys, parseDelivery, selectEvent, verifyDelivery } from './steps';
import type { Answer, TriggerOptions, VideoEvent } from './steps';

/**
 * Runs the work of a claimed delivery: the answer, or (Output = Event) the item n8n answers
 * after. Should it fail, the id is released so that the provider's retry is accepted.
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
	const state = video.state ?? outputStateOf(video.status);
	if (state === 'failed') return false;
	return state === 'completed' || neutralEventType(event.type) === 'video.completed';
}

type Output = 'event' | 'video' | 'videoAndBinary';
const outputOf = (ctx: IWebhookFunctions) => ctx.getNodeParameter('output', 'video') as Output;

/**
 * The output item: the event, the video object, or the video object with its files. `progress`
 * keeps the video object once read, for the item of a download that fails after it.
 */
export async function buildItem(
	ctx: IWebhookFunctions,
	event: VideoEvent,
	videoId: string,
	options: TriggerOptions,
	progress: FetchProgress = {},
): Promise<INodeExecutionData> {
	const output = outputOf(ctx);
	// The event carries no status word: its type says how the job ended.
	if (output === 'event') return { json: { ...event, state: neutralEventType(event.type) === 'video.completed' ? 'completed' : 'failed' } };

	const { video } = await getVideo(ctx, videoId);
	progress.video = video;
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

/** What the provider hears when the trigger itself fails before it can answer: no stack, no path. */
const NOT_PROCESSED: Answer = { status: 500, body: { error: 'The delivery could not be processed; retry later' } };

/** The trigger's webhook(): the steps above, in order; a failure before the answer is a plain 500. */
export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await receive(ctx);
	} catch (error) {
		// Nothing fails after the answer (afterAnswer.ts turns it into the run's item); should it, n8n handles it.
		if (ctx.getResponseObject().headersSent) throw new NodeOperationError(ctx.getNode(), error as Error);
		return respond(ctx, { ...NOT_PROCESSED, warn: `could not process a delivery (500): ${plainErrorText((error as Error).message)}` });
	}
}

async function receive(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const options = ctx.getNodeParameter('options', {}) as TriggerOptions;
	const skip = options.skipSignatureCheck === true;
	const raw = await rawBodyOf(req);
	const check = async (fresh: boolean) => {
		const secret = skip ? { secret: '', remembered: false } : await signingSecret(ctx, fresh);
		const delivery = { raw, headers: req.headers, secret: secret.secret, receivedMs: Date.now() };
		return { verified: verifyDelivery(delivery, skip), remembered: secret.remembered };
	};
	const first = await check(false);
	// A remembered secret may have been replaced in the credential since: read it again.
	const verified = !first.verified.ok && first.remembered ? (await check(true)).verified : first.verified;
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
	const keys = deliveryKeys(verified.value, event.value, videoId.value);
	const build = (progress?: FetchProgress) => buildItem(ctx, event.value, videoId.value, options, progress);
	if (outputOf(ctx) === 'event') {
		// Nothing to fetch: n8n answers the provider once the run is registered, the safest moment.
		const item = await runClaimed(claim.value, build);
		return { workflowData: [[{ ...item, json: { ...item.json, ...keys } }]] };
	}
	await runClaimed(claim.value, async () => answerNow(ctx));
	const started = await fetchAfterAnswer(ctx, videoId.value, build);
	const [[item]] = started.workflowData;
	item.json = { ...item.json, ...keys };
	return started;
}
