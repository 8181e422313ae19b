'use strict';
// Frame sizes from resolution + aspect ratio and back ("720p" + "16:9" <-> "1280x720"):
// the short side is the resolution's line count, the long side follows the ratio.

const SHORT_SIDE = { '360p': 360, '480p': 480, '720p': 720, '768p': 768, '1080p': 1080, '1K': 1024, '2K': 1440, '4K': 2160 };
const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21'];

const even = (n) => 2 * Math.round(n / 2);

/** "1280x720" for ("720p", "16:9"); null when either is unknown. */
function sizeFor(resolution, aspectRatio) {
	const s = SHORT_SIDE[resolution];
	const m = /^(\d+):(\d+)$/.exec(aspectRatio || '');
	if (!s || !m) return null;
	const [a, b] = [Number(m[1]), Number(m[2])];
	if (a === b) return `${s}x${s}`;
	return a > b ? `${even((s * a) / b)}x${s}` : `${s}x${even((s * b) / a)}`;
}

/** { width, height, resolution, aspectRatio } for "WxH" (resolution/aspectRatio null when unknown). */
function parseSize(size) {
	const m = /^(\d{2,5})x(\d{2,5})$/.exec(String(size));
	if (!m) return null;
	const width = Number(m[1]);
	const height = Number(m[2]);
	const short = Math.min(width, height);
	const resolution = Object.keys(SHORT_SIDE).find((r) => SHORT_SIDE[r] === short) || null;
	const aspectRatio =
		RATIOS.find((r) => {
			const [a, b] = r.split(':').map(Number);
			return Math.abs(width / height - a / b) < 0.01;
		}) || null;
	return { width, height, resolution, aspectRatio };
}

module.exports = { sizeFor, parseSize, SHORT_SIDE, RATIOS };
