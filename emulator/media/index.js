'use strict';
// Media for completed jobs: MP4 (Motion-JPEG), WebP thumbnail, JPEG spritesheet.
// Generated from (size, seconds) only and cached, so downloads cost nothing.
const { encodeJpeg } = require('./jpeg');
const { encodeWebp } = require('./webp');
const { layoutMp4 } = require('./mp4');

const MAX_FRAMES = 24; // about 1 fps; long clips get longer samples
const CACHE_LIMIT = 64;
const cache = new Map();

function cached(key, make) {
	let v = cache.get(key);
	if (!v) {
		if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value);
		v = make();
		cache.set(key, v);
	}
	return v;
}

function parseSize(size) {
	const m = /^(\d+)x(\d+)$/.exec(String(size));
	return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 720, height: 1280 };
}

function hsv(h, s, v) {
	const i = Math.floor(h * 6);
	const f = h * 6 - i;
	const p = v * (1 - s);
	const q = v * (1 - f * s);
	const t = v * (1 - (1 - f) * s);
	const [r, g, b] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]][((i % 6) + 6) % 6];
	return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

// Frame `index` of `count`: a hue gradient that shifts over time and a white bar
// that sweeps left to right, so consecutive frames visibly differ.
function framePainter(cols, rows, index, count) {
	const phase = count > 1 ? index / count : 0;
	const bar = Math.floor(phase * cols);
	return (x, y) => {
		if (x >= bar && x < bar + Math.max(1, Math.floor(cols / 40))) return [245, 245, 245];
		return hsv((x / cols + phase) % 1, 0.55, 0.35 + 0.5 * (y / rows));
	};
}

function frameCount(durationMs) {
	return Math.max(1, Math.min(MAX_FRAMES, Math.ceil(durationMs / 1000)));
}

function durationMsOf(seconds) {
	const n = Number.parseFloat(seconds);
	return Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : 4000;
}

function frames(size, seconds) {
	return cached(`frames|${size}|${seconds}`, () => {
		const { width, height } = parseSize(size);
		const count = frameCount(durationMsOf(seconds));
		const cols = Math.ceil(width / 8);
		const rows = Math.ceil(height / 8);
		return Array.from({ length: count }, (_, i) => encodeJpeg(width, height, framePainter(cols, rows, i, count)));
	});
}

/** MP4 layout { parts, zeroBytes, size } for a clip, padded to padTo bytes when set. */
function videoMedia(size, seconds, padTo) {
	return cached(`mp4|${size}|${seconds}|${padTo || 0}`, () => {
		const { width, height } = parseSize(size);
		return layoutMp4({ width, height, durationMs: durationMsOf(seconds), frames: frames(size, seconds), padTo });
	});
}

function scaled(size, maxSide) {
	const { width, height } = parseSize(size);
	const k = Math.min(1, maxSide / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** WebP thumbnail, same aspect ratio as the video, longest side 256 px. */
function thumbnail(size) {
	return cached(`webp|${size}`, () => {
		const { width, height } = scaled(size, 256);
		const paint = framePainter(width, height, 0, 1);
		return encodeWebp(width, height, paint);
	});
}

/** JPEG spritesheet: a grid of small frames (5 columns), cells 160 px on their longest side. */
function spritesheet(size, seconds) {
	return cached(`sprite|${size}|${seconds}`, () => {
		const count = frameCount(durationMsOf(seconds));
		const cell = scaled(size, 160);
		const cellCols = Math.ceil(cell.width / 8);
		const cellRows = Math.ceil(cell.height / 8);
		const gridCols = Math.min(5, count);
		const gridRows = Math.ceil(count / gridCols);
		const painters = Array.from({ length: count }, (_, i) => framePainter(cellCols, cellRows, i, count));
		return encodeJpeg(cellCols * 8 * gridCols, cellRows * 8 * gridRows, (bx, by) => {
			const i = Math.floor(by / cellRows) * gridCols + Math.floor(bx / cellCols);
			return i < count ? painters[i](bx % cellCols, by % cellRows) : [0, 0, 0];
		});
	});
}

module.exports = { videoMedia, thumbnail, spritesheet, parseSize };
