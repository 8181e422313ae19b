import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, secondsFields, sourceVideoFields, waitModeFields } from '../../descriptions/fields';
import { concurrencyProperty, jobOptions, strictValidationOption } from '../../descriptions/options';
import { readSeconds, readSourceVideo, readStrict, readWaitPlan } from '../../helpers/parameters';
import { checkPrompt, checkSoraRules } from '../../helpers/validation';
import { extendSourceModelField, readContinuationModel } from './continuation';
import type { GenerateRequest } from './generate';
import { continuationEstimate, sourceForCap, spendOptions } from './spend';

export { checkBatch } from './spend';

const properties: INodeProperties[] = [
	...sourceVideoFields('extend'),
	promptField('Prompt that directs the new segment'),
	// Before Seconds, whose list is the source model's durations.
	extendSourceModelField,
	...secondsFields('extensionDurations', 'continuationModel', '4', 'Length of the new segment; the result reports the stitched total.'),
	...waitModeFields,
	concurrencyProperty,
	jobOptions([strictValidationOption, ...spendOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['extend'] } }, properties);

export { execute } from './generate';

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const seconds = readSeconds(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ seconds, extension: true });
	const source = await readContinuationModel(this, itemIndex, seconds);
	const video = await readSourceVideo(this, itemIndex);
	const known = await sourceForCap(this, itemIndex, video);
	const model = source.id ?? known.model;
	return {
		endpoint: 'extend',
		fields: { prompt, seconds, model: source.model?.id ?? source.id, video },
		...(model ? continuationEstimate(this, itemIndex, { model, seconds, size: known.size }, source.model) : {}),
		pricedModel: model,
		wait: await readWaitPlan(this, itemIndex),
	};
}
