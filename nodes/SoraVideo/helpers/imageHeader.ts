/**
 * Reads an image's type and pixel size from its first bytes, without decoding it. The emulator
 * parses images on its own on purpose: each side checks the other.
 */

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
