import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	promptField,
	readSeconds,
	readStrict,
	secondsFields,
	waitModeFields,
} from '../../helpers/fields';
import { finishJob, readWaitMode } from '../../helpers/output';
import { readSourceVideo, sourceVideoFields } from '../../helpers/sourceVideo';
import { checkPrompt, checkSoraRules } from '../../helpers/validation';
import type { FormValue } from '../../transport';
import { continuationModelField, readContinuationModel } from './continuation';
import { extendVideo } from '../../transport';

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
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['extend'] } }, properties);

export interface ExtendRequest {
	fields: Record<string, FormValue | undefined>;
	wait: boolean;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<ExtendRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const seconds = readSeconds(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ seconds, extension: true });
	return {
		fields: { prompt, seconds, model: await readContinuationModel(this, itemIndex, seconds), video: await readSourceVideo(this, itemIndex) },
		wait: readWaitMode(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: ExtendRequest,
): Promise<INodeExecutionData[]> {
	const started = await extendVideo(this, request.fields, itemIndex);
	return await finishJob(this, started, itemIndex, request.wait);
}
