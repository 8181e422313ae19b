/**
 * The seam between the node and a server's wire format. A Dialect holds everything that differs
 * between servers; dialects/index.ts registers them and picks one per execution from the
 * credential. Everything above the transport asks neutral questions (supports, publishedModels,
 * the neutral endpoint functions), never which dialect it is talking to.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PollResult } from './answers';
import type { CheckedContent } from './content';
import type { CreateExtras, ModelCapabilities } from './dialects/types';
import type { RequestHeaders as Headers } from './model/headers';
import type { ListPage } from './model/list';
import type { InputFile, JobFields, SoraCharacter, SoraContext, VideoResponse, VideoVariant } from './types';

/** What some server has not got. */
export type Feature =
	| 'remix'
	| 'list'
	| 'delete'
	| 'characters'
	/** Thumbnail and spritesheet downloads. */
	| 'extraVariants'
	/** Create's Model Options (last frame, audio, seed, resolution, provider options, callback URL). */
	| 'modelOptions'
	/** An Input Reference given as a file id. */
	| 'fileIdReference';

/** Why a feature is missing, in the words every refusal is built from. */
export interface Lack {
	/** "<dialect name> has no <what>". */
	what: string;
	/** What to use instead. */
	instead: string;
	/** The cause as one clause, for refusals made while checking input (e.g. "X's API serves only the MP4"). */
	because: string;
}

/** The request of a generating operation; `published` is the model entry it was checked and priced against. */
export type JobRequest =
	| { endpoint: 'create'; fields: JobFields; extras?: CreateExtras; published?: ModelCapabilities }
	| { endpoint: 'edit' | 'extend'; fields: JobFields }
	| { endpoint: 'remix'; videoId: string; prompt: string };

export interface ListQuery {
	limit?: number;
	order?: string;
	after?: string;
}


export interface CallbackInput {
	secret: string;
	headers: Headers;
	/** The exact bytes received. */
	rawBody: Buffer | string;
	nowSeconds?: number;
	toleranceSeconds?: number;
}

/** The result of a signature check: the delivery's id and signing time, or why it fails. */
export type CallbackVerification = { ok: true; id: string; timestamp: number } | { ok: false; reason: string; message: string };

/** Deliveries signed more than this many seconds before or after our clock are refused. */
export const CALLBACK_TOLERANCE_SECONDS = 300;

/** A dialect's own signed callbacks (servers without one use Standard Webhooks, checked by the trigger). */
export interface CallbackScheme {
	/** Whether the headers carry this scheme's signature. */
	recognizes(headers: Headers): boolean;
	verify(input: CallbackInput): CallbackVerification;
	/** The delivery's message id from its headers, where the scheme sends one. */
	deliveryId(headers: Headers): string | undefined;
	/** The neutral event (video.completed / video.failed) an event type of this scheme means; undefined when not its type. */
	eventType(type: string): string | undefined;
}

export interface Dialect {
	/** The credential's Dialect value that chooses it. */
	id: string;
	/** Its name in messages, e.g. "OpenAI Videos". */
	name: string;
	/** For a credential on Auto: whether this Base URL is this dialect's server. */
	claims?(baseUrl: string): boolean;
	/** What this server has not got; every other Feature it has. */
	lacks: Partial<Record<Feature, Lack>>;
	/** Starts a job of a generating operation (refusals of lacking features are made before this is called). */
	startJob(ctx: SoraContext, request: JobRequest, itemIndex: number): Promise<VideoResponse>;
	/** Reads a job; throws when the answer holds none. */
	getJob(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<VideoResponse>;
	/** One status check for the wait loop: transient faults come back as a PollFault, never thrown. */
	pollJob(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<PollResult>;
	/** One variant of a finished job, checked to be what it says. */
	content(ctx: SoraContext, videoId: string, variant: VideoVariant, itemIndex?: number): Promise<CheckedContent>;
	listVideos?(ctx: SoraContext, query: ListQuery, itemIndex?: number): Promise<ListPage>;
	deleteVideo?(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<IDataObject>;
	createCharacter?(ctx: SoraContext, fields: { name: string; video: InputFile }, itemIndex: number): Promise<SoraCharacter>;
	getCharacter?(ctx: SoraContext, characterId: string, itemIndex?: number): Promise<SoraCharacter>;
	/** The models for the Model field's search (names where the server gives them). */
	listModels(ctx: SoraContext): Promise<Array<{ id: string; name?: string }>>;
	/** The models with capabilities and prices, where the server publishes them: requests are checked and priced against them. */
	publishedModels?(ctx: SoraContext, itemIndex?: number): Promise<ModelCapabilities[]>;
	callbacks?: CallbackScheme;
}

/** The refusal of a feature the server has not got, before any request. */
export function refusal(ctx: SoraContext, dialect: Dialect, lack: Lack, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${dialect.name} has no ${lack.what}; nothing was sent`, {
		itemIndex,
		description: `Use instead: ${lack.instead}. The credential's Dialect setting chooses the API.`,
	});
}
