import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdField, videoOutputField } from '../../descriptions/fields';
import { concurrencyProperty, waitOperationOptions } from '../../descriptions/options';
import { finishJob, watchedJob } from '../../jobs';
import { checkId } from '../../helpers/validation';

const properties: INodeProperties[] = [
	videoIdField('ID of a video started earlier or elsewhere'),
	videoOutputField,
	concurrencyProperty,
	waitOperationOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['wait'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const videoId = checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID');
	// The first status check belongs to the wait loop, so a 429 or a bad answer on it is waited out too.
	return (await finishJob(this, watchedJob(videoId), itemIndex, true)).items;
}
