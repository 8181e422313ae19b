import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { modelField, promptField, secondsFields, sizeFields, waitModeFields } from '../../descriptions/fields';
import { concurrencyProperty, jobOptions, strictValidationOption } from '../../descriptions/options';
import { fileHead, readInputBinary, readModel, readSeconds, readSize, readStrict, readWaitPlan, wholeFile } from '../../helpers/parameters';
import { checkCapabilities, requireListed } from '../../helpers/capabilities';
import { InputError, checkId, checkImageUrl, checkPrompt, checkReferenceImage, checkSoraRules } from '../../helpers/validation';
import { readImageInfo } from '../../helpers/imageHeader';
import type { CreateExtras, JobFields, ModelCapabilities } from '../../transport';
import { publishedModels, whyNot } from '../../transport';
import { extrasField, extrasNames, readExtras } from './extras';
import type { GenerateRequest } from './generate';
import { estimateFor, spendOptions } from './spend';

export { checkBatch } from './spend';

const properties: INodeProperties[] = [
	promptField('Text prompt that describes the video to generate (1 to 32,000 characters)'),
	modelField,
	...secondsFields('durations', 'model', '4', 'Clip duration: the durations the model publishes, else Sora\'s 4, 8 and 12.'),
	...sizeFields('sizes', 'model', '720x1280'),
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
		description:
			'An image that guides the video, by default as its first frame. OpenAI Videos: the pixel size must equal Size. OpenRouter: any size (see Model Options > Input Reference Role).',
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
	concurrencyProperty,
	jobOptions([strictValidationOption, ...spendOptions]),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['create'] } }, properties);

export { execute } from './generate';

/** Reads and checks every field before anything is sent: a bad item costs nothing. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<GenerateRequest> {
	const wait = await readWaitPlan(this, itemIndex);
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const model = readModel(this, itemIndex);
	const seconds = readSeconds(this, itemIndex);
	const size = readSize(this, itemIndex);
	if (await readStrict(this, itemIndex)) checkSoraRules({ model, size, seconds });
	const extras = await readExtras(this, itemIndex);
	const published = await readPublished(this, itemIndex, model, extras);
	const fields: JobFields = { prompt, model, seconds, size };
	fields.input_reference = await readInputReference(this, itemIndex, size, published);
	if (published) {
		const image = fields.input_reference !== undefined;
		const role = { firstFrame: image && extras.imageRole !== 'reference', reference: image && extras.imageRole === 'reference' };
		checkCapabilities(published, { model, seconds, size, extras, ...role });
	}
	// An aspect ratio without a resolution goes without Size: the server picks the resolution.
	const anyResolution = Boolean(extras.aspectRatio && !extras.resolution);
	const image = fields.input_reference !== undefined;
	const priced = {
		model,
		seconds,
		size,
		resolution: extras.resolution,
		anyResolution,
		// Left to the model when not set, unless the model cannot make sound.
		audio: extras.generateAudio ?? (published?.generateAudio === false ? false : undefined),
		input: image || extras.lastFrame ? ('image' as const) : ('text' as const),
		referenceImages: image && extras.imageRole === 'reference' ? 1 : 0,
	};
	const estimate = estimateFor(this, itemIndex, priced, published);
	return { endpoint: 'create', fields, extras, published, ...estimate, pricedModel: model, wait };
}

/** The model's published entry where the server publishes capabilities; refuses options the server lacks. */
async function readPublished(ctx: IExecuteFunctions, itemIndex: number, model: string, extras: CreateExtras) {
	const refused = extrasNames(extras);
	const lack = refused.length ? await whyNot(ctx, 'modelOptions') : undefined;
	if (lack) throw new InputError(refused[0], `${lack.because} (${refused.join(', ')}); remove it or ${lack.instead}`);
	const models = await publishedModels(ctx, itemIndex);
	return models && requireListed(models, model);
}

/** The first-frame image, in the form the user chose; undefined when there is none. */
async function readInputReference(ctx: IExecuteFunctions, itemIndex: number, size: string, published?: ModelCapabilities) {
	const reference = ctx.getNodeParameter('inputReference', itemIndex, 'none') as string;
	if (reference === 'binary') {
		const property = ctx.getNodeParameter('inputReferenceBinaryProperty', itemIndex) as string;
		const image = await readInputBinary(ctx, itemIndex, property, 'Input Binary Field');
		const field = `Input Binary Field "${property}"`;
		// A model with published capabilities takes any frame size; Sora wants the video's.
		const head = await fileHead(image);
		const info = published ? readImageInfo(head) : checkReferenceImage(head, size, field);
		if (!info) throw new InputError(field, 'is not a JPEG, PNG or WebP image');
		// A server with published models takes the image as a data URL, so it is read whole; Sora's upload streams.
		return { ...(published ? await wholeFile(image) : image), mimeType: info.mimeType };
	}
	if (reference === 'imageUrl') return { image_url: checkImageUrl(ctx.getNodeParameter('imageUrl', itemIndex)) };
	if (reference === 'fileId') {
		const lack = await whyNot(ctx, 'fileIdReference');
		if (lack) throw new InputError('Input Reference', lack.because);
		return { file_id: checkId(ctx.getNodeParameter('fileId', itemIndex), 'File ID') };
	}
	return undefined;
}
