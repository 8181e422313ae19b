import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, sourceVideoFields, waitModeFields } from '../../descriptions/fields';
import { concurrencyProperty, jobOptions } from '../../descriptions/options';
import { readSourceVideo, readWaitPlan } from '../../helpers/parameters';
import { checkPrompt } from '../../helpers/validation';
import { editSourceModelField, readContinuationModel } from './continuation';
import type { GenerateRequest } from './generate';
import { editEstimate, spendOptions } from './spend';

export { checkBatch } from './spend';

const properties: INodeProperties[] = [
	...sourceVideoFields('edit'),
	promptField('Text prompt that describes how to edit the video'),
	editSourceModelField,
	...waitModeFields,
	concurrencyProperty,
	jobOptions(spendOptions),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['edit'] } }, properties);

export { execute } from './generate';

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const wait = await readWaitPlan(this, itemIndex);
	const source = await readContinuationModel(this, itemIndex);
	return {
		endpoint: 'edit',
		fields: { prompt, model: source.id, video: await readSourceVideo(this, itemIndex) },
		...editEstimate(this, itemIndex, source.id, source.model),
		pricedModel: source.id,
		wait,
	};
}
