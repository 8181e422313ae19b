/**
 * The Seconds and Size lists: the values the chosen model publishes where the server publishes
 * capabilities, else Sora's. Always with Custom; never an error in the editor (a server that
 * cannot be reached or publishes nothing gets Sora's values).
 */
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SORA_EXTENSION_SECONDS, SORA_PRO_SIZES, SORA_SECONDS, SORA_SIZES } from '../helpers/validation';
import { parseSize, publishedChoices } from '../transport';
import type { PublishedChoices } from '../transport';

const CUSTOM_SECONDS: INodePropertyOptions = { name: 'Custom', value: 'custom', description: 'Any duration your server accepts' };
const CUSTOM_SIZE: INodePropertyOptions = { name: 'Custom', value: 'custom', description: 'Any WxH your server accepts' };

/** The model the list depends on, as chosen (list or ID mode); empty while none is chosen or it is an expression. */
function chosenModel(ctx: ILoadOptionsFunctions, field: string): string {
	try {
		const value = ctx.getCurrentNodeParameter(field, { extractValue: true });
		return typeof value === 'string' && !value.startsWith('=') ? value.trim() : '';
	} catch {
		return '';
	}
}

async function choicesFor(ctx: ILoadOptionsFunctions, model: string): Promise<PublishedChoices | undefined> {
	if (!model) return undefined;
	try {
		return await publishedChoices(ctx, model);
	} catch {
		// Unreachable, or no capability list: Sora's values below.
		return undefined;
	}
}

function secondsList(values: Array<string | number>, note?: string): INodePropertyOptions[] {
	return [
		...values.map((value) => ({ name: `${value} Seconds`, value: String(value), ...(note ? { description: note } : {}) })),
		CUSTOM_SECONDS,
	];
}

export async function durations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = chosenModel(this, 'model');
	const published = (await choicesFor(this, model))?.durations;
	return published ? secondsList(published, `Published by ${model}`) : secondsList([...SORA_SECONDS]);
}

/** Extend's new segment: the source model's durations where published, else Sora's extension lengths. */
export async function extensionDurations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = chosenModel(this, 'continuationModel');
	const published = (await choicesFor(this, model))?.durations;
	return published ? secondsList(published, `Published by ${model}`) : secondsList([...SORA_EXTENSION_SECONDS]);
}

function sizeName(size: string, note = ''): string {
	const geometry = parseSize(size);
	const shape = !geometry ? '' : geometry.width > geometry.height ? 'Landscape ' : geometry.width < geometry.height ? 'Portrait ' : 'Square ';
	return `${shape}${size}${note}`;
}

/** Sora's sizes: the pro sizes only for the pro models (and, marked, for a model Sora's table does not know). */
function soraSizes(model: string): INodePropertyOptions[] {
	const pro = model.startsWith('sora-2-pro');
	const known = pro || model.startsWith('sora-2');
	const sizes: INodePropertyOptions[] = SORA_SIZES.map((size) => ({ name: sizeName(size), value: size }));
	if (pro) sizes.push(...SORA_PRO_SIZES.map((size) => ({ name: sizeName(size), value: size })));
	else if (!known) sizes.push(...SORA_PRO_SIZES.map((size) => ({ name: sizeName(size, ' (Sora-2-Pro)'), value: size })));
	return sizes;
}

export async function sizes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const model = chosenModel(this, 'model');
	const published = (await choicesFor(this, model))?.sizes;
	const listed = published
		? published.map((size) => ({ name: sizeName(size), value: size, description: `Published by ${model}` }))
		: soraSizes(model);
	return [...listed, CUSTOM_SIZE];
}
