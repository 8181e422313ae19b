/** WxH sizes read as resolution ("720p", the short side) and aspect ratio ("16:9"), and back. */

const RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21', '7:4', '4:7'];

export interface Geometry {
	width: number;
	height: number;
	resolution: string;
	aspectRatio: string | undefined;
}

export function parseSize(size: string | undefined): Geometry | undefined {
	const match = /^(\d{2,5})x(\d{2,5})$/.exec(String(size ?? '').trim());
	if (!match) return undefined;
	const width = Number(match[1]);
	const height = Number(match[2]);
	const aspectRatio = RATIOS.find((ratio) => {
		const [a, b] = ratio.split(':').map(Number);
		return Math.abs(width / height - a / b) < 0.01;
	});
	return { width, height, resolution: `${Math.min(width, height)}p`, aspectRatio };
}

/** The WxH of a resolution ("720p", the short side) at an aspect ratio ("16:9"); widths and heights even. */
export function sizeFor(resolution: string, aspectRatio: string): string | undefined {
	const short = /^(\d{2,4})p$/i.exec(resolution.trim());
	const ratio = /^(\d{1,2}):(\d{1,2})$/.exec(aspectRatio.trim());
	if (!short || !ratio) return undefined;
	const [a, b] = [Number(ratio[1]), Number(ratio[2])];
	if (!a || !b) return undefined;
	const side = Number(short[1]);
	const long = 2 * Math.round((side * Math.max(a, b)) / Math.min(a, b) / 2);
	return a >= b ? `${long}x${side}` : `${side}x${long}`;
}
