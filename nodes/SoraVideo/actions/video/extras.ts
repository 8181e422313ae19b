/**
 * Create's "Model Options": what video models beyond Sora offer (OpenRouter's Veo, Wan, Kling...):
 * a last frame, audio, seed, resolution and aspect ratio, provider pass-through, a callback URL.
 * Servers that have no such field refuse them before anything is sent.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readInputBinary, wholeFile } from '../../helpers/parameters';
import { readImageInfo } from '../../helpers/imageHeader';
import { InputError, checkImageUrl } from '../../helpers/validation';
import { whyNot } from '../../transport';
import type { CreateExtras, ImageInput } from '../../transport';

export const extrasField: INodeProperties = {
	displayName: 'Model Options (OpenRouter)',
	name: 'modelOptions',
	type: 'collection',
	placeholder: 'Add Model Option',
	default: {},
	// n8n shows no hint under a collection: the description (its tooltip) says where it applies.
	description:
		'Only with the OpenRouter Videos dialect: fields of the video models OpenRouter publishes, checked against the model before any request. On OpenAI Videos an option set here stops the run before any request; one added but left empty sends nothing.',
	options: [
		{
			displayName: 'Aspect Ratio',
			name: 'aspectRatio',
			type: 'string',
			default: '',
			placeholder: 'e.g. 16:9',
			description: 'With Resolution, instead of Size, for models that publish aspect ratios',
		},
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-n8n/webhook/…/sora',
			hint: "The Sora Video Trigger's Production URL: https://YOUR-N8N/webhook/WEBHOOK-ID/sora",
			description: 'Where OpenRouter posts the result when the job ends',
		},
		{
			displayName: 'Generate Audio',
			name: 'generateAudio',
			type: 'options',
			options: [
				{ name: "Model's Default", value: '', description: 'Send nothing: the model decides' },
				{ name: 'With Audio', value: true },
				{ name: 'Without Audio', value: false },
			],
			default: '',
			description: 'Whether the model generates a soundtrack (models that publish generate_audio)',
		},
		{
			displayName: 'Input Reference Role',
			name: 'imageRole',
			type: 'options',
			options: [
				{ name: 'First Frame', value: 'firstFrame' },
				{ name: 'Reference Image', value: 'reference', description: 'Guides subject and style, not the first frame' },
			],
			default: 'firstFrame',
			description: 'How the Input Reference image is used',
		},
		{
			displayName: 'Last Frame Binary Field',
			name: 'lastFrameBinaryProperty',
			type: 'string',
			default: '',
			placeholder: 'e.g. lastFrame',
			description: 'Input binary field holding the image the video should end on',
		},
		{
			displayName: 'Last Frame URL',
			name: 'lastFrameUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/last-frame.png',
			description: 'Image the video should end on, as a link',
		},
		{
			displayName: 'Provider Options (JSON)',
			name: 'providerOptions',
			type: 'json',
			default: '{}',
			description: 'Pass-through options per provider, e.g. {"google-vertex": {"parameters": {"negativePrompt": "blur"}}}',
		},
		{
			displayName: 'Resolution',
			name: 'resolution',
			type: 'string',
			default: '',
			placeholder: 'e.g. 720p',
			description: 'With Aspect Ratio, instead of Size, for models that publish resolutions',
		},
		{
			displayName: 'Seed',
			name: 'seed',
			type: 'string',
			default: '',
			placeholder: 'e.g. 42',
			description: 'A whole number for repeatable results (models that publish seed support); empty sends none',
		},
	],
};

async function readLastFrame(ctx: IExecuteFunctions, itemIndex: number, raw: IDataObject): Promise<ImageInput | undefined> {
	const property = String(raw.lastFrameBinaryProperty ?? '').trim();
	const url = String(raw.lastFrameUrl ?? '').trim();
	if (property && url) throw new InputError('Last Frame', 'set either the binary field or the URL, not both');
	if (url) return { image_url: checkImageUrl(url) };
	if (!property) return undefined;
	// Refused before the file is read: a server without Model Options would never use it.
	const lack = await whyNot(ctx, 'modelOptions');
	if (lack) throw new InputError('Last Frame', `${lack.because}; remove it or ${lack.instead}`);
	// The last frame only goes inside a JSON body: read whole.
	const image = await wholeFile(await readInputBinary(ctx, itemIndex, property, 'Last Frame Binary Field'));
	const info = readImageInfo(image.data);
	if (!info) throw new InputError('Last Frame Binary Field', `the file in "${property}" is not a JPEG, PNG or WebP image`);
	return { ...image, mimeType: info.mimeType };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

function readProviderOptions(value: unknown): IDataObject | undefined {
	if (value === undefined || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		parsed = parseJson(value);
		if (parsed === undefined) throw new InputError('Provider Options (JSON)', 'is not valid JSON');
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new InputError('Provider Options (JSON)', 'must be a JSON object keyed by provider');
	}
	return Object.keys(parsed).length ? (parsed as IDataObject) : undefined;
}

/** The Model Options the user set, in neutral terms; unset options stay absent. */
export async function readExtras(ctx: IExecuteFunctions, itemIndex: number): Promise<CreateExtras> {
	const raw = ctx.getNodeParameter('modelOptions', itemIndex, {}) as IDataObject;
	const extras: CreateExtras = {};
	if (raw.imageRole === 'reference') extras.imageRole = 'reference';
	const lastFrame = await readLastFrame(ctx, itemIndex, raw);
	if (lastFrame) extras.lastFrame = lastFrame;
	if (typeof raw.generateAudio === 'boolean') extras.generateAudio = raw.generateAudio;
	if (raw.seed !== undefined && String(raw.seed).trim() !== '') {
		const seed = Number(String(raw.seed).trim());
		if (!Number.isInteger(seed) || seed < 0) throw new InputError('Seed', 'must be a whole number of 0 or more');
		extras.seed = seed;
	}
	for (const key of ['resolution', 'aspectRatio', 'callbackUrl'] as const) {
		const value = String(raw[key] ?? '').trim();
		if (value) extras[key] = value;
	}
	if (extras.callbackUrl && !/^https?:\/\/\S+$/i.test(extras.callbackUrl)) throw new InputError('Callback URL', 'must be an http(s) URL');
	const providerOptions = readProviderOptions(raw.providerOptions);
	if (providerOptions) extras.providerOptions = providerOptions;
	return extras;
}

/** The user-facing names of the options set, for a server that has none of them. */
export function extrasNames(extras: CreateExtras): string[] {
	const names: Record<keyof CreateExtras, string> = {
		imageRole: 'Input Reference Role',
		lastFrame: 'Last Frame',
		generateAudio: 'Generate Audio',
		seed: 'Seed',
		resolution: 'Resolution',
		aspectRatio: 'Aspect Ratio',
		providerOptions: 'Provider Options',
		callbackUrl: 'Callback URL',
	};
	return (Object.keys(extras) as Array<keyof CreateExtras>).map((key) => names[key]);
}
