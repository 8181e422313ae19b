'use strict';
// ISO-BMFF (MP4) writer for one video track of Motion-JPEG samples
// ('mp4v' sample entry, esds objectTypeIndication 0x6C = JPEG). ffprobe and
// ffmpeg read it; the result is described as a list of parts plus a count of
// trailing zero bytes so that a padded file of any size is streamed, never built.

const TIMESCALE = 1000;
const MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

function u32(n) {
	const b = Buffer.alloc(4);
	b.writeUInt32BE(n >>> 0);
	return b;
}
function u16(n) {
	const b = Buffer.alloc(2);
	b.writeUInt16BE(n & 0xffff);
	return b;
}
function u8(n) {
	return Buffer.from([n & 0xff]);
}
function box(type, ...children) {
	const body = Buffer.concat(children);
	return Buffer.concat([u32(body.length + 8), Buffer.from(type, 'latin1'), body]);
}
function fullBox(type, version, flags, ...children) {
	return box(type, u8(version), u8(flags >> 16), u16(flags), ...children);
}
function matrix() {
	return Buffer.concat(MATRIX.map(u32));
}
// Header of a box of the given total size whose body is not built here
// (64-bit largesize when it does not fit 32 bits).
function boxHeader(type, totalSize) {
	if (totalSize <= 0xffffffff) return Buffer.concat([u32(totalSize), Buffer.from(type, 'latin1')]);
	const big = Buffer.alloc(8);
	big.writeBigUInt64BE(BigInt(totalSize));
	return Buffer.concat([u32(1), Buffer.from(type, 'latin1'), big]);
}

function esds(maxFrame, bitrate) {
	const decoderConfig = Buffer.concat([
		u8(0x6c), // objectTypeIndication: JPEG (ISO/IEC 10918-1)
		u8((4 << 2) | 1), // streamType visual, upStream 0, reserved 1
		Buffer.from([(maxFrame >> 16) & 0xff, (maxFrame >> 8) & 0xff, maxFrame & 0xff]),
		u32(bitrate),
		u32(bitrate),
	]);
	const dcd = Buffer.concat([u8(0x04), u8(decoderConfig.length), decoderConfig]);
	const sl = Buffer.from([0x06, 0x01, 0x02]);
	const es = Buffer.concat([u16(1), u8(0), dcd, sl]);
	return fullBox('esds', 0, 0, u8(0x03), u8(es.length), es);
}

function sampleEntry(width, height, maxFrame, bitrate) {
	const name = Buffer.alloc(32);
	name.write('\x0aMotion JPEG', 0, 'latin1');
	return box(
		'mp4v',
		Buffer.alloc(6),
		u16(1), // data_reference_index
		Buffer.alloc(16), // pre_defined, reserved, pre_defined[3]
		u16(width),
		u16(height),
		u32(0x00480000),
		u32(0x00480000),
		u32(0),
		u16(1), // frame_count
		name,
		u16(0x0018),
		u16(0xffff),
		esds(maxFrame, bitrate),
	);
}

// Sample durations (ms) that add up exactly to the clip length.
function sampleDurations(totalMs, count) {
	const base = Math.floor(totalMs / count);
	const durations = new Array(count).fill(base);
	durations[count - 1] += totalMs - base * count;
	return durations;
}

function stts(durations) {
	const runs = [];
	for (const d of durations) {
		const last = runs[runs.length - 1];
		if (last && last[1] === d) last[0]++;
		else runs.push([1, d]);
	}
	return fullBox('stts', 0, 0, u32(runs.length), ...runs.flatMap(([n, d]) => [u32(n), u32(d)]));
}

/** The 'moov' box of a one-track video whose first frame starts at `firstOffset` in the file. */
function moovBox({ width, height, durationMs, frames, durations, maxFrame, bitrate }, firstOffset) {
	const offsets = [];
	let at = firstOffset;
	for (const f of frames) {
		offsets.push(at);
		at += f.length;
	}
	const stbl = box(
		'stbl',
		fullBox('stsd', 0, 0, u32(1), sampleEntry(width, height, maxFrame, bitrate)),
		stts(durations),
		fullBox('stsc', 0, 0, u32(1), u32(1), u32(1), u32(1)),
		fullBox('stsz', 0, 0, u32(0), u32(frames.length), ...frames.map((f) => u32(f.length))),
		fullBox('stco', 0, 0, u32(offsets.length), ...offsets.map(u32)),
	);
	const minf = box(
		'minf',
		fullBox('vmhd', 0, 1, Buffer.alloc(8)),
		box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
		stbl,
	);
	const hdlrName = Buffer.from('VideoHandler\0', 'latin1');
	const mdia = box(
		'mdia',
		fullBox('mdhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(durationMs), u16(0x55c4), u16(0)),
		fullBox('hdlr', 0, 0, u32(0), Buffer.from('vide', 'latin1'), Buffer.alloc(12), hdlrName),
		minf,
	);
	const tkhd = fullBox(
		'tkhd', 0, 3,
		u32(0), u32(0), u32(1), u32(0), u32(durationMs), Buffer.alloc(8),
		u16(0), u16(0), u16(0), u16(0), matrix(), u32(width * 65536), u32(height * 65536),
	);
	const mvhd = fullBox(
		'mvhd', 0, 0,
		u32(0), u32(0), u32(TIMESCALE), u32(durationMs), u32(0x00010000), u16(0x0100), Buffer.alloc(10),
		matrix(), Buffer.alloc(24), u32(2),
	);
	return box('moov', mvhd, box('trak', tkhd, mdia));
}

/**
 * Lay out an MP4. frames: JPEG buffers; durationMs: clip length; padTo: optional
 * total file size. Returns { parts, zeroBytes, size }: the file is parts followed
 * by zeroBytes zero bytes (padding inside a trailing 'free' box, or at the end of
 * 'mdat' when the gap is too small for a box header).
 */
function layoutMp4({ width, height, durationMs, frames, padTo }) {
	const durations = sampleDurations(durationMs, frames.length);
	const framesLength = frames.reduce((n, f) => n + f.length, 0);
	const maxFrame = Math.max(...frames.map((f) => f.length));
	const bitrate = Math.round((framesLength * 8 * 1000) / durationMs);
	const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u32(0x200), Buffer.from('isomiso2mp41', 'latin1'));

	const track = { width, height, durationMs, frames, durations, maxFrame, bitrate };
	const buildMoov = (firstOffset) => moovBox(track, firstOffset);

	// The moov size does not depend on the offset values, so lay it out once to measure it.
	const moovLength = buildMoov(0).length;
	const unpadded = ftyp.length + moovLength + 8 + framesLength;
	const gap = padTo && padTo > unpadded ? padTo - unpadded : 0;
	// Padding goes into a trailing 'free' box; a gap too small for a box header
	// becomes unreferenced zeros at the end of 'mdat' instead.
	const free = gap >= 8 ? boxHeader('free', gap) : null;
	const mdatExtra = free ? 0 : gap;
	const mdatHeader = boxHeader('mdat', 8 + framesLength + mdatExtra);
	const moov = buildMoov(ftyp.length + moovLength + mdatHeader.length);
	const parts = [ftyp, moov, mdatHeader, ...frames];
	let zeroBytes = mdatExtra;
	if (free) {
		parts.push(free);
		zeroBytes = gap - free.length;
	}
	const size = parts.reduce((n, p) => n + p.length, 0) + zeroBytes;
	return { parts, zeroBytes, size };
}

module.exports = { layoutMp4 };
