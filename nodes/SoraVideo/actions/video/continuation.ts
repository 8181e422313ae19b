/**
 * Edit and Extend where the server continues a finished job by its ID (OpenRouter's
 * previous_job_id): the continuation stays on the model that made the source video, which the
 * user names here, and that model must publish the duration and support continuation.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sourceModelField } from '../../descriptions/fields';

import { checkCapabilities, requireListed } from '../../helpers/capabilities';
import { InputError, checkModel } from '../../helpers/validation';
import { publishedModels } from '../../transport';
import type { ModelCapabilities } from '../../transport';

const ROLE = 'The model that made the source video. OpenRouter Videos: required (a job is continued by its ID, on its own model).';

/** Edit: only a continued job (a Video ID source) names its model; OpenAI Videos follows the source video. */
export const editSourceModelField: INodeProperties = {
	...sourceModelField(`${ROLE} OpenAI Videos: not used.`),
	displayOptions: { show: { videoSource: ['id'] } },
};

/** Extend: also what prices the new segment for Max Spend per Run on servers that follow the source video. */
export const extendSourceModelField: INodeProperties = sourceModelField(
	`${ROLE} OpenAI Videos: not sent; prices the new segment for the cost estimate and Max Spend per Run.`,
);

/**
 * The model to send with the continuation (id undefined where none is needed), checked against
 * the published list, with its published entry where there is one.
 */
export async function readContinuationModel(
	ctx: IExecuteFunctions,
	itemIndex: number,
	seconds?: string,
): Promise<{ id?: string; model?: ModelCapabilities }> {
	// Read as stored (a resource locator, or a string saved by 0.1.0): extractValue fails on it where Edit hides it.
	const stored = ctx.getNodeParameter('continuationModel', itemIndex, '') as unknown;
	const raw = String((typeof stored === 'object' && stored !== null ? (stored as { value?: unknown }).value : stored) ?? '').trim();
	const models = await publishedModels(ctx, itemIndex);
	if (!models) return { id: raw ? checkModel(raw) : undefined };
	// The upload is refused first: Edit hides Source Model for an uploaded video.
	if (ctx.getNodeParameter('videoSource', itemIndex, 'id') !== 'id') {
		throw new InputError('Source Video', 'this server continues a finished job by its Video ID; it takes no uploaded video');
	}
	if (!raw) throw new InputError('Source Model', 'must name the model that made the source video on this server');
	const model = requireListed(models, checkModel(raw));
	checkCapabilities(model, { model: model.id, seconds, continuation: true });
	return { id: model.id, model };
}
