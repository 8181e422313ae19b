import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readInputBinary } from '../../helpers/binary';
import {
	modelField,
	promptField,
	readModel,
	readSeconds,
	readSize,
	readStrict,
	secondsFields,
	sizeFields,
	waitModeFields,
} from '../../helpers/fields';
import { finishJob, readWaitMode } from '../../helpers/output';
import { checkCapabilities, requireListed } from '../../helpers/capabilities';
import { InputError, checkId, checkImageUrl, checkPrompt, checkReferenceImage, checkSoraRules, readImageInfo } from '../../helpers/validation';
import type { CreateExtras, FormValue, ModelCapabilities } from '../../transport';
import { createVideo, publishedModels, unsupportedExtras } from '../../transport';
import { extrasField, extrasNames, readExtras } from './extras';

const properties: INodeProperties[] = [
	promptField('Text prompt that describes the video to generate (1 to 32,000 characters)'),
	modelField,
	...secondsFields(['4', '8', '12'], '4', 'Clip duration. Sora offers 4, 8 and 12 seconds.'),
	...sizeFields,
	{
		displayName: 'Input Reference',
		name: 'inputReference',
		type: 'options',
		options: [
			{ name: 'None', value: 'none' },
			{ name: 'Image From Input Binary', value: 'binary', description: 'Upload an image of the input item' },
			{ name: 'Image URL', value: 'imageUrl' },
			{ name: 'File ID', value: 'fileId', description: 'An image already uploaded to the provider' },
		],
		default: 'none',
		description: 'An image that guides the first frame. Its pixel size must equal Size.',
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputReferenceBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the JPEG, PNG or WebP image',
		displayOptions: { show: { inputReference: ['binary'] } },
	},
	{
		displayName: 'Image URL',
		name: 'imageUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/first-frame.png',
		displayOptions: { show: { inputReference: ['imageUrl'] } },
	},
	{
		displayName: 'File ID',
		name: 'fileId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'file-123',
		displayOptions: { show: { inputReference: ['fileId'] } },
	},
	extrasField,
	...waitModeFields,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['create'] } }, properties);

export interface CreateRequest {
	fields: Record<string, FormValue | undefined>;
	extras: CreateExtras;
	wait: boolean;
	/** The model's published entry, where the server publishes one. */
	published?: ModelCapabilities;
}

/** Reads and checks every field before anything is sent: a bad item costs nothing. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<CreateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const model = readModel(this, itemIndex);
	const seconds = readSeconds(this, itemIndex);
	const size = readSize(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ model, size, seconds });

	const extras = await readExtras(this, itemIndex);
	const refused = await unsupportedExtras(this, extrasNames(extras));
	if (refused.length) throw new InputError(refused[0], `this server's Videos API has no such field (${refused.join(', ')}); remove it or use an OpenRouter credential`);
	const models = await publishedModels(this, itemIndex);
	const published = models && requireListed(models, model);

	const fields: Record<string, FormValue | undefined> = { prompt, model, seconds, size };
	const reference = this.getNodeParameter('inputReference', itemIndex, 'none') as string;
	if (reference === 'binary') {
		const property = this.getNodeParameter('inputReferenceBinaryProperty', itemIndex) as string;
		const image = await readInputBinary(this, itemIndex, property, 'Input Binary Field');
		const field = `Input Binary Field "${property}"`;
		// A model with published capabilities takes any frame size; Sora wants the video's.
		const info = published ? readImageInfo(image.data) : checkReferenceImage(image.data, size, field);
		if (!info) throw new InputError(field, 'is not a JPEG, PNG or WebP image');
		fields.input_reference = { ...image, mimeType: info.mimeType };
	} else if (reference === 'imageUrl') {
		fields.input_reference = { image_url: checkImageUrl(this.getNodeParameter('imageUrl', itemIndex)) };
	} else if (reference === 'fileId') {
		fields.input_reference = { file_id: checkId(this.getNodeParameter('fileId', itemIndex), 'File ID') };
	}
	if (published) {
		const image = fields.input_reference !== undefined;
		checkCapabilities(published, {
			model, seconds, size, extras,
			firstFrame: image && extras.imageRole !== 'reference',
			reference: image && extras.imageRole === 'reference',
		});
	}
	return { fields, extras, published, wait: readWaitMode(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: CreateRequest,
): Promise<INodeExecutionData[]> {
	const started = await createVideo(this, request.fields, itemIndex, request.extras);
	return await finishJob(this, started, itemIndex, request.wait);
}
