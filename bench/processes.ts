// Child processes of the memory scenarios: start one, wait for a line, collect its report.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { MB, log, median } from './lib';

export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms: ${buffer}`)), timeoutMs);
		const onData = (data: Buffer) => {
			buffer += data.toString();
			const match = pattern.exec(buffer);
			if (match) {
				clearTimeout(timer);
				child.stdout?.off('data', onData);
				resolve(match);
			}
		};
		child.stdout?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`process exited (${code}) before printing ${pattern}: ${buffer}`));
		});
	});
}

/** Starts a compiled bench script (or the emulator) as a server and reads its announced URL. */
export async function startServer(args: string[], pattern: RegExp) {
	const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
	try {
		const match = await waitForLine(child, pattern, 15_000);
		return { child, match, stop: () => child.kill('SIGTERM') };
	} catch (error) {
		child.kill('SIGKILL');
		throw error;
	}
}

export type MemoryKey = 'rss' | 'heapUsed' | 'external' | 'arrayBuffers';

export interface MemoryReport {
	storedBytes: number;
	binaryBytes?: number;
	uploadedFileBytes?: number;
	wallMs: number;
	samples: number;
	sampleMs: number;
	maxSampleGapMs: number;
	baseline: Record<MemoryKey, number>;
	peak: Record<MemoryKey, number>;
	end: Record<MemoryKey, number>;
	peakRssByQuarter: number[];
	kernelPeakRss?: number;
	trace: Array<[number, number]>;
}

/** Runs one measured process (a compiled bench script) and returns its report. */
export async function measureIn(script: string, env: Record<string, string>): Promise<MemoryReport> {
	const child = spawn(process.execPath, ['--expose-gc', path.join(__dirname, script)], {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, ...env },
	});
	let stdout = '';
	child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
	if (code !== 0 || !line) throw new Error(`${script} exited with ${code}: ${stdout.slice(-2000)}`);
	return JSON.parse(line.slice('BENCH_RESULT '.length)) as MemoryReport;
}

export async function inTempFolder<T>(prefix: string, use: (folder: string) => Promise<T>): Promise<T> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	try {
		return await use(folder);
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

/** The built package as n8n installs it, in `folder`/package: package.json + dist (the copy run.sh made). */
function packageDir(folder: string): string {
	const dir = path.join(folder, 'package');
	fs.mkdirSync(dir);
	fs.copyFileSync(path.join(process.cwd(), 'package.json'), path.join(dir, 'package.json'));
	fs.cpSync(path.join(__dirname, '..', 'dist'), path.join(dir, 'dist'), { recursive: true });
	return dir;
}

/**
 * Runs a script that drives the real n8n of the e2e suite with the built package (scratch in
 * `folder`), echoes its progress lines and gives the JSON of its one `BENCH_RESULT {json}` line.
 */
export async function runForResult<T>(command: string, args: string[], folder: string, what: string): Promise<T> {
	const child = spawn(command, args, {
		stdio: ['ignore', 'pipe', 'inherit'],
		env: { ...process.env, SORA_E2E_PACKAGE_DIR: packageDir(folder), SORA_E2E_WORK: folder },
	});
	let stdout = '';
	child.stdout?.on('data', (data: Buffer) => {
		stdout += data.toString();
		for (const line of data.toString().split('\n')) if (line.startsWith('  ')) log(line);
	});
	const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
	const line = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
	if (code !== 0 || !line) throw new Error(`${what} exited with ${code}: ${stdout.slice(-2000)}`);
	return JSON.parse(line.slice('BENCH_RESULT '.length)) as T;
}

export const growthOf = (r: MemoryReport) => r.peak.rss - r.baseline.rss;
export const growths = (runs: MemoryReport[]) => runs.map(growthOf);
export const medianGrowth = (runs: MemoryReport[]) => median(growths(runs));
export const listMiB = (runs: MemoryReport[]) => growths(runs).map((g) => `+${(g / MB).toFixed(1)}`).join(' / ');

/** Sizes in MiB from an env knob like "50,500,2048". */
export function sizesFrom(name: string, fallback: string): number[] {
	const text = process.env[name] || fallback;
	return text.split(',').map((s) => {
		const value = Number(s.trim());
		if (!(value > 0)) throw new Error(`${name}: "${s}" is not a size in MiB`);
		return Math.round(value * MB);
	});
}

/**
 * "Flat in file size": how much of the extra file the peak keeps, from the smallest to the
 * largest size, (growth(largest) - growth(smallest)) / (largest - smallest). 0 is perfectly flat,
 * 1 means the whole file is held.
 */
export function slope(bySize: Array<{ size: number; growth: number }>): number | undefined {
	if (bySize.length < 2) return undefined;
	const sorted = [...bySize].sort((a, b) => a.size - b.size);
	const first = sorted[0];
	const last = sorted[sorted.length - 1];
	return (last.growth - first.growth) / (last.size - first.size);
}
