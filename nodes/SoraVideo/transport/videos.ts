/** The /videos endpoints, one short function each; every answer is read through the neutral model. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readVideoAnswer } from './answers';
import { readDialect, refusal, refuseOn } from './dialect';
import { getJob, jobContent, startJob as startOpenRouterJob } from './dialects/openrouterApi';
import type { CreateExtras, ModelCapabilities } from './dialects/types';
import { downloadContent as checkedDownload } from './content';
import type { CheckedContent } from './content';
import { readList } from './model/list';
import type { ListPage } from './model/list';
import { bodyFormatFor } from './model/text';
import { videoPath } from './paths';
import { soraRequest } from './request';
import type { FormFields, SoraContext, SoraRequest, VideoResponse, VideoVariant } from './types';

export { videoPath };

/**
 * Starts a job at one of the generating endpoints. Without a file the body is JSON, which keeps
 * the prompt byte for byte (multipart turns its newlines into CRLF); uploads stay multipart.
 */
async function startJob(ctx: SoraContext, path: string, fields: FormFields, itemIndex: number, subject?: string, videoId?: string) {
	const request: SoraRequest = { method: 'POST', path, kind: 'create', itemIndex, subject, videoId };
	if (bodyFormatFor(fields) === 'json') request.json = fields as IDataObject;
	else request.multipart = fields;
	const response = await soraRequest<unknown>(ctx, request);
	return readVideoAnswer(ctx, response, { itemIndex, subject, context: 'create' });
}

const isOpenRouter = async (ctx: SoraContext) => (await readDialect(ctx)) === 'openrouter';

/** OpenAI's model field is for create only: Edit and Extend follow the source video's model. */
function withoutModel(fields: FormFields): FormFields {
	const { model, ...rest } = fields;
	void model;
	return rest;
}

/** `published` is the model entry the request was checked against, where the server publishes one. */
export async function createVideo(
	ctx: SoraContext,
	fields: FormFields,
	itemIndex: number,
	extras?: CreateExtras,
	published?: ModelCapabilities,
): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await startOpenRouterJob(ctx, fields, itemIndex, extras, published);
	return await startJob(ctx, '/videos', fields, itemIndex, 'Create video');
}

/** On OpenRouter, Edit and Extend continue the finished job (previous_job_id) with the new prompt. */
export async function editVideo(ctx: SoraContext, fields: FormFields, itemIndex: number): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await startOpenRouterJob(ctx, fields, itemIndex);
	return await startJob(ctx, '/videos/edits', withoutModel(fields), itemIndex, 'Edit video');
}

export async function extendVideo(ctx: SoraContext, fields: FormFields, itemIndex: number): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await startOpenRouterJob(ctx, fields, itemIndex);
	return await startJob(ctx, '/videos/extensions', withoutModel(fields), itemIndex, 'Extend video');
}

export async function remixVideo(ctx: SoraContext, videoId: string, prompt: string, itemIndex: number) {
	await refuseOn(ctx, 'openrouter', 'remix', itemIndex);
	return await startJob(ctx, `${videoPath(videoId)}/remix`, { prompt }, itemIndex, `Remix of video ${videoId}`, videoId);
}

export async function getVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<VideoResponse> {
	if (await isOpenRouter(ctx)) return await getJob(ctx, videoId, itemIndex);
	const subject = `Get video ${videoId}`;
	const response = await soraRequest<unknown>(ctx, { method: 'GET', path: videoPath(videoId), kind: 'read', itemIndex, subject, videoId });
	return readVideoAnswer(ctx, response, { itemIndex, subject, context: 'poll', expectedId: videoId });
}

export async function listVideos(
	ctx: SoraContext,
	query: { limit?: number; order?: string; after?: string },
	itemIndex?: number,
): Promise<ListPage> {
	await refuseOn(ctx, 'openrouter', 'list videos', itemIndex);
	const qs: IDataObject = {};
	if (query.limit !== undefined) qs.limit = query.limit;
	if (query.order) qs.order = query.order;
	if (query.after) qs.after = query.after;
	const response = await soraRequest<unknown>(ctx, { method: 'GET', path: '/videos', kind: 'read', qs, itemIndex, subject: 'List videos' });
	const reading = readList(response.body);
	if (reading.ok) return reading.page;
	throw new NodeOperationError(ctx.getNode(), `The Sora API answered List videos with ${reading.reason}`, { itemIndex });
}

export async function deleteVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<IDataObject> {
	await refuseOn(ctx, 'openrouter', 'delete a video', itemIndex);
	const request = { method: 'DELETE', path: videoPath(videoId), kind: 'read', itemIndex, subject: `Delete video ${videoId}`, videoId } as const;
	const body = (await soraRequest<unknown>(ctx, request)).body;
	// Servers answer a delete with the object, an empty body or a word: the user always gets the id back.
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : { id: videoId, deleted: true };
}

/** Streams one variant of a finished video, checked to be what it says. */
export async function downloadCheckedContent(
	ctx: SoraContext,
	videoId: string,
	variant: VideoVariant,
	itemIndex?: number,
): Promise<CheckedContent> {
	if (await isOpenRouter(ctx)) {
		if (variant !== 'video') throw refusal(ctx, 'openrouter', 'thumbnail and spritesheet downloads', itemIndex);
		return await jobContent(ctx, videoId, itemIndex);
	}
	return await checkedDownload(ctx, videoId, `${videoPath(videoId)}/content`, variant, itemIndex);
}
