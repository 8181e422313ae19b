import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { modelField, promptField, secondsFields, sizeFields, waitModeFields } from '../../descriptions/fields';
import { jobOptions, strictValidationOption } from '../../descriptions/options';
import { readInputBinary, readModel, readSeconds, readSize, readStrict, readWaitMode } from '../../helpers/parameters';
import { checkId, checkImageUrl, checkPrompt, checkReferenceImage, checkSoraRules } from '../../helpers/validation';
import type { FormFields } from '../../transport';
import type { GenerateRequest } from './generate';

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
	...waitModeFields,
	jobOptions([strictValidationOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['create'] } }, properties);

export { execute } from './generate';

/** Reads and checks every field before anything is sent: a bad item costs nothing. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const model = readModel(this, itemIndex);
	const seconds = readSeconds(this, itemIndex);
	const size = readSize(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ model, size, seconds });
	const fields: FormFields = { prompt, model, seconds, size };
	fields.input_reference = await readInputReference(this, itemIndex, size);
	return { endpoint: 'create', fields, wait: readWaitMode(this, itemIndex) };
}

/** The first-frame image, in the form the user chose; undefined when there is none. */
async function readInputReference(ctx: IExecuteFunctions, itemIndex: number, size: string) {
	const reference = ctx.getNodeParameter('inputReference', itemIndex, 'none') as string;
	if (reference === 'binary') {
		const property = ctx.getNodeParameter('inputReferenceBinaryProperty', itemIndex) as string;
		const image = await readInputBinary(ctx, itemIndex, property, 'Input Binary Field');
		const info = checkReferenceImage(image.data, size, `Input Binary Field "${property}"`);
		return { ...image, mimeType: info.mimeType };
	}
	if (reference === 'imageUrl') return { image_url: checkImageUrl(ctx.getNodeParameter('imageUrl', itemIndex)) };
	if (reference === 'fileId') return { file_id: checkId(ctx.getNodeParameter('fileId', itemIndex), 'File ID') };
	return undefined;
}
