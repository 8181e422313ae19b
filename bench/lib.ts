// Shared pieces of the benchmark: the emulator's programmatic API, the Sora node spec, the
// machine description and small formatting helpers. Compiled with bench/tsconfig.json into
// .cache/bench (run.sh links package.json, dist/ and emulator/ there, as the demo does).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { NodeSpec } from '../test/harness';

export interface EmulatorRequest {
	method: string;
	path: string;
	kind: string;
	at: number;
	status?: number;
	query?: Record<string, string>;
}

export interface Emulator {
	baseUrl: string;
	apiKey: string;
	close(): Promise<void>;
	requests(): EmulatorRequest[];
	jobs(): IDataObject[];
	reset(): void;
	setOptions(partial: object): void;
}

export interface EmulatorOptions {
	durationMs?: number;
	pollAfterMs?: number | null;
	mp4Bytes?: number;
	[key: string]: unknown;
}

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const emulator = require('../emulator') as { startEmulator(o: EmulatorOptions): Promise<Emulator> };
	return await emulator.startEmulator({ port: 0, ...options });
}

export function soraNode(parameters: IDataObject, name = 'Sora'): NodeSpec {
	return { name, type: 'soraVideo', parameters: { resource: 'video', ...parameters } as INodeParameters };
}

export function credentialsFor(emulator: { baseUrl: string; apiKey: string }) {
	return { soraApi: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl } };
}

/** GET /videos/{id} requests per video id, from the emulator's request log. */
export function getsPerVideo(requests: EmulatorRequest[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const request of requests) {
		if (request.kind !== 'get') continue;
		const id = decodeURIComponent(request.path.split('/').pop() ?? '');
		counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	return counts;
}

export interface Machine {
	date: string;
	nproc: number;
	cpuModel: string;
	memTotalBytes: number;
	node: string;
	platform: string;
	kernel: string;
	commit: string;
	/** 1-minute load average when the run started (other work on the machine skews timings). */
	loadAverage: number;
}

function run(command: string, args: string[]): string {
	try {
		return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return '';
	}
}

export function describeMachine(): Machine {
	const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
	const meminfo = fs.existsSync('/proc/meminfo') ? fs.readFileSync('/proc/meminfo', 'utf8') : '';
	const memKb = Number(/^MemTotal:\s+(\d+)\s+kB/m.exec(meminfo)?.[1] ?? NaN);
	const head = run('git', ['rev-parse', '--short', 'HEAD']);
	const dirty = run('git', ['status', '--porcelain', '--', 'nodes', 'credentials']) ? ' (nodes/ or credentials/ modified)' : '';
	return {
		date: new Date().toISOString(),
		nproc: Number(run('nproc', [])) || os.availableParallelism(),
		cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
		memTotalBytes: Number.isFinite(memKb) ? memKb * 1024 : os.totalmem(),
		node: process.version,
		platform: `${os.platform()} ${os.arch()}`,
		kernel: os.release(),
		commit: head ? `${head}${dirty}` : 'unknown',
		loadAverage: os.loadavg()[0],
	};
}

export const MB = 1024 * 1024;
export const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const mib = (bytes: number) => `${(bytes / MB).toFixed(1)} MiB`;
export const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One line of the results table. */
export interface Row {
	name: string;
	measured?: number;
	goal: string;
	verdict: 'pass' | 'FAIL' | 'info' | 'error' | 'skipped';
	detail: string;
}

export const log = (line: string) => process.stdout.write(`${line}\n`);
