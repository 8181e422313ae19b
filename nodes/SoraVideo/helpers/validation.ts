/**
 * Input checks that run before any request that could cost money. Each throws a plain
 * Error whose message names the field; the caller adds the node and the item.
 */

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

export const MAX_PROMPT_LENGTH = 32_000;
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
	if (prompt.length > MAX_PROMPT_LENGTH) {
		throw new InputError(field, `is ${prompt.length} characters long; the maximum is ${MAX_PROMPT_LENGTH}`);
	}
	return prompt;
}

export function checkId(id: unknown, field: string): string {
	const value = typeof id === 'string' ? id.trim() : typeof id === 'number' ? String(id) : '';
	if (!value) throw new InputError(field, 'must not be empty');
	if (/[\s/?#]/.test(value)) throw new InputError(field, `"${value.slice(0, 60)}" is not a valid ID`);
	return value;
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

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface ImageInfo {
	mimeType: ImageType;
	width: number;
	height: number;
}

/** Reads the type and pixel size from an image header (PNG, JPEG, WebP); undefined if not one of them. */
export function readImageInfo(bytes: Buffer): ImageInfo | undefined {
	if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('ascii', 12, 16) === 'IHDR') {
		return { mimeType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return readJpegInfo(bytes);
	if (bytes.length >= 30 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') {
		return readWebpInfo(bytes);
	}
	return undefined;
}

function readJpegInfo(bytes: Buffer): ImageInfo | undefined {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset++;
			continue;
		}
		const length = bytes.readUInt16BE(offset + 2);
		// SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { mimeType: 'image/jpeg', height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	return undefined;
}

function readWebpInfo(bytes: Buffer): ImageInfo | undefined {
	const chunk = bytes.toString('ascii', 12, 16);
	if (chunk === 'VP8 ') {
		return {
			mimeType: 'image/webp',
			width: bytes.readUInt16LE(26) & 0x3fff,
			height: bytes.readUInt16LE(28) & 0x3fff,
		};
	}
	if (chunk === 'VP8L') {
		const bits = bytes.readUInt32LE(21);
		return { mimeType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		return {
			mimeType: 'image/webp',
			width: bytes.readUIntLE(24, 3) + 1,
			height: bytes.readUIntLE(27, 3) + 1,
		};
	}
	return undefined;
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
