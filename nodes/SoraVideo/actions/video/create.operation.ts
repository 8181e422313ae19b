import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { modelField, promptField, secondsFields, sizeFields, waitModeFields } from '../../descriptions/fields';
import { readInputBinary, readModel, readSeconds, readSize, readStrict, readWaitMode } from '../../helpers/parameters';
import { finishJob } from '../../jobs';
import { checkId, checkImageUrl, checkPrompt, checkReferenceImage, checkSoraRules } from '../../helpers/validation';
import type { FormValue } from '../../transport';
import { createVideo } from '../../transport';

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
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['create'] } }, properties);

export interface CreateRequest {
	fields: Record<string, FormValue | undefined>;
	wait: boolean;
}

/** Reads and checks every field before anything is sent: a bad item costs nothing. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<CreateRequest> {
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const model = readModel(this, itemIndex);
	const seconds = readSeconds(this, itemIndex);
	const size = readSize(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ model, size, seconds });

	const fields: Record<string, FormValue | undefined> = { prompt, model, seconds, size };
	const reference = this.getNodeParameter('inputReference', itemIndex, 'none') as string;
	if (reference === 'binary') {
		const property = this.getNodeParameter('inputReferenceBinaryProperty', itemIndex) as string;
		const image = await readInputBinary(this, itemIndex, property, 'Input Binary Field');
		const info = checkReferenceImage(image.data, size, `Input Binary Field "${property}"`);
		fields.input_reference = { ...image, mimeType: info.mimeType };
	} else if (reference === 'imageUrl') {
		fields.input_reference = { image_url: checkImageUrl(this.getNodeParameter('imageUrl', itemIndex)) };
	} else if (reference === 'fileId') {
		fields.input_reference = { file_id: checkId(this.getNodeParameter('fileId', itemIndex), 'File ID') };
	}
	return { fields, wait: readWaitMode(this, itemIndex) };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: CreateRequest,
): Promise<INodeExecutionData[]> {
	const started = await createVideo(this, request.fields, itemIndex);
	return await finishJob(this, started, itemIndex, request.wait);
}
