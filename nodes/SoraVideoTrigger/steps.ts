/**
 * The pure steps of a webhook delivery: verifyDelivery → parseDelivery → selectEvent →
 * claimOnce. Each either gives the next one its value or says how to answer the provider;
 * none touches n8n, so each can be tested alone. webhook.ts runs them and builds the item.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { deliveryLog as processDeliveryLog } from './deliveries';
import type { DeliveryLog } from './deliveries';
import { callbackDeliveryId, callbackSchemeFor, headerText as header, neutralEventType } from '../SoraVideo/transport';
import { TOLERANCE_SECONDS, verifyWebhook } from './signature';

export { neutralEventType };

export interface TriggerOptions {
	downloadThumbnail?: boolean;
	thumbnailBinaryPropertyName?: string;
	skipSignatureCheck?: boolean;
}

export interface VideoEvent extends IDataObject {
	id?: string;
	object?: string;
	created_at?: number;
	type: string;
	data: { id: string } & IDataObject;
}

/** How to answer a delivery that starts nothing, and what to log about it. */
export interface Answer {
	status: number;
	body: IDataObject;
	warn?: string;
	debug?: string;
}

/** A step's result: the value for the next step, or the answer that ends the delivery. */
export type Step<T> = { ok: true; value: T } | { ok: false; answer: Answer };

const pass = <T>(value: T): Step<T> => ({ ok: true, value });
const stop = (status: number, body: IDataObject, log: { warn?: string; debug?: string } = {}): Step<never> => ({
	ok: false,
	answer: { status, body, ...log },
});

/** What arrived, before anything is trusted. */
export interface Delivery {
	raw?: Buffer;
	headers: Record<string, string | string[] | undefined>;
	secret: string;
	receivedMs: number;
}

/** A delivery whose signature holds (or whose check the user turned off). */
export interface VerifiedDelivery {
	raw?: Buffer;
	/** The provider's message id, where there is one (logged and put on the item, not the duplicate check's key). */
	id?: string;
	/** When the provider signed it, in seconds. */
	signedAt: number;
	receivedMs: number;
}

const INVALID_SIGNATURE = { error: 'Invalid webhook signature' };

/** The signature gate: a delivery without a valid Standard Webhooks signature is refused with 401. */
export function verifyDelivery(delivery: Delivery, skipSignatureCheck: boolean): Step<VerifiedDelivery> {
	const { raw, headers, secret, receivedMs } = delivery;
	if (skipSignatureCheck) {
		const id = header(headers, 'webhook-id') ?? callbackDeliveryId(headers);
		return pass({ raw, id, signedAt: Math.floor(receivedMs / 1000), receivedMs });
	}
	if (!secret) {
		return stop(401, { error: 'Webhook signing secret not configured' }, {
			warn: 'refused a delivery (401): the Sora API credential has no Webhook Signing Secret. Paste the endpoint secret (whsec_...) from your provider dashboard into the credential, or turn on the Skip Signature Check (Insecure) option.',
		});
	}
	if (!raw) {
		return stop(401, INVALID_SIGNATURE, {
			warn: 'refused a delivery (401): the raw request body is not available to check its signature',
		});
	}
	// A dialect may sign its callbacks in a scheme of its own (the transport knows them by their headers); everything else is Standard Webhooks.
	const scheme = callbackSchemeFor(headers);
	const verified = scheme ? scheme.verify({ secret, headers, rawBody: raw }) : verifyWebhook({ secret, headers, rawBody: raw });
	if (!verified.ok) {
		const hint = verified.reason === 'bad-secret' ? ". Check the credential's Webhook Signing Secret." : '';
		return stop(401, INVALID_SIGNATURE, { warn: `refused a delivery (401): ${verified.message}${hint}` });
	}
	return pass({ raw, id: verified.id, signedAt: verified.timestamp, receivedMs });
}

/** The body as a webhook event object with a type; anything else is refused with 400. */
export function parseDelivery(raw: Buffer | undefined): Step<VideoEvent> {
	const refuse = (problem: string) => stop(400, { error: problem }, { warn: `refused a delivery (400): ${problem}` });
	let body: unknown;
	try {
		body = JSON.parse((raw ?? Buffer.alloc(0)).toString('utf8'));
	} catch {
		return refuse('The body is not JSON');
	}
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return refuse('The body is not a webhook event object');
	}
	const event = body as VideoEvent;
	if (typeof event.type !== 'string' || !event.type) return refuse('The event has no "type"');
	return pass(event);
}

/** Events the user did not select are acknowledged and ignored; a selected one must name its video. */
export function selectEvent(event: VideoEvent, selected: string[]): Step<string> {
	if (!selected.includes(neutralEventType(event.type))) {
		return stop(200, { received: true, ignored: true }, { debug: `ignored a ${event.type} event (not selected)` });
	}
	const videoId = typeof event.data?.id === 'string' ? event.data.id.trim() : '';
	if (!videoId) {
		return stop(400, { error: 'The event has no data.id' }, { warn: `refused a ${event.type} event (400): it has no data.id` });
	}
	return pass(videoId);
}

/** Which endpoint received the delivery: a provider sends one message id to every endpoint it knows. */
export interface Endpoint {
	workflowId: string;
	nodeId: string;
	mode: string;
}

/**
 * What the signature vouches for: the event type and the video id read from the verified body.
 * A provider's message id (`webhook-id`, `X-OpenRouter-Idempotency-Key`) is not part of it:
 * OpenRouter does not sign its idempotency key, and a provider may resend one event under a new
 * message id, so neither can tell a copy from a new event. selectEvent has made sure the id is
 * there. Hashed, so that a long id from an unsigned delivery (Skip Signature Check) never sits in
 * memory as it came.
 */
export function signedSubject(event: VideoEvent): string {
	const videoId = typeof event.data?.id === 'string' ? event.data.id.trim() : '';
	return createHash('sha256').update(JSON.stringify([String(event.type), videoId])).digest('base64url');
}

/**
 * The same event twice within the replay window: answer 200 (the provider stops retrying) and
 * start nothing, whichever message id, timestamp or signature the copy came with. Keyed by
 * workflow, node and mode too, since the test URL and the production URL are two endpoints.
 * Gives the claimed key for `runClaimed`.
 */
export function claimOnce(
	endpoint: Endpoint,
	delivery: VerifiedDelivery,
	event: VideoEvent,
	log: DeliveryLog = processDeliveryLog,
): Step<string> {
	const key = `${endpoint.workflowId}:${endpoint.nodeId}:${endpoint.mode}:${signedSubject(event)}`;
	const nowMs = delivery.receivedMs;
	// Remembered until a copy of this delivery can no longer pass the timestamp check.
	const untilMs = (Math.max(delivery.signedAt, Math.floor(nowMs / 1000)) + TOLERANCE_SECONDS) * 1000;
	const what = `${String(event.type)} for video ${String(event.data?.id)} (delivery ${delivery.id ?? 'without id'})`;
	const claim = log.claim(key, untilMs, nowMs);
	if (claim === 'duplicate') {
		return stop(200, { received: true, duplicate: true }, { debug: `duplicate ${what} ignored` });
	}
	if (claim === 'in-progress') {
		// The first copy is still fetching; it may fail, so do not acknowledge this one.
		return stop(409, { error: 'This delivery is already being processed; retry later' }, {
			debug: `${what} is already being processed`,
		});
	}
	return pass(key);
}

/** What names a delivery in the trigger's item, for side effects that must happen once. */
export interface DeliveryKeys extends IDataObject {
	/** `<event type>:<video id>`: the same for every copy of the event, whichever process took it. */
	idempotencyKey: string;
	/** The provider's message id (webhook-id, or a dialect's own, e.g. OpenRouter's idempotency key), where there is one. */
	deliveryId?: string;
}

/**
 * The keys a downstream upsert uses: the duplicate check above works per process and within the
 * replay window, so with several webhook processes (queue mode) or a provider's retry after the
 * window a copy can still start a run.
 */
export function deliveryKeys(delivery: VerifiedDelivery, event: VideoEvent, videoId: string): DeliveryKeys {
	const keys: DeliveryKeys = { idempotencyKey: `${neutralEventType(String(event.type))}:${videoId}` };
	if (delivery.id) keys.deliveryId = delivery.id;
	return keys;
}
