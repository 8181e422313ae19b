/** The entries of the video Options collection; each operation picks the ones it reads. */
import type { DisplayCondition, INodeProperties } from 'n8n-workflow';

/** Where the wait options act: while the operation's Wait for Completion toggle is on. */
const WHILE_WAITING = { '/waitForCompletion': [true] };

/**
 * Options of the wait mode. `toggled` is true for operations with a Wait for Completion toggle
 * (the options show only while it is on: nothing reads them otherwise); the Wait operation
 * always waits and shows them always. A field name shows only with its download on.
 */
export function waitOptions(toggled: boolean): INodeProperties[] {
	const when = (show: Record<string, boolean[]> = {}) => {
		const all = toggled ? { ...WHILE_WAITING, ...show } : show;
		return Object.keys(all).length ? { displayOptions: { show: all } } : {};
	};
	return [
		{
			displayName: 'Download Video',
			name: 'downloadVideo',
			type: 'boolean',
			default: true,
			description: 'Whether to download the finished MP4 into the output binary field',
			...when(),
		},
		{
			displayName: 'Download Thumbnail',
			name: 'downloadThumbnail',
			type: 'boolean',
			default: false,
			description: 'Whether to also download the WebP thumbnail. Not on OpenRouter, which serves only the MP4 (refused before any request).',
			...when(),
		},
		{
			displayName: 'Thumbnail Field',
			name: 'thumbnailBinaryPropertyName',
			type: 'string',
			default: 'thumbnail',
			description: 'Output binary field for the thumbnail',
			...when({ downloadThumbnail: [true] }),
		},
		{
			displayName: 'Download Spritesheet',
			name: 'downloadSpritesheet',
			type: 'boolean',
			default: false,
			description: 'Whether to also download the JPEG spritesheet. Not on OpenRouter, which serves only the MP4 (refused before any request).',
			...when(),
		},
		{
			displayName: 'Spritesheet Field',
			name: 'spritesheetBinaryPropertyName',
			type: 'string',
			default: 'spritesheet',
			description: 'Output binary field for the spritesheet',
			...when({ downloadSpritesheet: [true] }),
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description:
				"Longest pause the node chooses itself between status checks (it starts after 1 s and slows down to this). A server's poll hint or Retry-After is followed even when longer; Max Wait bounds everything.",
			...when(),
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0.1 },
			default: 20,
			description: 'How long to wait for one video before giving up, whatever the server asks: no pause runs past it (the job keeps running and can be resumed)',
			...when(),
		},
	];
}

export const DEFAULT_CONCURRENCY = 5;

/** Concurrency: a field of its own on every operation, read once for the whole run. */
export const concurrencyProperty = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	// 200 at once is measured (bench/RESULTS.md, batch 200 items); beyond it nothing is.
	typeOptions: { minValue: 1, maxValue: 200 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many items are processed at the same time; 1 processes them strictly one after another',
	hint: 'For the whole run: read once, from the first item',
} satisfies INodeProperties;

/** Shown only where a saved value exists (n8n keeps a parameter only while it is shown). */
const ONLY_WHEN_SET: DisplayCondition[] = [{ _cnd: { exists: true } }];

/**
 * Concurrency where version 0.1.0 kept it, under Options: shown, and read, only in a workflow
 * saved with it, so that its value still holds; never offered by Add Option.
 */
export const earlierConcurrencyOption: INodeProperties = {
	displayName: 'Concurrency (Set in an Earlier Version)',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 200 },
	default: DEFAULT_CONCURRENCY,
	description: 'Decides instead of the Concurrency field while it is here; remove it to use that field',
	displayOptions: { show: { concurrency: ONLY_WHEN_SET } },
};

/** The Options of Get, List, Delete and Download: only the earlier Concurrency, so only where a workflow has it. */
export const earlierOptions: INodeProperties = {
	...optionsCollection([earlierConcurrencyOption]),
	displayOptions: { show: { 'options.concurrency': ONLY_WHEN_SET } },
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

/**
 * The Options of an operation that starts a job (with a Wait for Completion toggle): the wait
 * mode's options and `extra`. Without extras nothing in it acts while the toggle is off: hidden then.
 */
export function jobOptions(extra: INodeProperties[] = []): INodeProperties {
	const collection = optionsCollection([...waitOptions(true), ...extra, earlierConcurrencyOption]);
	// n8n's rules cannot say "while waiting or with an earlier Concurrency": Remix not waiting drops that value.
	return extra.length ? collection : { ...collection, displayOptions: { show: { waitForCompletion: [true] } } };
}

/** The Options of the Wait operation, which always waits. */
export const waitOperationOptions = (): INodeProperties => optionsCollection([...waitOptions(false), earlierConcurrencyOption]);
