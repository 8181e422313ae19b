/**
 * Is a content answer what was asked for? Checked from the bytes themselves: a gateway may
 * answer JSON with a link (resellers), the video for every variant (LiteLLM ignores `variant`),
 * or an error page with status 200. Never store a JSON or HTML page as a video.
 */
import { htmlWords, serverWords } from './errorText';
import { isObject } from './json';
import type { JsonObject } from './json';
import { JPEG, MP4, WEBP, sniffMedia, sniffText } from './sniff';
import type { MediaType } from './sniff';

export type ContentVariant = 'video' | 'thumbnail' | 'spritesheet';

export type ContentCheck =
	| { kind: 'ok'; mimeType: string; extension: string; sniffed: boolean }
	| { kind: 'url'; url: string }
	| { kind: 'otherMedia'; mimeType: string; extension: string; warning: string }
	| { kind: 'notMedia'; description: string };

/** Enough to judge the bytes, and to hold a JSON answer carrying a link. */
export const CONTENT_HEAD_BYTES = 64 * 1024;

export const EXPECTED: Record<ContentVariant, MediaType> = { video: MP4, thumbnail: WEBP, spritesheet: JPEG };

const URL_KEYS: Record<ContentVariant, string[]> = {
	video: ['video_url'],
	thumbnail: ['thumbnail_url', 'thumbnailUrl', 'image_url'],
	spritesheet: ['spritesheet_url', 'spritesheetUrl', 'sprite_url'],
};
const GENERIC_URL_KEYS = ['url', 'download_url', 'downloadUrl', 'content_url', 'file_url', 'signed_url', 'uri', 'output_url', 'result_url'];
const LIST_KEYS = ['unsigned_urls', 'urls', 'signed_urls', 'video_urls'];

function httpUrl(value: unknown): string | undefined {
	if (typeof value !== 'string' || !/^https?:\/\/[^\s/]+/i.test(value.trim())) return undefined;
	return value.trim();
}

/** The link a JSON answer carries for the variant, looking into `data`/`result`/`output` wrappers. */
export function findContentUrl(body: unknown, variant: ContentVariant, depth = 0): string | undefined {
	if (Array.isArray(body)) return httpUrl(body[0]) ?? (depth < 2 ? findContentUrl(body[0], variant, depth + 1) : undefined);
	if (!isObject(body)) return undefined;
	const object: JsonObject = body;
	for (const key of [...URL_KEYS[variant], ...GENERIC_URL_KEYS]) {
		const url = httpUrl(object[key]);
		if (url) return url;
	}
	for (const key of LIST_KEYS) {
		const list = object[key];
		if (Array.isArray(list) && httpUrl(list[0])) return httpUrl(list[0]);
	}
	if (depth >= 2) return undefined;
	for (const key of ['data', 'result', 'output', 'video', 'content']) {
		const url = findContentUrl(object[key], variant, depth + 1);
		if (url) return url;
	}
	return undefined;
}

function servedAs(declared: string | undefined): string {
	const type = declared?.split(';')[0].trim();
	return type ? `, served as ${type}` : '';
}

function describeText(head: Buffer, kind: string, declared: string | undefined): string {
	const text = head.toString('utf8');
	const words = kind === 'html' ? htmlWords(text) : kind === 'xml' ? htmlWords(text) : serverWords(text);
	const what = { json: 'a JSON document', html: 'an HTML page', xml: 'an XML document', text: 'a text answer' }[kind];
	const shown = words ? ` ("${words.length > 120 ? `${words.slice(0, 119)}…` : words}")` : '';
	return `${what}${shown}${servedAs(declared)}`;
}

function jsonUrl(head: Buffer, variant: ContentVariant): string | undefined {
	try {
		return findContentUrl(JSON.parse(head.toString('utf8')), variant);
	} catch {
		return undefined;
	}
}

/** Judges the first bytes of a content answer against the variant asked for. */
export function checkContent(head: Buffer, declaredContentType: string | undefined, variant: ContentVariant): ContentCheck {
	const expected = EXPECTED[variant];
	if (!head.length) return { kind: 'notMedia', description: `an empty body${servedAs(declaredContentType)}` };
	const found = sniffMedia(head);
	if (found?.mimeType === expected.mimeType) return { kind: 'ok', mimeType: expected.mimeType, extension: expected.extension, sniffed: true };
	if (found) {
		const ignoredVariant = variant !== 'video' && found.mimeType.startsWith('video/') ? ' (the server seems to ignore the variant)' : '';
		return {
			kind: 'otherMedia',
			mimeType: found.mimeType,
			extension: found.extension,
			warning: `the server sent ${found.label} for the ${variant}, which should be ${expected.label}${ignoredVariant}; it is stored as .${found.extension} (${found.mimeType})`,
		};
	}
	const text = sniffText(head);
	if (text === 'json') {
		const url = jsonUrl(head, variant);
		if (url) return { kind: 'url', url };
	}
	if (text) return { kind: 'notMedia', description: describeText(head, text, declaredContentType) };
	// Binary that matches no known signature: nothing proves it wrong, so it is kept as asked.
	return { kind: 'ok', mimeType: expected.mimeType, extension: expected.extension, sniffed: false };
}
