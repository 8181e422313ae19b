/** The /videos endpoints, one short function each. */
import type { IDataObject } from 'n8n-workflow';

import { refuseOn, readDialect } from './dialect';
import { getJob, jobContent, startJob as startOpenRouterJob } from './dialects/openrouterApi';
import type { CreateExtras } from './dialects/types';
import { soraRequest } from './request';
import type {
	ContentResponse,
	FormFields,
	SoraContext,
	SoraResponse,
	SoraVideo,
	SoraVideoList,
	VideoResponse,
	VideoVariant,
} from './types';

const DOWNLOAD_TIMEOUT_MS = 120_000;

function pollAfterMs(headers: Record<string, unknown>): number | undefined {
	const value = Number(headers['openai-poll-after-ms']);
	return headers['openai-poll-after-ms'] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function asVideoResponse(response: SoraResponse<SoraVideo>): VideoResponse {
	return { video: response.body, pollAfterMs: pollAfterMs(response.headers) };
}

function videoPath(videoId: string): string {
	return `/videos/${encodeURIComponent(videoId)}`;
}

/** Starts a job from a multipart body at one of the generating endpoints. */
async function startJob(ctx: SoraContext, path: string, fields: FormFields, itemIndex: number) {
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, { method: 'POST', path, kind: 'create', multipart: fields, itemIndex }),
	);
}

const isOpenRouter = async (ctx: SoraContext) => (await readDialect(ctx)) === 'openrouter';

/** OpenAI's model field is for create only: Edit and Extend follow the source video's model. */
function withoutModel(fields: FormFields): FormFields {
	const { model, ...rest } = fields;
	void model;
	return rest;
}

export async function createVideo(ctx: SoraContext, fields: FormFields, itemIndex: number, extras?: CreateExtras) {
	if (await isOpenRouter(ctx)) return await startOpenRouterJob(ctx, fields, itemIndex, extras);
	return await startJob(ctx, '/videos', fields, itemIndex);
}

/** On OpenRouter, Edit and Extend continue the finished job (previous_job_id) with the new prompt. */
export async function editVideo(ctx: SoraContext, fields: FormFields, itemIndex: number): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await startOpenRouterJob(ctx, fields, itemIndex);
	return await startJob(ctx, '/videos/edits', withoutModel(fields), itemIndex);
}

export async function extendVideo(ctx: SoraContext, fields: FormFields, itemIndex: number): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await startOpenRouterJob(ctx, fields, itemIndex);
	return await startJob(ctx, '/videos/extensions', withoutModel(fields), itemIndex);
}

export async function remixVideo(ctx: SoraContext, videoId: string, prompt: string, itemIndex: number) {
	await refuseOn(ctx, 'openrouter', 'remix', itemIndex);
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, {
			method: 'POST',
			path: `${videoPath(videoId)}/remix`,
			kind: 'create',
			json: { prompt },
			itemIndex,
			subject: `remix of video ${videoId}`,
		}),
	);
}

export async function getVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await getJob(ctx, videoId, itemIndex);
	const request = { method: 'GET', path: videoPath(videoId), kind: 'read', itemIndex, subject: `video ${videoId}` } as const;
	return asVideoResponse(await soraRequest<SoraVideo>(ctx, request));
}

export async function listVideos(
	ctx: SoraContext,
	query: { limit?: number; order?: string; after?: string },
	itemIndex?: number,
): Promise<SoraVideoList> {
	await refuseOn(ctx, 'openrouter', 'list videos', itemIndex);
	const qs: IDataObject = {};
	if (query.limit !== undefined) qs.limit = query.limit;
	if (query.order) qs.order = query.order;
	if (query.after) qs.after = query.after;
	return (await soraRequest<SoraVideoList>(ctx, { method: 'GET', path: '/videos', kind: 'read', qs, itemIndex })).body;
}

export async function deleteVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<IDataObject> {
	await refuseOn(ctx, 'openrouter', 'delete a video', itemIndex);
	const request = { method: 'DELETE', path: videoPath(videoId), kind: 'read', itemIndex, subject: `video ${videoId}` } as const;
	return (await soraRequest<IDataObject>(ctx, request)).body;
}

/** Streams one variant of a finished video. */
export async function downloadContent(
	ctx: SoraContext,
	videoId: string,
	variant: VideoVariant,
	itemIndex?: number,
): Promise<ContentResponse> {
	if (await isOpenRouter(ctx)) {
		if (variant !== 'video') await refuseOn(ctx, 'openrouter', 'thumbnail and spritesheet downloads', itemIndex);
		return await jobContent(ctx, videoId, itemIndex);
	}
	const response = await soraRequest<ContentResponse['stream']>(ctx, {
		method: 'GET',
		path: `${videoPath(videoId)}/content`,
		qs: { variant },
		kind: 'read',
		stream: true,
		timeoutMs: DOWNLOAD_TIMEOUT_MS,
		itemIndex,
		subject: `video ${videoId}, ${variant}`,
	});
	const length = Number(response.headers['content-length']);
	return {
		stream: response.body,
		contentType: response.headers['content-type'] as string | undefined,
		contentLength: Number.isFinite(length) && response.headers['content-length'] !== undefined ? length : undefined,
	};
}
