import type {
	IDataObject,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { downloadVariants } from '../SoraVideo/jobs';
import type { WantedVariant } from '../SoraVideo/jobs';
import { CREDENTIAL_TYPE, getVideo } from '../SoraVideo/transport';
import type { SoraCredentials, SoraVideo } from '../SoraVideo/transport';
import { deliveryLog } from './deliveries';
import { TOLERANCE_SECONDS, verifyWebhook } from './signature';

export const VIDEO_EVENTS = ['video.completed', 'video.failed'] as const;

type OutputMode = 'event' | 'video' | 'videoAndBinary';

interface TriggerOptions {
	downloadThumbnail?: boolean;
	thumbnailBinaryPropertyName?: string;
	skipSignatureCheck?: boolean;
}

interface VideoEvent extends IDataObject {
	id?: string;
	object?: string;
	created_at?: number;
	type: string;
	data: { id: string } & IDataObject;
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

function headerText(value: string | string[] | undefined): string | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

function parseEvent(raw: Buffer): { event?: VideoEvent; problem?: string } {
	let body: unknown;
	try {
		body = JSON.parse(raw.toString('utf8'));
	} catch {
		return { problem: 'The body is not JSON' };
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { problem: 'The body is not a webhook event object' };
	}
	const event = body as VideoEvent;
	if (typeof event.type !== 'string' || !event.type) return { problem: 'The event has no "type"' };
	return { event };
}

/** Answers the request directly and starts nothing (the n8n idiom for refusals). */
function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

export class SoraVideoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video Trigger',
		name: 'soraVideoTrigger',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow when a Sora video job completes or fails (signed webhook)',
		defaults: { name: 'Sora Video Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'soraApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'sora',
			},
		],
		eventTriggerDescription: 'Waiting for a video event from your provider',
		activationMessage:
			'Register the Production URL of this node as a webhook endpoint in your provider dashboard, for video.completed and video.failed.',
		properties: [
			{
				displayName:
					'Register this node\'s Production URL as a webhook endpoint in your provider\'s dashboard (OpenAI: Settings → Webhooks), then paste the endpoint\'s signing secret (whsec_...) into the credential\'s Webhook Signing Secret field',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Video Completed',
						value: 'video.completed',
						description: 'A video job finished and its MP4 can be downloaded',
					},
					{
						name: 'Video Failed',
						value: 'video.failed',
						description: 'A video job failed (for example moderation_blocked)',
					},
				],
				default: ['video.completed', 'video.failed'],
				description: 'Events that start the workflow; other deliveries are acknowledged and ignored',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Event',
						value: 'event',
						description: 'The event as delivered: {ID, type, data: {ID}}; no API call',
					},
					{
						name: 'Video Object',
						value: 'video',
						description: 'Fetch the video object (status, prompt, error...) with the credential',
					},
					{
						name: 'Video Object and File',
						value: 'videoAndBinary',
						description: 'Fetch the video object and download the finished MP4 as binary data',
					},
				],
				default: 'video',
				description:
					'The provider waits for the answer while the trigger fetches: with the file option, large videos or slow links can make it time out and retry. Video Object followed by a Sora Video Download node avoids that.',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				required: true,
				displayOptions: { show: { output: ['videoAndBinary'] } },
				description: 'Binary field the MP4 goes to (failed jobs have no file)',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Download Thumbnail',
						name: 'downloadThumbnail',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/output': ['videoAndBinary'] } },
						description: 'Whether to also download the WebP thumbnail',
					},
					{
						displayName: 'Thumbnail Field',
						name: 'thumbnailBinaryPropertyName',
						type: 'string',
						default: 'thumbnail',
						displayOptions: { show: { '/output': ['videoAndBinary'], downloadThumbnail: [true] } },
						description: 'Binary field the thumbnail goes to',
					},
					{
						displayName: 'Skip Signature Check (Insecure)',
						name: 'skipSignatureCheck',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept deliveries without checking their Standard Webhooks signature. Anyone who knows the URL can then start the workflow; use only for servers that do not sign, or for local tests.',
					},
				],
			},
		],
	};

	// The endpoint is registered by hand in the provider's dashboard: nothing to create or delete.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const node = this.getNode();
		const req = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		const credentials = (await this.getCredentials(CREDENTIAL_TYPE)) as unknown as SoraCredentials;
		const secret = String(credentials.webhookSecret ?? '').trim();
		const raw = await rawBodyOf(req);
		const nowMs = Date.now();
		const log = (message: string) => this.logger.warn(`Sora Video Trigger "${node.name}": ${message}`);

		let deliveryId = headerText(req.headers['webhook-id']);
		let signedAt = Math.floor(nowMs / 1000);
		if (!options.skipSignatureCheck) {
			if (!secret) {
				log(
					'refused a delivery (401): the Sora API credential has no Webhook Signing Secret. Paste the endpoint secret (whsec_...) from your provider dashboard into the credential, or turn on the Skip Signature Check (Insecure) option.',
				);
				return answer(this, 401, { error: 'Webhook signing secret not configured' });
			}
			if (!raw) {
				log('refused a delivery (401): the raw request body is not available to check its signature');
				return answer(this, 401, { error: 'Invalid webhook signature' });
			}
			const verified = verifyWebhook({ secret, headers: req.headers, rawBody: raw });
			if (!verified.ok) {
				log(
					verified.reason === 'bad-secret'
						? `refused a delivery (401): ${verified.message}. Check the credential's Webhook Signing Secret.`
						: `refused a delivery (401): ${verified.message}`,
				);
				return answer(this, 401, { error: 'Invalid webhook signature' });
			}
			deliveryId = verified.id;
			signedAt = verified.timestamp;
		}

		const { event, problem } = parseEvent(raw ?? Buffer.alloc(0));
		if (!event) {
			log(`refused a delivery (400): ${problem}`);
			return answer(this, 400, { error: problem });
		}

		const selected = this.getNodeParameter('events', []) as string[];
		if (!selected.includes(event.type)) {
			this.logger.debug(`Sora Video Trigger "${node.name}": ignored a ${event.type} event (not selected)`);
			return answer(this, 200, { received: true, ignored: true });
		}
		const videoId = typeof event.data?.id === 'string' ? event.data.id.trim() : '';
		if (!videoId) {
			log(`refused a ${event.type} event (400): it has no data.id`);
			return answer(this, 400, { error: 'The event has no data.id' });
		}

		// Same message id twice: answer 200 (the provider stops retrying) and start nothing.
		// Keyed by workflow, node and mode: a provider sends one message id to every endpoint it
		// knows, and the test URL and the production URL are two endpoints.
		deliveryId = deliveryId ?? (typeof event.id === 'string' ? event.id : undefined);
		const key = deliveryId
			? `${this.getWorkflow().id ?? ''}:${node.id}:${this.getMode()}:${deliveryId}`
			: undefined;
		if (key) {
			const untilMs = (Math.max(signedAt, Math.floor(nowMs / 1000)) + TOLERANCE_SECONDS) * 1000;
			const claim = deliveryLog.claim(key, untilMs, nowMs);
			if (claim === 'duplicate') {
				this.logger.debug(`Sora Video Trigger "${node.name}": duplicate delivery ${deliveryId} ignored`);
				return answer(this, 200, { received: true, duplicate: true });
			}
			if (claim === 'in-progress') {
				// The first copy is still fetching; it may fail, so do not acknowledge this one.
				this.logger.debug(`Sora Video Trigger "${node.name}": delivery ${deliveryId} is already being processed`);
				return answer(this, 409, { error: 'This delivery is already being processed; retry later' });
			}
		}

		let built = false;
		try {
			const item = await buildItem(this, event, videoId, options);
			built = true;
			return { workflowData: [[item]] };
		} finally {
			// A failed fetch or download lets the provider's retry through: n8n answers 500
			// ("Workflow could not be started") and the provider delivers the event again.
			if (key) {
				if (built) deliveryLog.complete(key);
				else deliveryLog.release(key);
			}
		}
	}
}

async function buildItem(
	ctx: IWebhookFunctions,
	event: VideoEvent,
	videoId: string,
	options: TriggerOptions,
): Promise<INodeExecutionData> {
	const output = ctx.getNodeParameter('output', 'video') as OutputMode;
	if (output === 'event') return { json: event };

	const { video } = await getVideo(ctx, videoId);
	if (output === 'video' || !shouldDownload(event, video)) return { json: video };

	const binaryPropertyName = String(ctx.getNodeParameter('binaryPropertyName', 'data') ?? '').trim() || 'data';
	const wanted: WantedVariant[] = [['video', binaryPropertyName]];
	if (options.downloadThumbnail) {
		wanted.push(['thumbnail', String(options.thumbnailBinaryPropertyName ?? '').trim() || 'thumbnail']);
	}
	return { json: video, binary: await downloadVariants(ctx, video.id, wanted, 0) };
}

/** A failed job has no file; a completed event is trusted unless the video itself says it failed. */
function shouldDownload(event: VideoEvent, video: SoraVideo): boolean {
	const status = String(video.status ?? '').toLowerCase();
	if (status === 'failed') return false;
	return status === 'completed' || event.type === 'video.completed';
}
