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

/** A model picked from the server's list (video models first) or typed in. */
const modelLocator = (name: string, displayName: string, defaultValue: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'resourceLocator',
	default: { mode: 'list', value: defaultValue },
	description,
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
			placeholder: 'e.g. sora-2-pro or google/veo-3.1',
		},
	],
});

export const modelField: INodeProperties = {
	...modelLocator(
		'model',
		'Model',
		'sora-2',
		'The video model. Compatible servers offer other models (e.g. openai/sora-2 on a LiteLLM proxy).',
	),
	required: true,
};

/** The model that made the source video of Edit and Extend. */
export const sourceModelField = (description: string): INodeProperties => modelLocator('continuationModel', 'Source Model', '', description);

/** What a list loaded from the server says of itself: a value outside it is an expression away. */
const FROM_LIST = 'Choose from the list, or specify a value using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/**
 * Seconds: the model's published durations where the server publishes them, else Sora's; always
 * with Custom (any duration the server accepts) and open to an expression.
 * `method` is the load-options method, `dependsOn` the model field it reads.
 */
export const secondsFields = (method: string, dependsOn: string, defaultValue: string, description: string): INodeProperties[] => [
	{
		displayName: 'Seconds',
		name: 'seconds',
		type: 'options',
		typeOptions: { loadOptionsMethod: method, loadOptionsDependsOn: [`${dependsOn}.value`] },
		default: defaultValue,
		description: `${description} ${FROM_LIST}`,
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

/** Size: the model's published sizes where the server publishes them, else Sora's; with Custom. */
export const sizeFields = (method: string, dependsOn: string, defaultValue: string): INodeProperties[] => [
	{
		displayName: 'Size',
		name: 'size',
		type: 'options',
		typeOptions: { loadOptionsMethod: method, loadOptionsDependsOn: [`${dependsOn}.value`] },
		default: defaultValue,
		description:
			'Width x height of the video: the sizes the model publishes, else Sora\'s. Choose from the list, or specify a value using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		'Whether to wait until the video is finished and return it as binary data. Off: return the job at once and fetch it later (the Wait for Existing Video or Download operation, or the Sora Video Trigger).',
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

/** Where the finished MP4 goes; hidden when Options > Download Video is off (nothing is downloaded). */
export const videoOutputField: INodeProperties = {
	...outputBinaryField('Where the finished MP4 goes'),
	displayOptions: { hide: { 'options.downloadVideo': [false] } },
};

/** The toggle, and the output field it shows, of every operation that starts a job. */
export const waitModeFields: INodeProperties[] = [
	waitForCompletionField,
	{
		...videoOutputField,
		displayOptions: { show: { waitForCompletion: [true] }, hide: { 'options.downloadVideo': [false] } },
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
