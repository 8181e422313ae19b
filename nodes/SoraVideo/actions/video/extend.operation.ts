import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, secondsFields, sourceVideoFields, waitModeFields } from '../../descriptions/fields';
import { jobOptions, strictValidationOption } from '../../descriptions/options';
import { readSeconds, readSourceVideo, readStrict, readWaitMode } from '../../helpers/parameters';
import { checkPrompt, checkSoraRules } from '../../helpers/validation';
import type { GenerateRequest } from './generate';

const properties: INodeProperties[] = [
	...sourceVideoFields('extend'),
	promptField('Prompt that directs the new segment'),
	...secondsFields(
		['4', '8', '12', '16', '20'],
		'4',
		'Length of the new segment. The result reports the stitched total.',
	),
	...waitModeFields,
	jobOptions([strictValidationOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['extend'] } }, properties);

export { execute } from './generate';

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const seconds = readSeconds(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ seconds, extension: true });
	return {
		endpoint: 'extend',
		fields: { prompt, seconds, video: await readSourceVideo(this, itemIndex) },
		wait: readWaitMode(this, itemIndex),
	};
}
