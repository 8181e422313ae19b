/** What bytes really are, from their first bytes: Content-Type headers are not trusted. */
export interface MediaType {
	mimeType: string;
	extension: string;
	/** Words for messages, e.g. "an MP4 video". */
	label: string;
}

const media = (mimeType: string, extension: string, label: string): MediaType => ({ mimeType, extension, label });

export const MP4 = media('video/mp4', 'mp4', 'an MP4 video');
export const WEBP = media('image/webp', 'webp', 'a WebP image');
export const JPEG = media('image/jpeg', 'jpg', 'a JPEG image');

/** ISO base media boxes that can open a file (ftyp first normally, but fragments and old QuickTime differ). */
const ISO_BOXES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'pnot']);

function isoMedia(head: Buffer): MediaType | undefined {
	if (head.length < 8 || !ISO_BOXES.has(head.toString('latin1', 4, 8))) return undefined;
	if (head.toString('latin1', 4, 8) !== 'ftyp' || head.length < 12) return MP4;
	const brand = head.toString('latin1', 8, 12);
	if (brand === 'qt  ') return media('video/quicktime', 'mov', 'a QuickTime video');
	if (brand === 'avif' || brand === 'avis') return media('image/avif', 'avif', 'an AVIF image');
	if (['heic', 'heix', 'mif1', 'msf1'].includes(brand)) return media('image/heic', 'heic', 'a HEIC image');
	if (brand === 'M4A ') return media('audio/mp4', 'm4a', 'an MP4 audio file');
	return MP4;
}

function riffMedia(head: Buffer): MediaType | undefined {
	if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF') return undefined;
	const form = head.toString('latin1', 8, 12);
	if (form === 'WEBP') return WEBP;
	if (form === 'AVI ') return media('video/x-msvideo', 'avi', 'an AVI video');
	if (form === 'WAVE') return media('audio/wav', 'wav', 'a WAV audio file');
	return undefined;
}

function startsWith(head: Buffer, bytes: number[]): boolean {
	return head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);
}

/** The media type of the bytes, or undefined when they are no media this knows. */
export function sniffMedia(head: Buffer): MediaType | undefined {
	const found = isoMedia(head) ?? riffMedia(head);
	if (found) return found;
	if (startsWith(head, [0xff, 0xd8, 0xff])) return JPEG;
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return media('image/png', 'png', 'a PNG image');
	if (/^GIF8[79]a/.test(head.toString('latin1', 0, 6))) return media('image/gif', 'gif', 'a GIF image');
	if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
		return head.toString('latin1', 0, 64).includes('webm')
			? media('video/webm', 'webm', 'a WebM video')
			: media('video/x-matroska', 'mkv', 'a Matroska video');
	}
	if (head.toString('latin1', 0, 4) === 'OggS') return media('video/ogg', 'ogv', 'an Ogg file');
	return undefined;
}

export type TextKind = 'json' | 'html' | 'xml' | 'text';

/** Whether the bytes are text, and which kind; undefined for binary. */
export function sniffText(head: Buffer): TextKind | undefined {
	const sample = head.subarray(0, 1024);
	if (!sample.length || sample.includes(0)) return undefined;
	const text = sample.toString('utf8').replace(/^\uFEFF/, '').trimStart();
	if (/^[{[]/.test(text)) return 'json';
	if (/^<!doctype html|^<html|^<head|^<body/i.test(text)) return 'html';
	if (/^<\?xml|^<[A-Za-z]/.test(text)) return /<html/i.test(text) ? 'html' : 'xml';
	// Mostly printable: an error sentence, not binary data that happens to have no NUL.
	// Invalid UTF-8 decodes to U+FFFD, which binary data is full of.
	const chars = [...text];
	const printable = chars.filter((char) => (char >= ' ' && char !== '\uFFFD' && !(char >= '\u007F' && char <= '\u009F')) || '\n\r\t'.includes(char));
	return printable.length / Math.max(1, chars.length) > 0.95 ? 'text' : undefined;
}
