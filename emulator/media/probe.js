'use strict';
// Reads what validation needs from uploaded files: image type and pixel size
// (PNG IHDR, JPEG SOFn, WebP VP8/VP8L/VP8X) and an MP4's duration and frame size.

function imageInfo(buf) {
	if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR') {
		return { type: 'image/png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
	}
	if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xd8) return jpegInfo(buf);
	if (buf.length >= 30 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP') {
		return webpInfo(buf);
	}
	return null;
}

function jpegInfo(buf) {
	let i = 2;
	while (i + 9 < buf.length) {
		if (buf[i] !== 0xff) return { type: 'image/jpeg', width: null, height: null };
		const marker = buf[i + 1];
		if (marker === 0xff) {
			i++;
			continue;
		}
		const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
		if (isSof) return { type: 'image/jpeg', height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
		i += 2 + buf.readUInt16BE(i + 2);
	}
	return { type: 'image/jpeg', width: null, height: null };
}

function webpInfo(buf) {
	const chunk = buf.toString('latin1', 12, 16);
	const d = 20;
	if (chunk === 'VP8 ') {
		return { type: 'image/webp', width: buf.readUInt16LE(d + 6) & 0x3fff, height: buf.readUInt16LE(d + 8) & 0x3fff };
	}
	if (chunk === 'VP8L') {
		const bits = buf.readUInt32LE(d + 1);
		return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X') {
		return { type: 'image/webp', width: buf.readUIntLE(d + 4, 3) + 1, height: buf.readUIntLE(d + 7, 3) + 1 };
	}
	return { type: 'image/webp', width: null, height: null };
}

// Container sniffing for uploaded videos: ISO-BMFF (mp4/mov) or Matroska/WebM.
function isVideoFile(buf) {
	if (buf.length >= 12 && buf.toString('latin1', 4, 8) === 'ftyp') return true;
	return buf.length >= 4 && buf.readUInt32BE(0) === 0x1a45dfa3;
}

// Best effort: { seconds, width, height } from moov/mvhd and the first tkhd.
function mp4Info(buf) {
	const out = {};
	const walk = (start, end) => {
		let i = start;
		while (i + 8 <= end) {
			let size = buf.readUInt32BE(i);
			const type = buf.toString('latin1', i + 4, i + 8);
			let header = 8;
			if (size === 1 && i + 16 <= end) {
				size = Number(buf.readBigUInt64BE(i + 8));
				header = 16;
			} else if (size === 0) size = end - i;
			if (size < header || i + size > end) return;
			const body = i + header;
			if (type === 'moov' || type === 'trak') walk(body, i + size);
			else if (type === 'mvhd' && out.seconds === undefined) {
				const v1 = buf[body] === 1;
				const scale = buf.readUInt32BE(body + (v1 ? 20 : 12));
				const dur = v1 ? Number(buf.readBigUInt64BE(body + 24)) : buf.readUInt32BE(body + 16);
				if (scale) out.seconds = dur / scale;
			} else if (type === 'tkhd' && out.width === undefined) {
				const w = buf.readUInt32BE(i + size - 8) >>> 16;
				const h = buf.readUInt32BE(i + size - 4) >>> 16;
				if (w && h) Object.assign(out, { width: w, height: h });
			}
			i += size;
		}
	};
	try {
		walk(0, buf.length);
	} catch {
		/* truncated or odd file: keep what was found */
	}
	return out;
}

module.exports = { imageInfo, isVideoFile, mp4Info };
