/** Field definitions shared by several operations, and the readers that go with them. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import { InputError, SORA_MODELS, checkModel, checkSeconds, checkSize, isOpenAiHost } from './validation';

export const promptField = (description: string): INodeProperties => ({
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	required: true,
	placeholder: 'e.g. A calico cat playing a piano on stage, warm spotlight',
	description,
});

export const videoIdField = (description = 'ID of the video job, e.g. video_123'): INodeProperties => ({
	displayName: 'Video ID',
	name: 'videoId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'video_123',
	description,
});

export const modelField: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'resourceLocator',
	default: { mode: 'list', value: 'sora-2' },
	required: true,
	description: 'The video model. Compatible servers offer other models (e.g. openai/sora-2 on a LiteLLM proxy).',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchModels', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. sora-2-pro or openai/sora-2',
		},
	],
};

const secondsOptions = (values: string[]) => [
	...values.map((value) => ({ name: `${value} Seconds`, value })),
	{ name: 'Custom', value: 'custom', description: 'Any duration your server accepts' },
];

export const secondsFields = (values: string[], defaultValue: string, description: string): INodeProperties[] => [
	{
		displayName: 'Seconds',
		name: 'seconds',
		type: 'options',
		options: secondsOptions(values),
		default: defaultValue,
		description,
	},
	{
		displayName: 'Custom Seconds',
		name: 'customSeconds',
		type: 'string',
		default: '',
		placeholder: 'e.g. 6',
		description: 'Duration in whole seconds, sent as a string',
		displayOptions: { show: { seconds: ['custom'] } },
	},
];

export const sizeFields: INodeProperties[] = [
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		options: [
			{ name: 'Custom', value: 'custom', description: 'Any WxH your server accepts' },
			{ name: 'Landscape 1280x720', value: '1280x720' },
			{ name: 'Landscape 1792x1024', value: '1792x1024' },
			{ name: 'Landscape 1920x1080 (Sora-2-Pro)', value: '1920x1080' },
			{ name: 'Portrait 1024x1792', value: '1024x1792' },
			{ name: 'Portrait 1080x1920 (Sora-2-Pro)', value: '1080x1920' },
			{ name: 'Portrait 720x1280', value: '720x1280' },
		],
		default: '720x1280',
		description: 'Resolution of the video, width x height',
	},
	{
		displayName: 'Custom Size',
		name: 'customSize',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1344x768',
		displayOptions: { show: { size: ['custom'] } },
	},
];

const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until the video is finished and return it as binary data. Off: return the job at once and fetch it later (Wait for Completion or Download, or the Sora Video Trigger).',
};

export const outputBinaryField = (description: string): INodeProperties => ({
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	required: true,
	hint: 'The name of the output binary field to put the file in',
	description,
});

/** The toggle, and the output field it shows, of every operation that starts a job. */
export const waitModeFields: INodeProperties[] = [
	waitForCompletionField,
	{
		...outputBinaryField('Where the finished MP4 goes'),
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

/** Options of the wait mode; `show` limits them to where the wait applies. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'Download Video',
		name: 'downloadVideo',
		type: 'boolean',
		default: true,
		description: 'Whether to download the finished MP4 into the output binary field',
	},
	{
		displayName: 'Download Thumbnail',
		name: 'downloadThumbnail',
		type: 'boolean',
		default: false,
		description: 'Whether to also download the WebP thumbnail',
	},
	{
		displayName: 'Thumbnail Field',
		name: 'thumbnailBinaryPropertyName',
		type: 'string',
		default: 'thumbnail',
		description: 'Output binary field for the thumbnail',
	},
	{
		displayName: 'Download Spritesheet',
		name: 'downloadSpritesheet',
		type: 'boolean',
		default: false,
		description: 'Whether to also download the JPEG spritesheet',
	},
	{
		displayName: 'Spritesheet Field',
		name: 'spritesheetBinaryPropertyName',
		type: 'string',
		default: 'spritesheet',
		description: 'Output binary field for the spritesheet',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description:
			"Longest pause between status checks. The node starts quicker and always follows the server's own hint when it sends one.",
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 0.1 },
		default: 20,
		description: 'How long to wait for one video before giving up (the job keeps running and can be resumed)',
	},
];

export const DEFAULT_CONCURRENCY = 5;

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 100 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many items are processed at the same time; 1 processes them strictly one after another',
};

export const strictValidationOption: INodeProperties = {
	displayName: 'Strict Sora Checks',
	name: 'strictValidation',
	type: 'boolean',
	default: false,
	description:
		"Whether to allow only Sora's models, sizes and durations. Always on when the Base URL is OpenAI's own.",
};

export const knownSoraModels = SORA_MODELS;

/** The model as chosen in the resource locator (list or free text). */
export function readModel(ctx: IExecuteFunctions, itemIndex: number): string {
	const model = ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }) as string;
	return checkModel(model);
}

export function readSize(ctx: IExecuteFunctions, itemIndex: number): string {
	const size = ctx.getNodeParameter('size', itemIndex) as string;
	if (size !== 'custom') return checkSize(size);
	const custom = ctx.getNodeParameter('customSize', itemIndex, '') as string;
	if (!custom.trim()) throw new InputError('Custom Size', 'must not be empty when Size is Custom');
	return checkSize(custom);
}

export function readSeconds(ctx: IExecuteFunctions, itemIndex: number): string {
	const seconds = ctx.getNodeParameter('seconds', itemIndex) as string;
	if (seconds !== 'custom') return checkSeconds(seconds);
	const custom = ctx.getNodeParameter('customSeconds', itemIndex, '') as string;
	if (!String(custom).trim()) throw new InputError('Custom Seconds', 'must not be empty when Seconds is Custom');
	return checkSeconds(custom, 'Custom Seconds');
}

export interface NodeOptions {
	downloadVideo?: boolean;
	downloadThumbnail?: boolean;
	thumbnailBinaryPropertyName?: string;
	downloadSpritesheet?: boolean;
	spritesheetBinaryPropertyName?: string;
	pollInterval?: number;
	maxWait?: number;
	concurrency?: number;
	strictValidation?: boolean;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): NodeOptions {
	return ctx.getNodeParameter('options', itemIndex, {}) as NodeOptions;
}

/** Sora-only checks: when the user asks for them, or on OpenAI's own host. */
export async function readStrict(ctx: IExecuteFunctions, itemIndex: number): Promise<boolean> {
	if (readOptions(ctx, itemIndex).strictValidation) return true;
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	return isOpenAiHost(String(credentials.baseUrl ?? ''));
}
