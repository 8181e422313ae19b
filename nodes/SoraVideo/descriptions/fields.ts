/** Field descriptions shared by several operations; their readers live in helpers/parameters.ts. */
import type { INodeProperties } from 'n8n-workflow';

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

/** The source video of Edit and Extend: a video ID, or a file from the input item. */
export const sourceVideoFields = (verb: string): INodeProperties[] => [
	{
		displayName: 'Source Video',
		name: 'videoSource',
		type: 'options',
		options: [
			{ name: 'Video ID', value: 'id', description: 'A completed video on the server' },
			{ name: 'Input Binary', value: 'binary', description: 'Upload a video file from the input item' },
		],
		default: 'id',
		description: `The video to ${verb}`,
	},
	{
		...videoIdField(`ID of the completed video to ${verb}`),
		displayOptions: { show: { videoSource: ['id'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'videoBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the video file',
		displayOptions: { show: { videoSource: ['binary'] } },
	},
];
