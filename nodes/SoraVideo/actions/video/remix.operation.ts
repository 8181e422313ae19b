import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { promptField, videoIdField, waitModeFields } from '../../descriptions/fields';
import { readWaitMode } from '../../helpers/parameters';
import { finishJob } from '../../jobs';
import { checkId, checkPrompt } from '../../helpers/validation';
import { remixVideo } from '../../transport';

const properties: INodeProperties[] = [
	videoIdField('ID of the completed video to remix'),
	promptField('Updated prompt that directs the remix'),
	...waitModeFields,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['remix'] } }, properties);

export interface RemixRequest {
	videoId: string;
	prompt: string;
	wait: boolean;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<RemixRequest> {
	return {
		videoId: checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID'),
		prompt: checkPrompt(this.getNodeParameter('prompt', itemIndex)),
		wait: readWaitMode(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: RemixRequest,
): Promise<INodeExecutionData[]> {
	const started = await remixVideo(this, request.videoId, request.prompt, itemIndex);
	return await finishJob(this, started, itemIndex, request.wait);
}
