import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, secondsFields, sourceVideoFields, waitModeFields } from '../../descriptions/fields';
import { jobOptions, strictValidationOption } from '../../descriptions/options';
import { readSeconds, readSourceVideo, readStrict, readWaitPlan } from '../../helpers/parameters';
import { checkPrompt, checkSoraRules } from '../../helpers/validation';
import { continuationModelField, readContinuationModel } from './continuation';
import type { GenerateRequest } from './generate';
import { estimateFor, spendOptions } from './spend';

export { checkBatch } from './spend';

const properties: INodeProperties[] = [
	...sourceVideoFields('extend'),
	promptField('Prompt that directs the new segment'),
	...secondsFields(
		['4', '8', '12', '16', '20'],
		'4',
		'Length of the new segment. The result reports the stitched total.',
	),
	continuationModelField,
	...waitModeFields,
	jobOptions([strictValidationOption, ...spendOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['extend'] } }, properties);

export { execute } from './generate';

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const seconds = readSeconds(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ seconds, extension: true });
	const source = await readContinuationModel(this, itemIndex, seconds);
	return {
		endpoint: 'extend',
		fields: { prompt, seconds, model: source.model?.id ?? source.id, video: await readSourceVideo(this, itemIndex) },
		...(source.id ? estimateFor(this, itemIndex, { model: source.id, seconds }, source.model) : {}),
		pricedModel: source.id,
		wait: await readWaitPlan(this, itemIndex),
	};
}
