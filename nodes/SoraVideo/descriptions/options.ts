/** The entries of the video Options collection; each operation picks the ones it reads. */
import type { INodeProperties } from 'n8n-workflow';

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
		description: 'Whether to also download the WebP thumbnail (not on OpenRouter, which serves only the MP4: refused before any request)',
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
		description: 'Whether to also download the JPEG spritesheet (not on OpenRouter, which serves only the MP4: refused before any request)',
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
	// 200 at once is measured (bench/RESULTS.md, batch 200 items); beyond it nothing is.
	typeOptions: { minValue: 1, maxValue: 200 },
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

/** The video Options collection of one operation, holding the entries that operation reads. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** The Options of an operation that starts a job: the wait mode's options and Concurrency. */
export const jobOptions = (extra: INodeProperties[] = []): INodeProperties =>
	optionsCollection([...waitOptions, concurrencyOption, ...extra]);
