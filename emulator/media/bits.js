'use strict';
// Growable byte sink with two bit orders: JPEG packs bits MSB-first (with 0xFF
// byte stuffing), WebP lossless packs them LSB-first.

class ByteSink {
	constructor(initial = 4096) {
		this.buf = Buffer.allocUnsafe(initial);
		this.len = 0;
	}
	byte(b) {
		if (this.len === this.buf.length) {
			const next = Buffer.allocUnsafe(this.buf.length * 2);
			this.buf.copy(next, 0, 0, this.len);
			this.buf = next;
		}
		this.buf[this.len++] = b;
	}
	bytes(arr) {
		for (const b of arr) this.byte(b);
	}
	toBuffer() {
		return Buffer.from(this.buf.subarray(0, this.len));
	}
}

class MsbBitWriter {
	constructor(sink, stuffFF) {
		this.sink = sink;
		this.stuff = stuffFF;
		this.acc = 0;
		this.n = 0;
	}
	write(value, count) {
		for (let i = count - 1; i >= 0; i--) {
			this.acc = (this.acc << 1) | ((value >>> i) & 1);
			if (++this.n === 8) this.flushByte();
		}
	}
	flushByte() {
		this.sink.byte(this.acc);
		if (this.stuff && this.acc === 0xff) this.sink.byte(0);
		this.acc = 0;
		this.n = 0;
	}
	// Pad the last byte with 1-bits, as JPEG requires before a marker.
	finish() {
		while (this.n !== 0) this.write(1, 1);
	}
}

class LsbBitWriter {
	constructor(sink) {
		this.sink = sink;
		this.acc = 0;
		this.n = 0;
	}
	write(value, count) {
		for (let i = 0; i < count; i++) {
			this.acc |= ((value >>> i) & 1) << this.n;
			if (++this.n === 8) {
				this.sink.byte(this.acc);
				this.acc = 0;
				this.n = 0;
			}
		}
	}
	finish() {
		if (this.n) this.sink.byte(this.acc);
		this.acc = 0;
		this.n = 0;
	}
}

module.exports = { ByteSink, MsbBitWriter, LsbBitWriter };
