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

/** The short-side line count of "720p"; undefined for names like "2K". */
export function linesOf(resolution: string): number | undefined {
	const match = /^(\d{3,4})p$/i.exec(resolution);
	return match ? Number(match[1]) : undefined;
}

/** The published resolution a size falls under: its short side, or the nearest published one above. */
export function resolutionFor(size: string | undefined, published: string[] | null): string | undefined {
	const geometry = parseSize(size);
	if (!geometry) return undefined;
	if (!published?.length) return geometry.resolution;
	if (published.includes(geometry.resolution)) return geometry.resolution;
	const short = Math.min(geometry.width, geometry.height);
	const above = published
		.map((name) => ({ name, lines: linesOf(name) }))
		.filter((r): r is { name: string; lines: number } => r.lines !== undefined && r.lines >= short)
		.sort((a, b) => a.lines - b.lines)[0];
	return above?.name ?? geometry.resolution;
}
