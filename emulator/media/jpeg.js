'use strict';
// Minimal baseline JPEG encoder. Every 8x8 block is a flat colour, so only the
// DC coefficient is coded and each block ends with EOB: a 1920x1080 frame costs
// a few milliseconds. Colour is YCbCr 4:4:4 (one block per component per MCU).
const { ByteSink, MsbBitWriter } = require('./bits');

// Standard DC luminance table (ITU T.81 Annex K.3), used for all components.
const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
const DC_VALS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
// AC table with a single symbol, EOB (0x00), coded as the 1-bit code "0".
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
const AC_VALS = [0];
// With quantiser 8 the quantised DC of a flat block equals (value - 128).
const QUANT = 8;

function canonicalCodes(bits, vals) {
	const codes = new Map();
	let code = 0;
	let k = 0;
	for (let len = 1; len <= 16; len++) {
		for (let i = 0; i < bits[len - 1]; i++) codes.set(vals[k++], { code: code++, len });
		code <<= 1;
	}
	return codes;
}
const DC_CODES = canonicalCodes(DC_BITS, DC_VALS);
const EOB = canonicalCodes(AC_BITS, AC_VALS).get(0);

function segment(sink, marker, payload) {
	sink.bytes([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
	sink.bytes(payload);
}

function rgbToYcc(r, g, b) {
	const y = 0.299 * r + 0.587 * g + 0.114 * b;
	const cb = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
	const cr = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
	return [y, cb, cr];
}

/**
 * Encode a width x height JPEG whose 8x8 blocks take the colour returned by
 * blockRgb(bx, by) -> [r, g, b] (0..255).
 */
function encodeJpeg(width, height, blockRgb) {
	const bw = Math.ceil(width / 8);
	const bh = Math.ceil(height / 8);
	const sink = new ByteSink(bw * bh * 2 + 1024);
	sink.bytes([0xff, 0xd8]);
	segment(sink, 0xe0, [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]); // JFIF
	segment(sink, 0xdb, [0x00, ...new Array(64).fill(QUANT)]);
	segment(sink, 0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
	segment(sink, 0xc4, [0x00, ...DC_BITS, ...DC_VALS, 0x10, ...AC_BITS, ...AC_VALS]);
	segment(sink, 0xda, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
	const bits = new MsbBitWriter(sink, true);
	const pred = [0, 0, 0];
	for (let by = 0; by < bh; by++) {
		for (let bx = 0; bx < bw; bx++) {
			const [r, g, b] = blockRgb(bx, by);
			const ycc = rgbToYcc(r, g, b);
			for (let c = 0; c < 3; c++) {
				const dc = Math.max(-128, Math.min(127, Math.round(ycc[c]) - 128));
				const diff = dc - pred[c];
				pred[c] = dc;
				const mag = Math.abs(diff);
				const cat = mag === 0 ? 0 : 32 - Math.clz32(mag);
				const h = DC_CODES.get(cat);
				bits.write(h.code, h.len);
				if (cat) bits.write(diff > 0 ? diff : (diff - 1) & ((1 << cat) - 1), cat);
				bits.write(EOB.code, EOB.len);
			}
		}
	}
	bits.finish();
	sink.bytes([0xff, 0xd9]);
	return sink.toBuffer();
}

module.exports = { encodeJpeg };
