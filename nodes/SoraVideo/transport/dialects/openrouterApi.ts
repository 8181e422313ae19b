/** The OpenRouter endpoints: create (and continue), poll, content, and the model list with its capabilities. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { connectionOf } from '../config';
import { acceptedMayHaveStarted } from '../errors';
import { videoPath } from '../paths';
import { soraRequest } from '../request';
import type { FormFields, SoraContext, VideoResponse } from '../types';
import { downloadContent } from '../content';
import type { CheckedContent } from '../content';
import type { VideoJob } from '../model/job';
import { DialectRefusal, createBody, readAnswer, toCapabilities, toVideo } from './openrouter';
import type { CreateExtras, ModelCapabilities } from './types';

const MODELS_TTL_MS = 5 * 60_000;
const modelCache = new Map<string, { at: number; models: ModelCapabilities[] }>();

// OpenRouter's poll answers leave out what was asked (model, prompt, duration, source job):
// the bodies of jobs this process started are kept, a bounded few, to complete the output.
const MAX_REMEMBERED = 500;
const startedBodies = new Map<string, IDataObject>();

function remember(id: string, body: IDataObject) {
	const kept: IDataObject = {};
	for (const key of ['model', 'prompt', 'duration', 'size', 'previous_job_id']) if (body[key] !== undefined) kept[key] = body[key];
	startedBodies.set(id, kept);
	if (startedBodies.size > MAX_REMEMBERED) startedBodies.delete(startedBodies.keys().next().value as string);
}

/** The published video models (cached per Base URL for a few minutes: they change rarely). */
export async function videoModels(ctx: SoraContext, itemIndex?: number): Promise<ModelCapabilities[]> {
	const { baseURL } = await connectionOf(ctx, itemIndex);
	const cached = modelCache.get(baseURL);
	if (cached && Date.now() - cached.at < MODELS_TTL_MS) return cached.models;
	const response = await soraRequest<{ data?: IDataObject[] }>(ctx, {
		method: 'GET',
		path: '/videos/models',
		kind: 'read',
		timeoutMs: 15_000,
		itemIndex,
		subject: 'the video model list',
	});
	const models = (Array.isArray(response.body?.data) ? response.body.data : []).filter((m) => m && m.id).map(toCapabilities);
	modelCache.set(baseURL, { at: Date.now(), models });
	return models;
}

function bodyOf(ctx: SoraContext, fields: FormFields, extras: CreateExtras | undefined, model: ModelCapabilities | undefined, itemIndex: number) {
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
export async function startJob(
	ctx: SoraContext,
	fields: FormFields,
	itemIndex: number,
	extras?: CreateExtras,
	model?: ModelCapabilities,
): Promise<VideoResponse> {
	const json = bodyOf(ctx, fields, extras, model, itemIndex);
	const response = await soraRequest<unknown>(ctx, { method: 'POST', path: '/videos', kind: 'create', json, itemIndex });
	const answer = answerOf(ctx, response.body, 'create', itemIndex, undefined, json);
	remember(answer.video.id, json);
	return answer;
}

function answerOf(ctx: SoraContext, body: unknown, context: 'create' | 'poll', itemIndex?: number, expectedId?: string, request?: IDataObject) {
	const reading = readAnswer(body, context, expectedId, request);
	if (reading.ok) return { job: reading.job, video: reading.video };
	const description =
		context === 'create'
			? acceptedMayHaveStarted('openrouter')
			: 'Try again; if it persists, the Base URL may point at something else than a Videos API.';
	throw new NodeOperationError(ctx.getNode(), `OpenRouter answered ${expectedId ? `about video ${expectedId}` : 'the create request'} with ${reading.reason}`, {
		itemIndex,
		description,
	});
}

/** A job read by the neutral model, as the node's video object (with what this process asked for it). */
export function openRouterResponse(job: VideoJob): VideoResponse {
	return { job, video: toVideo(job, startedBodies.get(job.id)) };
}

export async function getJob(ctx: SoraContext, id: string, itemIndex?: number): Promise<VideoResponse> {
	const request = { method: 'GET', path: videoPath(id), kind: 'read', itemIndex, subject: `video ${id}`, videoId: id } as const;
	return answerOf(ctx, (await soraRequest<unknown>(ctx, request)).body, 'poll', itemIndex, id, startedBodies.get(id));
}

/** GET /videos/{id}/content?index=0: OpenRouter serves the MP4 only; the bytes are checked like any download. */
export async function jobContent(ctx: SoraContext, id: string, itemIndex?: number): Promise<CheckedContent> {
	return await downloadContent(ctx, id, `${videoPath(id)}/content`, 'video', itemIndex, { index: 0 });
}
