/**
 * The Continue On Fail item, one shape for every operation and whatever the server sent:
 * `error: { message, code?, status?, videoId?, description? }`. The message holds the server's
 * words (read by transport/model/errorText.ts from any body: string, object, list, nested, HTML);
 * code is the server's (or a network code), status the HTTP status of the answer that failed,
 * videoId the video concerned. A job that was started keeps its Video object around the error.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { ExecutionBaseError } from 'n8n-workflow';

import { JobError } from '../jobs';
import { factsOf } from '../transport';

export function errorDetails(error: Error): IDataObject {
	const details: IDataObject = { message: error.message };
	const { code, status, videoId } = factsOf(error);
	if (code !== undefined) details.code = code;
	if (status !== undefined) details.status = status;
	const id = error instanceof JobError ? error.video.id : videoId;
	if (id !== undefined) details.videoId = id;
	const description = error instanceof ExecutionBaseError ? error.description : undefined;
	if (description) details.description = description;
	return details;
}

export function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = error instanceof JobError ? { ...error.video } : {};
	// The server's own `error` (a string, a list...) is replaced, never spread into the item.
	json.error = errorDetails(error);
	return { json, pairedItem: { item: itemIndex } };
}
