import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdField, videoOutputField } from '../../descriptions/fields';
import { concurrencyProperty, waitOperationOptions } from '../../descriptions/options';
import { finishJob, watchedJob } from '../../jobs';
import type { WaitPlan } from '../../jobs';
import { readWaitSettings } from '../../helpers/parameters';
import { checkId } from '../../helpers/validation';

const properties: INodeProperties[] = [
	videoIdField('ID of a video started earlier or elsewhere'),
	videoOutputField,
	concurrencyProperty,
	waitOperationOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['wait'] } }, properties);

export interface WaitRequest {
	videoId: string;
	wait: WaitPlan;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<WaitRequest> {
	const videoId = checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID');
	return { videoId, wait: readWaitSettings(this, itemIndex) };
}

export async function execute(this: IExecuteFunctions, itemIndex: number, request: WaitRequest): Promise<INodeExecutionData[]> {
	// The first status check belongs to the wait loop, so a 429 or a bad answer on it is waited out too.
	return (await finishJob(this, watchedJob(request.videoId), itemIndex, request.wait)).items;
}
