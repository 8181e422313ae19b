/**
 * Input checks that run before any request that could cost money. Each throws a plain
 * Error whose message names the field; the caller adds the node and the item.
 */
import { idProblem, normalizeId, promptLengthProblem } from '../transport';
import { readImageInfo } from './imageHeader';
import type { ImageInfo } from './imageHeader';

export const SORA_MODELS = [
	'sora-2',
	'sora-2-pro',
	'sora-2-2025-10-06',
	'sora-2-pro-2025-10-06',
	'sora-2-2025-12-08',
] as const;

export const SORA_SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'] as const;
/** Sizes the guide adds for the pro models only. */
export const SORA_PRO_SIZES = ['1920x1080', '1080x1920'] as const;
export const SORA_SECONDS = ['4', '8', '12'] as const;
export const SORA_EXTENSION_SECONDS = ['4', '8', '12', '16', '20'] as const;

export const MAX_CHARACTER_NAME_LENGTH = 80;

export class InputError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
	}
}

export function checkPrompt(prompt: unknown, field = 'Prompt'): string {
	if (typeof prompt !== 'string' || prompt.trim().length === 0) {
		throw new InputError(field, 'must not be empty');
	}
	// The contract's limit, in code points (transport/model/text.ts): an emoji is one, not two.
	const problem = promptLengthProblem(prompt);
	if (problem) throw new InputError(field, problem);
	return prompt;
}

/**
 * Any id a server returned is accepted (LiteLLM's hold `/`, `+`, `=`; the transport encodes
 * them); only what cannot be an id is refused: nothing, a line break, a lone dot.
 */
export function checkId(id: unknown, field: string): string {
	const problem = idProblem(id);
	if (problem === 'is empty' || problem === 'is not text') throw new InputError(field, 'must not be empty');
	if (problem) throw new InputError(field, `${JSON.stringify(String(id).slice(0, 60))} is not a valid ID: it ${problem}`);
	return normalizeId(id as string | number);
}

export function checkModel(model: unknown): string {
	const value = typeof model === 'string' ? model.trim() : '';
	if (!value) throw new InputError('Model', 'must not be empty');
	if (/\s/.test(value)) throw new InputError('Model', `"${value}" must not contain spaces`);
	return value;
}

/** WxH with positive integers; compatible servers accept sizes beyond Sora's list. */
export function checkSize(size: unknown): string {
	const value = typeof size === 'string' ? size.trim() : '';
	const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
	if (!match || Number(match[1]) === 0 || Number(match[2]) === 0) {
		throw new InputError('Size', `"${value}" is not a size like 1280x720 (width x height in pixels)`);
	}
	return value;
}

/** A whole number of seconds, sent as a string as the API requires. */
export function checkSeconds(seconds: unknown, field = 'Seconds'): string {
	const value = typeof seconds === 'number' ? String(seconds) : typeof seconds === 'string' ? seconds.trim() : '';
	if (!/^\d{1,4}$/.test(value) || Number(value) === 0) {
		throw new InputError(field, `"${value}" is not a whole number of seconds`);
	}
	return String(Number(value));
}

/** Sora's own limits, applied for OpenAI's host or when the user asks for strict checks. */
export function checkSoraRules(input: { model?: string; size?: string; seconds?: string; extension?: boolean }) {
	const { model, size, seconds, extension } = input;
	if (model !== undefined && !(SORA_MODELS as readonly string[]).includes(model)) {
		throw new InputError('Model', `"${model}" is not a Sora model (${SORA_MODELS.join(', ')})`);
	}
	if (size !== undefined) {
		const pro = model === undefined || model.startsWith('sora-2-pro');
		const allowed: readonly string[] = pro ? [...SORA_SIZES, ...SORA_PRO_SIZES] : SORA_SIZES;
		if (!allowed.includes(size)) {
			throw new InputError(
				'Size',
				`${size} is not offered by ${model ?? 'Sora'}; choose one of ${allowed.join(', ')}` +
					(pro ? '' : ' (1920x1080 and 1080x1920 need sora-2-pro)'),
			);
		}
	}
	if (seconds !== undefined) {
		const allowed: readonly string[] = extension ? SORA_EXTENSION_SECONDS : SORA_SECONDS;
		if (!allowed.includes(seconds)) {
			throw new InputError('Seconds', `${seconds} is not offered by Sora; choose one of ${allowed.join(', ')}`);
		}
	}
}

export function checkCharacterName(name: unknown): string {
	const value = typeof name === 'string' ? name.trim() : '';
	if (value.length < 1 || value.length > MAX_CHARACTER_NAME_LENGTH) {
		throw new InputError(
			'Character Name',
			`must be 1 to ${MAX_CHARACTER_NAME_LENGTH} characters (got ${value.length})`,
		);
	}
	return value;
}

export function checkImageUrl(url: unknown): string {
	const value = typeof url === 'string' ? url.trim() : '';
	if (!/^(https?:\/\/\S+|data:image\/[a-z0-9.+-]+;base64,\S+)$/i.test(value)) {
		throw new InputError('Image URL', 'must be an http(s) URL or a base64 data URL of an image');
	}
	return value;
}

/** Strict checks apply to OpenAI's own host, where only Sora's values exist. */
export function isOpenAiHost(baseUrl: string): boolean {
	return /^https?:\/\/api\.openai\.com(\/|$)/i.test(baseUrl.trim());
}

/** A reference image must be jpeg, png or webp, with the pixel size of the requested video. */
export function checkReferenceImage(bytes: Buffer, size: string, field: string): ImageInfo {
	const info = readImageInfo(bytes);
	if (!info) throw new InputError(field, 'is not a JPEG, PNG or WebP image');
	if (`${info.width}x${info.height}` !== size) {
		throw new InputError(
			field,
			`the image is ${info.width}x${info.height} pixels but the video size is ${size}; they must match`,
		);
	}
	return info;
}
