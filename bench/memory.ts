// The memory scenario's measured process: n8n's engine (harness) with the built node, in n8n's
// FILESYSTEM binary mode, downloads one big MP4 from an emulator that runs in ANOTHER process
// (started by main.ts), so only the n8n side is in this process's RSS.
//
// Baseline: after a warm-up (the same workflow shape downloading the small thumbnail, so the
// node, n8n-core, axios and the binary store are loaded and initialised) and a full GC.
// Peak: process.memoryUsage() sampled every SAMPLE_MS during the run, cross-checked with the
// kernel's high-water mark (VmHWM, reset through /proc/self/clear_refs just before the run).
//
// Env: BENCH_BASE_URL, BENCH_API_KEY, BENCH_VIDEO_ID, BENCH_EXPECT_BYTES, N8N_USER_FOLDER (a temp
// folder the parent removes, with the stored file). Prints one line `BENCH_RESULT {json}` on stdout.
import fs from 'node:fs';

import { binaryDataService, runWorkflow, type RunResult } from '../test/harness';
import { soraNode } from './lib';

const SAMPLE_MS = 20;

interface Sample {
	at: number;
	rss: number;
	heapUsed: number;
	external: number;
	arrayBuffers: number;
}

function sample(): Sample {
	const m = process.memoryUsage();
	return { at: performance.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

function statusKb(field: 'VmHWM' | 'VmRSS'): number | undefined {
	try {
		const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Resets the kernel's peak RSS (VmHWM) to the current RSS; false where not supported. */
function resetPeakRss(): boolean {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function gc() {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) throw new Error('memory.ts must run with --expose-gc');
	collect();
	collect();
}

function check(result: RunResult): void {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
}

async function main() {
	const baseUrl = process.env.BENCH_BASE_URL!;
	const apiKey = process.env.BENCH_API_KEY!;
	const videoId = process.env.BENCH_VIDEO_ID!;
	const expectBytes = Number(process.env.BENCH_EXPECT_BYTES);
	const credentials = { soraApi: { apiKey, baseUrl } };
	const download = (variant: string) =>
		runWorkflow({
			nodes: [soraNode({ operation: 'download', videoId, variant })],
			credentials,
			binaryMode: 'filesystem',
		});

	// Warm-up: everything the measured run loads, minus the big body.
	for (let i = 0; i < 3; i++) check(await download('thumbnail'));
	gc();
	await sleep(300);
	gc();
	const settle: Sample[] = [];
	for (let i = 0; i < 10; i++) {
		settle.push(sample());
		await sleep(SAMPLE_MS);
	}
	const baseline = settle[settle.length - 1];
	const kernelPeakReset = resetPeakRss();

	const samples: Sample[] = [baseline];
	const timer = setInterval(() => samples.push(sample()), SAMPLE_MS);
	const started = performance.now();
	let result: RunResult;
	try {
		result = await download('video');
	} finally {
		clearInterval(timer);
	}
	const wallMs = performance.now() - started;
	samples.push(sample());
	const kernelPeakRss = kernelPeakReset ? statusKb('VmHWM') : undefined;
	check(result);

	const item = result.outputs.Sora?.[0];
	const binary = item?.binary?.data;
	if (!binary?.id) throw new Error(`no filesystem binary in the output: ${JSON.stringify(item?.binary ?? null)}`);
	const storedPath = binaryDataService().getPath(binary.id);
	const storedBytes = fs.statSync(storedPath).size;

	const peak = (key: keyof Omit<Sample, 'at'>) => Math.max(...samples.map((s) => s[key]));
	const gaps = samples.slice(1).map((s, i) => s.at - samples[i].at);
	const report = {
		videoId,
		expectBytes,
		storedBytes,
		storedPath,
		binaryId: binary.id,
		binaryBytes: binary.bytes,
		itemJsonBytes: item?.json.bytes,
		wallMs,
		throughputMiBps: storedBytes / (1024 * 1024) / (wallMs / 1000),
		sampleMs: SAMPLE_MS,
		samples: samples.length,
		maxSampleGapMs: Math.max(...gaps),
		baseline: { rss: baseline.rss, heapUsed: baseline.heapUsed, external: baseline.external, arrayBuffers: baseline.arrayBuffers },
		peak: { rss: peak('rss'), heapUsed: peak('heapUsed'), external: peak('external'), arrayBuffers: peak('arrayBuffers') },
		kernelPeakRss,
		// A coarse RSS trace (every 10th sample) to show the shape: flat, or growing with the file.
		trace: samples.filter((_, i) => i % 10 === 0).map((s) => [Math.round(s.at - started), s.rss]),
	};
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(report)}\n`);
}

main().catch((error) => {
	process.stderr.write(`memory bench failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
