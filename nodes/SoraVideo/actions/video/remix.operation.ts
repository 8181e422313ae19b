import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, videoIdField, waitModeFields } from '../../descriptions/fields';
import { concurrencyProperty, jobOptions } from '../../descriptions/options';
import { readWaitPlan } from '../../helpers/parameters';
import { checkId, checkPrompt } from '../../helpers/validation';
import type { GenerateRequest } from './generate';

const properties: INodeProperties[] = [
	videoIdField('ID of the completed video to remix'),
	promptField('Updated prompt that directs the remix'),
	...waitModeFields,
	concurrencyProperty,
	jobOptions(),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['remix'] } }, properties);

export { execute } from './generate';

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	return {
		endpoint: 'remix',
		videoId: checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID'),
		prompt: checkPrompt(this.getNodeParameter('prompt', itemIndex)),
		wait: await readWaitPlan(this, itemIndex),
	};
}
