import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdField } from '../../descriptions/fields';
import { concurrencyProperty, earlierOptions } from '../../descriptions/options';
import { checkId } from '../../helpers/validation';
import { deleteVideo } from '../../transport';

const properties: INodeProperties[] = [videoIdField('ID of the video to delete, with its assets'), concurrencyProperty, earlierOptions];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const videoId = checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID');
	return [{ json: await deleteVideo(this, videoId, itemIndex) }];
}
