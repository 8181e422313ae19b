/**
 * The one execute path of the four operations that start a paid job (Create, Edit, Extend,
 * Remix): each prepares a GenerateRequest, this starts the job and finishes it.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { finishJob } from '../../jobs';
import type { WaitPlan } from '../../jobs';
import { createVideo, editVideo, extendVideo, remixVideo } from '../../transport';
import type { CreateExtras, JobFields, ModelCapabilities, VideoResponse } from '../../transport';

/** Create, Edit and Extend send their fields; Remix names its video in the path. */
export type GenerateRequest = {
	/** Wait for Completion, as read in prepare; undefined when off. */
	wait: WaitPlan | undefined;
	/** The estimate before the job starts (USD), where a price is known; put on the output. */
	estimatedCostUsd?: number;
	/** The model the estimate is for, to name it when no price is known. */
	pricedModel?: string;
	/** Why no estimate is possible whatever the prices (said when a cap is set). */
	costUnknownWhy?: string;
	/** Whether the estimate goes on the output item. */
	reportEstimate?: boolean;
} & (
	/** The model entry checked and priced in prepare; the body is built from this same entry. */
	| { endpoint: 'create'; fields: JobFields; extras?: CreateExtras; published?: ModelCapabilities }
	| { endpoint: 'edit' | 'extend'; fields: JobFields }
	| { endpoint: 'remix'; videoId: string; prompt: string }
);

async function start(ctx: IExecuteFunctions, request: GenerateRequest, itemIndex: number): Promise<VideoResponse> {
	switch (request.endpoint) {
		case 'create':
			return await createVideo(ctx, request.fields, itemIndex, request.extras, request.published);
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
	const started = await start(this, request, itemIndex);
	const { items, job } = await finishJob(this, started, itemIndex, request.wait);
	const estimate = request.reportEstimate ? request.estimatedCostUsd : undefined;
	return items.map((item) => ({ ...item, json: withCost(item.json, estimate, job.costUsd) }));
}

/** The estimate, and the reported cost (usage.cost, as the neutral model read it) when the server sent one. */
function withCost(json: IDataObject, estimate: number | undefined, reported: number | undefined): IDataObject {
	const out = { ...json };
	if (estimate !== undefined) out.estimatedCostUsd = estimate;
	if (out.costUsd === undefined && reported !== undefined) out.costUsd = reported;
	return out;
}
