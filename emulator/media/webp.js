'use strict';
// Minimal lossless WebP (VP8L) encoder: no transforms, no colour cache, one
// prefix-code group. Green, red and blue use a flat 8-bit code (all 256 symbols
// of length 8), alpha is a one-symbol code (255, zero bits per pixel), so each
// pixel costs exactly 3 bytes. Good enough for a thumbnail.
const { ByteSink, LsbBitWriter } = require('./bits');

// Order in which code-length-code lengths are transmitted (VP8L spec).
const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const REVERSED = new Uint8Array(256).map((_, i) => {
	let r = 0;
	for (let b = 0; b < 8; b++) r |= ((i >> b) & 1) << (7 - b);
	return r;
});

// A normal prefix code where symbols 0..255 have length 8 and the rest (up to
// alphabetSize) length 0. The code-length code has two 1-bit symbols: 0 -> "0", 8 -> "1".
function writeFlat8Code(bw, alphabetSize) {
	bw.write(0, 1); // normal (not simple) code
	const lengths = new Map([[0, 1], [8, 1]]);
	const count = CODE_LENGTH_ORDER.indexOf(8) + 1;
	bw.write(count - 4, 4);
	for (let i = 0; i < count; i++) bw.write(lengths.get(CODE_LENGTH_ORDER[i]) || 0, 3);
	bw.write(0, 1); // max_symbol = alphabet size
	for (let s = 0; s < alphabetSize; s++) bw.write(s < 256 ? 1 : 0, 1);
}

function writeSingleSymbolCode(bw, symbol) {
	bw.write(1, 1); // simple code
	bw.write(0, 1); // one symbol
	if (symbol > 1) {
		bw.write(1, 1);
		bw.write(symbol, 8);
	} else {
		bw.write(0, 1);
		bw.write(symbol, 1);
	}
}

/** Encode a width x height image, pixelRgb(x, y) -> [r, g, b], as a RIFF WebP file. */
function encodeWebp(width, height, pixelRgb) {
	const sink = new ByteSink(width * height * 3 + 256);
	const bw = new LsbBitWriter(sink);
	bw.write(0x2f, 8);
	bw.write(width - 1, 14);
	bw.write(height - 1, 14);
	bw.write(0, 1); // alpha_is_used: no
	bw.write(0, 3); // version
	bw.write(0, 1); // no transform
	bw.write(0, 1); // no colour cache
	bw.write(0, 1); // no meta prefix codes
	writeFlat8Code(bw, 256 + 24); // green + length prefixes
	writeFlat8Code(bw, 256); // red
	writeFlat8Code(bw, 256); // blue
	writeSingleSymbolCode(bw, 255); // alpha
	writeSingleSymbolCode(bw, 0); // distance
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const [r, g, b] = pixelRgb(x, y);
			bw.write(REVERSED[g & 255], 8);
			bw.write(REVERSED[r & 255], 8);
			bw.write(REVERSED[b & 255], 8);
		}
	}
	bw.finish();
	const payload = sink.toBuffer();
	const pad = payload.length & 1;
	const out = Buffer.alloc(20 + payload.length + pad);
	out.write('RIFF', 0, 'latin1');
	out.writeUInt32LE(12 + payload.length + pad, 4);
	out.write('WEBPVP8L', 8, 'latin1');
	out.writeUInt32LE(payload.length, 16);
	payload.copy(out, 20);
	return out;
}

module.exports = { encodeWebp };
