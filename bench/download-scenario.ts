// Download memory: the Download operation in n8n's filesystem binary mode (bench/memory.ts) from
// an emulator in its own process, at several MP4 sizes; beside each run, the same download by
// plain Node (bench/memory-control.ts) in a process with n8n loaded (the control the ratio is
// divided by) and, once per size, in a bare process (the floor of Node itself).
// Rows: per size, median peak RSS growth of the node / that of the loaded control (goal <= 1.15);
// and how flat the node's growth is across sizes (extra growth / extra bytes, goal <= 0.02).
import path from 'node:path';

import { log, mib, sec, type Row } from './lib';
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

export const downloadConfig = {
	sizes: sizesFrom('BENCH_MP4_SIZES', '50,500,2048'),
	/** Runs per size up to 1 GiB; bigger files get one run each (the CPU is shared). */
	runs: Math.max(1, Number(process.env.BENCH_MEMORY_RUNS ?? 3)),
};

const GOAL = 1.15;
// Flat: the peak keeps less than 2% of the extra bytes (GC timing alone moves it by tens of MiB).
const FLAT_GOAL = 0.02;

async function api<T>(baseUrl: string, apiKey: string, method: string, route: string, body?: object): Promise<T> {
	const response = await fetch(`${baseUrl}${route}`, {
		method,
		headers: { Authorization: `Bearer ${apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`emulator ${method} ${route}: HTTP ${response.status} ${text}`);
	return JSON.parse(text) as T;
}

/** One completed job on a fresh emulator process that serves `size`-byte MP4s. */
async function emulatorServing(size: number) {
	const cli = path.join(process.cwd(), 'emulator/cli.js');
	const server = await startServer(
		[cli, '--port', '0', '--duration-ms', '200', '--poll-after-ms', '100', '--mp4-bytes', String(size)],
		/base URL (\S+)\s+API key (\S+)/,
	);
	const [, baseUrl, apiKey] = server.match;
	const body = { prompt: 'benchmark: one big MP4', model: 'sora-2', seconds: '4', size: '720x1280' };
	let video = await api<{ id: string; status: string }>(baseUrl, apiKey, 'POST', '/videos', body);
	while (video.status !== 'completed') {
		if (video.status === 'failed') throw new Error(`emulator job ${video.id} failed`);
		await new Promise((resolve) => setTimeout(resolve, 100));
		video = await api(baseUrl, apiKey, 'GET', `/videos/${video.id}`);
	}
	return { ...server, env: { BENCH_BASE_URL: baseUrl, BENCH_API_KEY: apiKey, BENCH_VIDEO_ID: video.id } };
}

async function oneSize(size: number, rows: Row[]) {
	const emulator = await emulatorServing(size);
	try {
		const runs = size > 1024 * 1024 * 1024 ? 1 : downloadConfig.runs;
		const node: MemoryReport[] = [];
		const loaded: MemoryReport[] = [];
		const show = (run: number, what: string, r: MemoryReport) =>
			log(`  download ${mib(size)} run ${run}, ${what}: peak RSS +${mib(growthOf(r))}, ${sec(r.wallMs)}, stored ${r.storedBytes} bytes`);
		for (let run = 1; run <= runs; run++) {
			// Interleaved, so that anything else the machine does hits both alike.
			const r = await inTempFolder('sora-bench-memory-', (folder) => measureIn('memory.js', { ...emulator.env, N8N_USER_FOLDER: folder }));
			node.push(r);
			show(run, 'n8n + Sora Video node', r);
			const c = await inTempFolder('sora-bench-control-', (folder) =>
				measureIn('memory-control.js', { ...emulator.env, BENCH_CONTROL: 'loaded', BENCH_OUT_DIR: folder, N8N_USER_FOLDER: folder }),
			);
			loaded.push(c);
			show(run, 'control (plain Node, n8n loaded)', c);
		}
		const bare = await inTempFolder('sora-bench-control-', (folder) =>
			measureIn('memory-control.js', { ...emulator.env, BENCH_CONTROL: 'bare', BENCH_OUT_DIR: folder }),
		);
		show(1, 'control (plain Node, bare process)', bare);
		const whole = [...node, ...loaded, bare].every((r) => r.storedBytes === size) && node.every((r) => r.binaryBytes === size);
		const ratio = medianGrowth(node) / medianGrowth(loaded);
		const worst = node.reduce((a, b) => (growthOf(b) > growthOf(a) ? b : a));
		const quarters = worst.peakRssByQuarter.map((q) => `+${(Math.max(0, q - worst.baseline.rss) / 1024 / 1024).toFixed(0)}`).join(' / ');
		rows.push({
			name: `download ${mib(size)} MP4, filesystem mode / plain-Node control`,
			measured: ratio,
			goal: `<= ${GOAL}`,
			verdict: !whole ? 'FAIL' : ratio <= GOAL ? 'pass' : 'FAIL',
			detail:
				`peak RSS growth, node ${listMiB(node)} MiB vs control (n8n loaded) ${listMiB(loaded)} MiB (median / median); ` +
				`bare-process control +${mib(growthOf(bare))}; worst node run: arrayBuffers +${mib(worst.peak.arrayBuffers - worst.baseline.arrayBuffers)}, ` +
				`heapUsed +${mib(worst.peak.heapUsed - worst.baseline.heapUsed)}, by quarter of the download ${quarters} MiB; ` +
				`download ${node.map((r) => sec(r.wallMs)).join(' / ')} (control ${loaded.map((r) => sec(r.wallMs)).join(' / ')}); ` +
				`stored file ${whole ? 'equals' : 'DIFFERS FROM'} ${size} bytes in every run`,
		});
		return { size, node: medianGrowth(node), control: medianGrowth(loaded), bare: growthOf(bare), runs: { node, loaded, bare } };
	} finally {
		emulator.stop();
	}
}

export async function downloadScenario(rows: Row[]): Promise<object> {
	const results = [];
	for (const size of downloadConfig.sizes) {
		try {
			results.push(await oneSize(size, rows));
		} catch (error) {
			log(`  download ${mib(size)} failed: ${(error as Error).message}`);
			rows.push({ name: `download ${mib(size)} MP4`, goal: `<= ${GOAL}`, verdict: 'error', detail: (error as Error).message.slice(0, 600) });
		}
	}
	const nodeSlope = slope(results.map((r) => ({ size: r.size, growth: r.node })));
	if (nodeSlope !== undefined && results.length > 1) {
		const controlSlope = slope(results.map((r) => ({ size: r.size, growth: r.control })));
		rows.push({
			name: `download flat in file size: extra growth / extra bytes, ${mib(results[0].size)} -> ${mib(results[results.length - 1].size)}`,
			measured: nodeSlope,
			goal: `<= ${FLAT_GOAL}`,
			verdict: nodeSlope <= FLAT_GOAL ? 'pass' : 'FAIL',
			detail:
				`median peak RSS growth by size, node ${results.map((r) => `${mib(r.size)}: +${mib(r.node)}`).join(', ')}; ` +
				`control ${results.map((r) => `+${mib(r.control)}`).join(', ')} (control slope ${controlSlope?.toFixed(4)})`,
		});
	}
	return results.map((r) => ({ size: r.size, nodeMedianGrowth: r.node, controlMedianGrowth: r.control, bareGrowth: r.bare, ...r.runs }));
}
