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
