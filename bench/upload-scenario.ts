// Upload memory: Edit with a source video from n8n's filesystem binary store, against the upload
// sink (its own process), at several file sizes; beside each run, the same upload by plain Node
// in a process with n8n loaded (bench/upload-control.ts). Ratio = median peak RSS growth of the
// node / that of the control, per size; and how flat the node's growth is across sizes.
import fs from 'node:fs';
import path from 'node:path';

import { MB, log, mib, sec, type Row } from './lib';
import {
	growthOf,
	inTempFolder,
	listMiB,
	measureIn,
	medianGrowth,
	sizesFrom,
	slope,
	startServer,
	type MemoryReport,
} from './processes';

export const uploadConfig = {
	sizes: sizesFrom('BENCH_UPLOAD_SIZES', '50,500,2048'),
	/** Runs per size up to 1 GiB; bigger files get one run each (the CPU is shared). */
	runs: Math.max(1, Number(process.env.BENCH_UPLOAD_RUNS ?? 2)),
};

const GOAL = 1.15;
// Flat: the peak keeps less than 2% of the extra bytes (GC timing alone moves it by tens of MiB).
const FLAT_GOAL = 0.02;

function writeSource(file: string, size: number) {
	const chunk = Buffer.alloc(MB);
	for (let i = 0; i < MB; i++) chunk[i] = (i * 31) & 0xff;
	const fd = fs.openSync(file, 'w');
	try {
		for (let written = 0; written < size; written += MB) fs.writeSync(fd, chunk, 0, Math.min(MB, size - written));
	} finally {
		fs.closeSync(fd);
	}
}

async function oneSize(baseUrl: string, size: number, rows: Row[]) {
	return await inTempFolder('sora-bench-upload-', async (folder) => {
		const source = path.join(folder, 'source.mp4');
		writeSource(source, size);
		const runs = size > 1024 * MB ? 1 : uploadConfig.runs;
		const node: MemoryReport[] = [];
		const control: MemoryReport[] = [];
		const env = { BENCH_BASE_URL: baseUrl, BENCH_SOURCE_FILE: source };
		for (let run = 1; run <= runs; run++) {
			// Interleaved, so that anything else the machine does hits both alike.
			const r = await inTempFolder('sora-bench-up-n8n-', (dir) =>
				measureIn('upload.js', { ...env, BENCH_OUT_DIR: dir, N8N_USER_FOLDER: dir }),
			);
			node.push(r);
			log(`  upload ${mib(size)} run ${run}, n8n + Sora Video node: peak RSS +${mib(growthOf(r))}, ${sec(r.wallMs)}, file part ${r.uploadedFileBytes} bytes`);
			const c = await inTempFolder('sora-bench-up-control-', (dir) =>
				measureIn('upload-control.js', { ...env, BENCH_CONTROL: 'loaded', BENCH_OUT_DIR: dir, N8N_USER_FOLDER: dir }),
			);
			control.push(c);
			log(`  upload ${mib(size)} run ${run}, control (plain Node, n8n loaded): peak RSS +${mib(growthOf(c))}, ${sec(c.wallMs)}`);
		}
		const whole = [...node, ...control].every((r) => r.uploadedFileBytes === size);
		const ratio = medianGrowth(node) / Math.max(medianGrowth(control), MB);
		const worst = node.reduce((a, b) => (growthOf(b) > growthOf(a) ? b : a));
		rows.push({
			name: `upload ${mib(size)} source video (Edit), filesystem mode / plain-Node control`,
			measured: ratio,
			goal: `<= ${GOAL}`,
			verdict: !whole ? 'FAIL' : ratio <= GOAL ? 'pass' : 'FAIL',
			detail:
				`peak RSS growth, node ${listMiB(node)} MiB vs control ${listMiB(control)} MiB (median / median, control floored at 1 MiB); ` +
				`worst node run: heapUsed +${mib(worst.peak.heapUsed - worst.baseline.heapUsed)}, arrayBuffers +${mib(worst.peak.arrayBuffers - worst.baseline.arrayBuffers)}, ` +
				`kernel VmHWM +${worst.kernelPeakRss ? mib(worst.kernelPeakRss - worst.baseline.rss) : '?'}; ` +
				`upload ${node.map((r) => sec(r.wallMs)).join(' / ')} (control ${control.map((r) => sec(r.wallMs)).join(' / ')}); ` +
				`file part received ${whole ? 'complete' : 'INCOMPLETE'} (${node.map((r) => r.uploadedFileBytes).join(' / ')} of ${size} bytes)`,
		});
		return { size, node: medianGrowth(node), control: medianGrowth(control), runs: { node, control } };
	});
}

export async function uploadScenario(rows: Row[]): Promise<object> {
	const sink = await startServer([path.join(__dirname, 'upload-sink.js')], /upload sink base URL (\S+)/);
	try {
		const baseUrl = sink.match[1];
		log(`  upload sink in its own process (pid ${sink.child.pid}) at ${baseUrl}`);
		const results = [];
		for (const size of uploadConfig.sizes) {
			try {
				results.push(await oneSize(baseUrl, size, rows));
			} catch (error) {
				log(`  upload ${mib(size)} failed: ${(error as Error).message}`);
				rows.push({ name: `upload ${mib(size)} source video (Edit)`, goal: `<= ${GOAL}`, verdict: 'error', detail: (error as Error).message.slice(0, 600) });
			}
		}
		const nodeSlope = slope(results.map((r) => ({ size: r.size, growth: r.node })));
		const controlSlope = slope(results.map((r) => ({ size: r.size, growth: r.control })));
		if (nodeSlope !== undefined && results.length > 1) {
			rows.push({
				name: `upload flat in file size: extra growth / extra bytes, ${mib(results[0].size)} -> ${mib(results[results.length - 1].size)}`,
				measured: nodeSlope,
				goal: `<= ${FLAT_GOAL}`,
				verdict: nodeSlope <= FLAT_GOAL ? 'pass' : 'FAIL',
				detail:
					`median peak RSS growth by size, node ${results.map((r) => `${mib(r.size)}: +${mib(r.node)}`).join(', ')}; ` +
					`control ${results.map((r) => `+${mib(r.control)}`).join(', ')} (control slope ${controlSlope?.toFixed(4)})`,
			});
		}
		return results.map((r) => ({ size: r.size, nodeMedianGrowth: r.node, controlMedianGrowth: r.control, ...r.runs }));
	} finally {
		sink.stop();
	}
}
