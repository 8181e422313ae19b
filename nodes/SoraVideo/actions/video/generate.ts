/**
 * The one execute path of the four operations that start a paid job (Create, Edit, Extend,
 * Remix): each prepares a GenerateRequest, this starts the job and finishes it.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { finishJob } from '../../jobs';
import { createVideo, editVideo, extendVideo, remixVideo } from '../../transport';
import type { FormFields, VideoResponse } from '../../transport';

/** Create, Edit and Extend send a multipart body; Remix names its video in the path. */
export type GenerateRequest = { wait: boolean } & (
	| { endpoint: 'create' | 'edit' | 'extend'; fields: FormFields }
	| { endpoint: 'remix'; videoId: string; prompt: string }
);

async function startJob(ctx: IExecuteFunctions, request: GenerateRequest, itemIndex: number): Promise<VideoResponse> {
	switch (request.endpoint) {
		case 'create':
			return await createVideo(ctx, request.fields, itemIndex);
		case 'edit':
			return await editVideo(ctx, request.fields, itemIndex);
		case 'extend':
			return await extendVideo(ctx, request.fields, itemIndex);
		case 'remix':
			return await remixVideo(ctx, request.videoId, request.prompt, itemIndex);
	}
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: GenerateRequest,
): Promise<INodeExecutionData[]> {
	const started = await startJob(this, request, itemIndex);
	return await finishJob(this, started, itemIndex, request.wait);
}
