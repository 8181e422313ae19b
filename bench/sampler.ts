// Memory sampling shared by the measured processes of the memory scenario (memory.ts, the n8n
// side; memory-control.ts, plain Node). Same baseline and peak method for both, so the two
// figures compare.
//
// Baseline: after the caller's warm-up and a full GC. Peak: process.memoryUsage() every
// SAMPLE_MS during `work`, cross-checked with the kernel's high-water mark (VmHWM, reset through
// /proc/self/clear_refs just before `work`), which also covers moments between samples.
import fs from 'node:fs';

export const SAMPLE_MS = 20;

const KEYS = ['rss', 'heapUsed', 'external', 'arrayBuffers'] as const;
type Key = (typeof KEYS)[number];
type Memory = Record<Key, number>;

interface Sample extends Memory {
	at: number;
}

export interface MemoryProfile {
	wallMs: number;
	sampleMs: number;
	samples: number;
	maxSampleGapMs: number;
	baseline: Memory;
	peak: Memory;
	/** RSS at the end of the run, still holding whatever was not collected yet. */
	end: Memory;
	/** Highest RSS in each quarter of the run: flat means streaming, rising means buffering. */
	peakRssByQuarter: number[];
	kernelPeakRss?: number;
	/** Every 10th sample: [ms since start, rss]. */
	trace: Array<[number, number]>;
}

function sample(): Sample {
	const m = process.memoryUsage();
	return { at: performance.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

function kernelPeakRss(): number | undefined {
	try {
		const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

function resetKernelPeakRss(): boolean {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fullGc() {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) throw new Error('the memory processes must run with --expose-gc');
	collect();
	collect();
}

export async function profile(work: () => Promise<void>): Promise<MemoryProfile> {
	fullGc();
	await sleep(300);
	fullGc();
	let baseline = sample();
	for (let i = 0; i < 10; i++) {
		await sleep(SAMPLE_MS);
		baseline = sample();
	}
	const kernelReset = resetKernelPeakRss();

	const samples: Sample[] = [baseline];
	const timer = setInterval(() => samples.push(sample()), SAMPLE_MS);
	const started = performance.now();
	try {
		await work();
	} finally {
		clearInterval(timer);
	}
	const wallMs = performance.now() - started;
	const end = sample();
	samples.push(end);
	const kernelPeak = kernelReset ? kernelPeakRss() : undefined;

	const pick = (s: Sample): Memory => ({ rss: s.rss, heapUsed: s.heapUsed, external: s.external, arrayBuffers: s.arrayBuffers });
	const peak = Object.fromEntries(KEYS.map((k) => [k, Math.max(...samples.map((s) => s[k]))])) as Memory;
	const quarters = [0, 1, 2, 3].map((q) => {
		const inQuarter = samples.filter((s) => {
			const t = (s.at - started) / wallMs;
			return t >= q / 4 && t <= (q + 1) / 4;
		});
		return inQuarter.length ? Math.max(...inQuarter.map((s) => s.rss)) : NaN;
	});
	const gaps = samples.slice(1).map((s, i) => s.at - samples[i].at);
	return {
		wallMs,
		sampleMs: SAMPLE_MS,
		samples: samples.length,
		maxSampleGapMs: Math.max(...gaps),
		baseline: pick(baseline),
		peak,
		end: pick(end),
		peakRssByQuarter: quarters,
		kernelPeakRss: kernelPeak,
		trace: samples.filter((_, i) => i % 10 === 0).map((s) => [Math.round(s.at - started), s.rss]),
	};
}

export function report(result: object): void {
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}
