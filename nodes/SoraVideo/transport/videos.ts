/**
 * The video operations as the node asks for them, whatever the server: each asks the execution's
 * dialect (dialects/index.ts), after refusing what that server has not got.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PollResult } from './answers';
import type { CheckedContent } from './content';
import type { ListQuery } from './dialect';
import { dialectFor, endpointFor, requireFeature } from './dialects';
import type { CreateExtras, ModelCapabilities } from './dialects/types';
import type { ListPage } from './model/list';
import type { JobFields, SoraContext, VideoResponse, VideoVariant } from './types';

/** `published` is the model entry the request was checked against, where the server publishes one. */
export async function createVideo(
	ctx: SoraContext,
	fields: JobFields,
	itemIndex: number,
	extras?: CreateExtras,
	published?: ModelCapabilities,
): Promise<VideoResponse> {
	return await (await dialectFor(ctx)).startJob(ctx, { endpoint: 'create', fields, extras, published }, itemIndex);
}

export async function editVideo(ctx: SoraContext, fields: JobFields, itemIndex: number): Promise<VideoResponse> {
	return await (await dialectFor(ctx)).startJob(ctx, { endpoint: 'edit', fields }, itemIndex);
}

export async function extendVideo(ctx: SoraContext, fields: JobFields, itemIndex: number): Promise<VideoResponse> {
	return await (await dialectFor(ctx)).startJob(ctx, { endpoint: 'extend', fields }, itemIndex);
}

export async function remixVideo(ctx: SoraContext, videoId: string, prompt: string, itemIndex: number): Promise<VideoResponse> {
	return await (await requireFeature(ctx, 'remix', itemIndex)).startJob(ctx, { endpoint: 'remix', videoId, prompt }, itemIndex);
}

export async function getVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<VideoResponse> {
	return await (await dialectFor(ctx)).getJob(ctx, videoId, itemIndex);
}

/** One status check for the wait loop: transient faults come back as a PollFault, permanent refusals throw. */
export async function pollJob(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<PollResult> {
	return await (await dialectFor(ctx)).pollJob(ctx, videoId, itemIndex);
}

export async function listVideos(ctx: SoraContext, query: ListQuery, itemIndex?: number): Promise<ListPage> {
	return await (await endpointFor(ctx, 'list', 'listVideos', itemIndex))(ctx, query, itemIndex);
}

export async function deleteVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<IDataObject> {
	return await (await endpointFor(ctx, 'delete', 'deleteVideo', itemIndex))(ctx, videoId, itemIndex);
}

/** Streams one variant of a finished video, checked to be what it says. */
export async function downloadCheckedContent(
	ctx: SoraContext,
	videoId: string,
	variant: VideoVariant,
	itemIndex?: number,
): Promise<CheckedContent> {
	const dialect = variant === 'video' ? await dialectFor(ctx) : await requireFeature(ctx, 'extraVariants', itemIndex);
	return await dialect.content(ctx, videoId, variant, itemIndex);
}
