/**
 * Edit and Extend where the server continues a finished job by its ID (OpenRouter's
 * previous_job_id): the continuation stays on the model that made the source video, which the
 * user names here, and that model must publish the duration and support continuation.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkCapabilities, requireListed } from '../../helpers/capabilities';
import { InputError, checkModel } from '../../helpers/validation';
import { publishedModels } from '../../transport';
import type { ModelCapabilities } from '../../transport';

export const continuationModelField: INodeProperties = {
	displayName: 'Source Model',
	name: 'continuationModel',
	type: 'string',
	default: '',
	placeholder: 'e.g. google/veo-3.1',
	description:
		"The model that made the source video. Needed where a job is continued by its ID (OpenRouter); OpenAI's API follows the source video and ignores it.",
};

/**
 * The model to send with the continuation (id undefined where none is needed), checked against
 * the published list, with its published entry where there is one.
 */
export async function readContinuationModel(
	ctx: IExecuteFunctions,
	itemIndex: number,
	seconds?: string,
): Promise<{ id?: string; model?: ModelCapabilities }> {
	const raw = String(ctx.getNodeParameter('continuationModel', itemIndex, '') ?? '').trim();
	const models = await publishedModels(ctx, itemIndex);
	if (!models) return { id: raw ? checkModel(raw) : undefined };
	if (!raw) throw new InputError('Source Model', 'must name the model that made the source video on this server');
	if (ctx.getNodeParameter('videoSource', itemIndex, 'id') !== 'id') {
		throw new InputError('Source Video', 'this server continues a finished job by its Video ID; it takes no uploaded video');
	}
	const model = requireListed(models, checkModel(raw));
	checkCapabilities(model, { model: model.id, seconds, continuation: true });
	return { id: model.id, model };
}
