/**
 * The OpenRouter Videos dialect: its endpoints (create and continue, poll, content, the model
 * list with capabilities and prices), what it has not got, and its signed callbacks.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollVideo } from '../answers';
import { connectionOf } from '../config';
import { refusal } from '../dialect';
import type { Dialect, Lack } from '../dialect';
import { acceptedMayHaveStarted } from '../errors';
import { videoPath } from '../paths';
import { soraRequest } from '../request';
import type { JobFields, SoraContext, VideoResponse } from '../types';
import { downloadContent } from '../content';
import type { VideoJob } from '../model/job';
import { DialectRefusal, createBody, readAnswer, toCapabilities, toVideo } from './openrouter';
import { openRouterCallbacks } from './openrouterCallback';
import { openRouterMemory } from './openrouterMemory';
import type { CreateExtras, ModelCapabilities } from './types';

/** OpenRouter has no video list: where to look for a job that may have started. */
const FIND_STARTED_JOB =
	"OpenRouter's Videos API has no video list: if a Callback URL was set, the Sora Video Trigger receives the job when it ends; otherwise look for it in your OpenRouter activity before running it again.";

/** The published video models (kept per Base URL for a few minutes: openrouterMemory.ts). */
export async function videoModels(ctx: SoraContext, itemIndex?: number): Promise<ModelCapabilities[]> {
	const { baseURL } = await connectionOf(ctx, itemIndex);
	const cached = openRouterMemory.freshModels(baseURL);
	if (cached) return cached;
	const response = await soraRequest<{ data?: IDataObject[] }>(ctx, {
		method: 'GET',
		path: '/videos/models',
		kind: 'read',
		timeoutMs: 15_000,
		itemIndex,
		subject: 'the video model list',
	});
	const models = (Array.isArray(response.body?.data) ? response.body.data : []).filter((m) => m && m.id).map(toCapabilities);
	openRouterMemory.keepModels(baseURL, models);
	return models;
}

function jsonBodyFor(ctx: SoraContext, fields: JobFields, extras: CreateExtras | undefined, model: ModelCapabilities | undefined, itemIndex: number) {
	let refusal: DialectRefusal | undefined;
	try {
		return createBody(fields, extras, model);
	} catch (error) {
		refusal = error instanceof DialectRefusal ? error : new DialectRefusal((error as Error).message);
	}
	throw new NodeOperationError(ctx.getNode(), `${refusal.message}; nothing was sent`, { itemIndex });
}

/**
 * POST /videos: a new job, or with fields.video = {id} a continuation of a finished one. `model`
 * is the entry the request was checked and priced against: the body follows that same entry
 * (sizes, or resolution + aspect ratio), never a later lookup that may differ or fail.
 */
export async function startOpenRouterJob(
	ctx: SoraContext,
	fields: JobFields,
	itemIndex: number,
	extras?: CreateExtras,
	model?: ModelCapabilities,
): Promise<VideoResponse> {
	const json = jsonBodyFor(ctx, fields, extras, model, itemIndex);
	const response = await soraRequest<unknown>(ctx, { method: 'POST', path: '/videos', kind: 'create', json, itemIndex, findStartedJob: FIND_STARTED_JOB });
	const answer = answerOf(ctx, response.body, 'create', itemIndex, undefined, json);
	openRouterMemory.rememberRequest(answer.video.id, json);
	return answer;
}

function answerOf(ctx: SoraContext, body: unknown, context: 'create' | 'poll', itemIndex?: number, expectedId?: string, request?: IDataObject) {
	const reading = readAnswer(body, context, expectedId, request);
	if (reading.ok) return { job: reading.job, video: reading.video };
	const description =
		context === 'create'
			? acceptedMayHaveStarted('OpenRouter', FIND_STARTED_JOB)
			: 'Try again; if it persists, the Base URL may point at something else than a Videos API.';
	throw new NodeOperationError(ctx.getNode(), `OpenRouter answered ${expectedId ? `about video ${expectedId}` : 'the create request'} with ${reading.reason}`, {
		itemIndex,
		description,
	});
}

/** A job read by the neutral model, as the node's video object (with what this process asked for it). */
function openRouterResponse(job: VideoJob): VideoResponse {
	return { job, video: toVideo(job, openRouterMemory.requestOf(job.id)) };
}

/** openrouter.ai and its subdomains. */
function claims(baseUrl: string): boolean {
	const host = /^\s*https?:\/\/([^/:?#\s]+)/i.exec(baseUrl)?.[1]?.toLowerCase() ?? '';
	return host === 'openrouter.ai' || host.endsWith('.openrouter.ai');
}

/** What to use instead of each feature OpenRouter's Videos API has not got. */
const LACKS = {
	list: {
		what: 'list videos',
		instead: 'keep the job IDs that Create returns (or use the Sora Video Trigger with a callback URL)',
		because: "OpenRouter's Videos API has no video list",
	},
	delete: {
		what: 'delete a video',
		instead: 'nothing: OpenRouter removes outputs on its own when they expire',
		because: "OpenRouter's Videos API deletes nothing on request",
	},
	remix: {
		what: 'remix',
		instead: 'Create with a new prompt, or Extend where the model supports continuation',
		because: "OpenRouter's Videos API has no remix",
	},
	characters: {
		what: 'characters',
		instead: 'Create with a first frame (Input Reference) to keep a look consistent',
		because: "OpenRouter's Videos API has no characters",
	},
	extraVariants: {
		what: 'thumbnail and spritesheet downloads',
		instead: 'the Video variant; OpenRouter serves only the MP4',
		because: "OpenRouter's Videos API serves only the MP4",
	},
	fileIdReference: {
		what: 'file IDs',
		instead: 'an image from the input item or an image URL',
		because: 'OpenRouter takes an image from the input item or an image URL, not a file ID',
	},
} satisfies Record<string, Lack>;

export const openRouterDialect: Dialect = {
	id: 'openrouter',
	name: 'OpenRouter Videos',
	claims,
	lacks: LACKS,
	callbacks: openRouterCallbacks,

	/** Create, and Edit and Extend as a continuation of the finished job (previous_job_id) with the new prompt. */
	async startJob(ctx, request, itemIndex) {
		if (request.endpoint === 'create') return await startOpenRouterJob(ctx, request.fields, itemIndex, request.extras, request.published);
		if (request.endpoint === 'remix') throw refusal(ctx, openRouterDialect, LACKS.remix, itemIndex);
		return await startOpenRouterJob(ctx, request.fields, itemIndex);
	},

	async getJob(ctx, videoId, itemIndex) {
		const request = { method: 'GET', path: videoPath(videoId), kind: 'read', itemIndex, subject: `video ${videoId}`, videoId } as const;
		return answerOf(ctx, (await soraRequest<unknown>(ctx, request)).body, 'poll', itemIndex, videoId, openRouterMemory.requestOf(videoId));
	},

	async pollJob(ctx, videoId, itemIndex) {
		return await pollVideo(ctx, videoId, videoPath(videoId), itemIndex, openRouterResponse);
	},

	/** GET /videos/{id}/content?index=0: the MP4 only (other variants are refused before, by `lacks`); checked like any download. */
	async content(ctx, videoId, variant, itemIndex) {
		return await downloadContent(ctx, videoId, `${videoPath(videoId)}/content`, 'video', itemIndex, { index: 0 });
	},

	async listModels(ctx) {
		return (await videoModels(ctx)).map(({ id, name }) => ({ id, name }));
	},

	publishedModels: videoModels,
};
