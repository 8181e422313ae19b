import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, waitModeFields } from '../../helpers/fields';
import { finishJob, readWaitMode } from '../../helpers/output';
import { readSourceVideo, sourceVideoFields } from '../../helpers/sourceVideo';
import { checkPrompt } from '../../helpers/validation';
import type { FormValue } from '../../transport';
import { continuationModelField, readContinuationModel } from './continuation';
import { editVideo } from '../../transport';

const properties: INodeProperties[] = [
	...sourceVideoFields('edit'),
	promptField('Text prompt that describes how to edit the video'),
	continuationModelField,
	...waitModeFields,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['edit'] } }, properties);

export interface EditRequest {
	fields: Record<string, FormValue | undefined>;
	wait: boolean;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<EditRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	return {
		fields: { prompt, model: await readContinuationModel(this, itemIndex), video: await readSourceVideo(this, itemIndex) },
		wait: readWaitMode(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: EditRequest,
): Promise<INodeExecutionData[]> {
	const started = await editVideo(this, request.fields, itemIndex);
	return await finishJob(this, started, itemIndex, request.wait);
}
