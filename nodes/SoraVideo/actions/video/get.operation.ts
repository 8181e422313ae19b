import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { videoIdField } from '../../descriptions/fields';
import { concurrencyProperty, earlierOptions } from '../../descriptions/options';
import { checkId } from '../../helpers/validation';
import { getVideo } from '../../transport';

const properties: INodeProperties[] = [videoIdField(), concurrencyProperty, earlierOptions];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const videoId = checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID');
	const { video } = await getVideo(this, videoId, itemIndex);
	return [{ json: video }];
}
