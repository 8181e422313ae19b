// npm run bench: the benchmark of issue 5. Everything runs through n8n-core's real
// WorkflowExecute (test/harness) with the BUILT node, against the emulator on loopback, and every
// figure is a ratio measured side by side in this one run:
//
//   batch       wall(50 items, wait mode, Concurrency 50) / wall(1 item)            goal <= 1.2
//   sequential  wall(N items, Concurrency 1) / wall(1 item), extrapolated to 50      reference (~50)
//   latency     (wall(1 item) - D) / D, D = the job's duration on the emulator       goal < 0.1
//   requests    GET /videos/{id} per job / ceil(D / poll hint)                       goal <= 1.5
//   memory      peak RSS growth downloading a 500 MB MP4 (filesystem mode) / size   goal <= 0.1
//               (beside it, the same download by plain Node with no n8n: the floor to read it against)
//
// Env knobs (defaults are the recorded configuration): BENCH_DURATION_MS=10000,
// BENCH_POLL_AFTER_MS=1000, BENCH_BATCH_ITEMS=50, BENCH_BATCH_CONCURRENCY=50,
// BENCH_SEQUENTIAL_ITEMS=50 (smaller: the ratio is extrapolated and labelled so; 0 skips it),
// BENCH_SINGLE_RUNS=3, BENCH_MP4_BYTES=524288000, BENCH_MEMORY_RUNS=3, BENCH_ONLY=latency,batch,sequential,memory
// (a subset; written to bench/tmp/partial.json, the recorded files are left alone).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import {
	MB,
	describeMachine,
	getsPerVideo,
	median,
	mib,
	sec,
	startEmulator,
	log,
	type Emulator,
	type Machine,
	type Row,
} from './lib';
import { noHintScenario, scaleConfig, scaleScenario } from './scale-scenario';
import { sideBySideScenario } from './side-scenario';
import { timedRun, type TimedRun } from './timed';
import { uploadConfig, uploadScenario } from './upload-scenario';

const ROOT = process.cwd();
const num = (name: string, fallback: number) => {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number (got "${raw}")`);
	return value;
};

const config = {
	durationMs: num('BENCH_DURATION_MS', 10_000),
	pollAfterMs: num('BENCH_POLL_AFTER_MS', 1000),
	batchItems: num('BENCH_BATCH_ITEMS', 50),
	batchConcurrency: num('BENCH_BATCH_CONCURRENCY', 50),
	sequentialItems: num('BENCH_SEQUENTIAL_ITEMS', 50),
	singleRuns: Math.max(1, num('BENCH_SINGLE_RUNS', 3)),
	mp4Bytes: num('BENCH_MP4_BYTES', 500 * MB),
	memoryRuns: Math.max(1, num('BENCH_MEMORY_RUNS', 3)),
	scale: scaleConfig,
	upload: uploadConfig,
};
const ALL = ['latency', 'batch', 'sequential', 'scale', 'nohint', 'side', 'memory', 'upload'];
const only = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',').map((s) => s.trim()) : ALL;
for (const name of only) if (!ALL.includes(name)) throw new Error(`BENCH_ONLY: unknown scenario "${name}"`);
const enabled = (name: string) => only.includes(name);

const rows: Row[] = [];
const raw: Record<string, unknown> = {};

// ---------------------------------------------------------------------------------------------
// Timing scenarios: the emulator in this process (its log gives the GET count per job).

/** Prints how far a long run is, from the emulator's log (downloads done), every 30 s. */
function progress(emulator: Emulator, label: string, total: number) {
	const started = Date.now();
	const timer = setInterval(() => {
		const done = emulator.requests().filter((r) => r.kind === 'content').length;
		log(`  ${label}: ${done}/${total} downloaded after ${sec(Date.now() - started)}`);
	}, 30_000);
	return () => clearInterval(timer);
}

async function timingScenarios() {
	const D = config.durationMs;
	const hint = config.pollAfterMs;
	const minGets = Math.ceil(D / hint);

	// Warm-up on a fast emulator: loads n8n-core, the node and the expression engine, opens sockets.
	{
		const fast = await startEmulator({ durationMs: 200, pollAfterMs: 50 });
		try {
			await timedRun(fast, 1, 1, 'warm-up');
			await timedRun(fast, 4, 4, 'warm-up');
		} finally {
			await fast.close();
		}
	}

	const emulator = await startEmulator({ durationMs: D, pollAfterMs: hint });
	try {
		// One item, several times: the denominator of the batch ratios, the latency and the requests.
		const singles: Array<{ wallMs: number; gets: number }> = [];
		for (let run = 1; run <= config.singleRuns; run++) {
			emulator.reset();
			const { wallMs, items } = await timedRun(emulator, 1, 1, `single ${run}`);
			const gets = getsPerVideo(emulator.requests()).get(items[0].json.id as string) ?? 0;
			singles.push({ wallMs, gets });
			log(`  single item run ${run}: ${sec(wallMs)}, ${gets} GET /videos/{id}`);
		}
		const singleMs = median(singles.map((s) => s.wallMs));
		raw.single = { durationMs: D, pollAfterMs: hint, runs: singles, medianWallMs: singleMs };

		if (enabled('latency')) {
			const overheads = singles.map((s) => (s.wallMs - D) / D);
			const latency = median(overheads);
			rows.push({
				name: 'latency (wall - D) / D',
				measured: latency,
				goal: '< 0.1',
				verdict: latency < 0.1 ? 'pass' : 'FAIL',
				detail: `D = ${sec(D)}, one-item wall ${singles.map((s) => sec(s.wallMs)).join(' / ')} (median ${sec(singleMs)}, overhead ${sec(singleMs - D)})`,
			});
			const worstGets = Math.max(...singles.map((s) => s.gets));
			rows.push({
				name: 'requests GET per job / ceil(D / hint)',
				measured: worstGets / minGets,
				goal: '<= 1.5',
				verdict: worstGets / minGets <= 1.5 ? 'pass' : 'FAIL',
				detail: `GET /videos/{id} per job ${singles.map((s) => s.gets).join(' / ')} (worst counted); minimum ceil(${D} / ${hint}) = ${minGets}`,
			});
		}

		if (enabled('batch')) {
			emulator.reset();
			const n = config.batchItems;
			const c = config.batchConcurrency;
			log(`  batch: ${n} items at concurrency ${c}...`);
			const { wallMs, items } = await timedRun(emulator, n, c, 'batch');
			const gets = getsPerVideo(emulator.requests());
			const perJob = items.map((item) => gets.get(item.json.id as string) ?? 0);
			const ratio = wallMs / singleMs;
			raw.batch = {
				items: n,
				concurrency: c,
				wallMs,
				ratio,
				getsPerJobMean: perJob.reduce((a, b) => a + b, 0) / n,
				getsPerJobMax: Math.max(...perJob),
				mp4BytesPerItem: items[0].binary?.data?.bytes,
			};
			rows.push({
				name: `batch ${n} items, concurrency ${c}`,
				measured: ratio,
				goal: '<= 1.2',
				verdict: ratio <= 1.2 ? 'pass' : 'FAIL',
				detail: `wall ${sec(wallMs)} / one item ${sec(singleMs)}; GET per job mean ${(raw.batch as { getsPerJobMean: number }).getsPerJobMean.toFixed(2)}, max ${Math.max(...perJob)} (min ${minGets})`,
			});
		}

		if (enabled('sequential') && config.sequentialItems > 0) {
			emulator.reset();
			const n = config.sequentialItems;
			const target = config.batchItems;
			log(`  sequential: ${n} items at concurrency 1 (about ${sec(n * singleMs)})...`);
			const stop = progress(emulator, 'sequential', n);
			let run: TimedRun;
			try {
				run = await timedRun(emulator, n, 1, 'sequential');
			} finally {
				stop();
			}
			const measuredRatio = run.wallMs / singleMs;
			const extrapolated = n !== target;
			const ratio = extrapolated ? (measuredRatio * target) / n : measuredRatio;
			// Concurrency 1 really is one after another: no job was created before the previous download.
			let overlaps = 0;
			let creates = 0;
			let downloads = 0;
			for (const request of emulator.requests()) {
				if (request.kind === 'create' && creates++ > downloads) overlaps++;
				if (request.kind === 'content') downloads++;
			}
			raw.sequential = { items: n, concurrency: 1, wallMs: run.wallMs, measuredRatio, ratio, extrapolatedTo: extrapolated ? target : null };
			rows.push({
				name: `sequential ${target} items, concurrency 1${extrapolated ? ` (EXTRAPOLATED from ${n})` : ''}`,
				measured: ratio,
				goal: `~${target} (reference)`,
				verdict: 'info',
				detail: `wall ${sec(run.wallMs)} for ${n} items / one item ${sec(singleMs)} = ${measuredRatio.toFixed(2)}${extrapolated ? `, x ${target}/${n}` : ''}; ${(run.wallMs / n / 1000).toFixed(2)} s per item${overlaps ? `; ${overlaps} overlapping starts (NOT sequential)` : ''}`,
			});
		} else if (enabled('sequential')) {
			rows.push({ name: 'sequential, concurrency 1', goal: `~${config.batchItems} (reference)`, verdict: 'skipped', detail: 'BENCH_SEQUENTIAL_ITEMS=0' });
		}
	} finally {
		await emulator.close();
	}
}

// ---------------------------------------------------------------------------------------------
// Memory: the emulator (CLI) and the measured n8n side each in their own process.

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
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

type MemoryKey = 'rss' | 'heapUsed' | 'external' | 'arrayBuffers';

interface MemoryReport {
	storedBytes: number;
	binaryBytes?: number;
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

/** Runs one measured process (memory.js or memory-control.js) and returns its report. */
async function measureIn(script: string, env: Record<string, string>): Promise<MemoryReport> {
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

const growthOf = (r: MemoryReport) => r.peak.rss - r.baseline.rss;

async function memoryScenario() {
	const size = config.mp4Bytes;
	const runs = config.memoryRuns;
	const emulatorProcess = spawn(
		process.execPath,
		[path.join(ROOT, 'emulator/cli.js'), '--port', '0', '--duration-ms', '200', '--poll-after-ms', '100', '--mp4-bytes', String(size)],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	try {
		const [, baseUrl, apiKey] = await waitForLine(emulatorProcess, /base URL (\S+)\s+API key (\S+)/, 15_000);
		let video = await api<{ id: string; status: string }>(baseUrl, apiKey, 'POST', '/videos', {
			prompt: 'benchmark: one big MP4',
			model: 'sora-2',
			seconds: '4',
			size: '720x1280',
		});
		while (video.status !== 'completed') {
			if (video.status === 'failed') throw new Error(`emulator job ${video.id} failed`);
			await new Promise((resolve) => setTimeout(resolve, 100));
			video = await api(baseUrl, apiKey, 'GET', `/videos/${video.id}`);
		}
		log(`  memory: emulator in its own process (pid ${emulatorProcess.pid}) serving ${video.id} as ${mib(size)}`);

		const env = { BENCH_BASE_URL: baseUrl, BENCH_API_KEY: apiKey, BENCH_VIDEO_ID: video.id };
		const n8n: MemoryReport[] = [];
		const bare: MemoryReport[] = [];
		const loaded: MemoryReport[] = [];
		const inTempFolder = async <T>(prefix: string, use: (folder: string) => Promise<T>): Promise<T> => {
			const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
			try {
				return await use(folder);
			} finally {
				fs.rmSync(folder, { recursive: true, force: true });
			}
		};
		const show = (run: number, what: string, r: MemoryReport) =>
			log(`  memory run ${run}, ${what}: peak RSS +${mib(growthOf(r))}, ${sec(r.wallMs)}, stored ${r.storedBytes} bytes`);
		for (let run = 1; run <= runs; run++) {
			// Interleaved, so that anything else the machine does hits all three alike.
			const r = await inTempFolder('sora-bench-memory-', (folder) => measureIn('memory.js', { ...env, N8N_USER_FOLDER: folder }));
			n8n.push(r);
			show(run, 'n8n + Sora Video node, filesystem mode', r);
			const c1 = await inTempFolder('sora-bench-control-', (folder) =>
				measureIn('memory-control.js', { ...env, BENCH_CONTROL: 'loaded', BENCH_OUT_DIR: folder, N8N_USER_FOLDER: folder }),
			);
			loaded.push(c1);
			show(run, 'control: plain Node stream in a process with n8n loaded', c1);
			const c2 = await inTempFolder('sora-bench-control-', (folder) =>
				measureIn('memory-control.js', { ...env, BENCH_CONTROL: 'bare', BENCH_OUT_DIR: folder }),
			);
			bare.push(c2);
			show(run, 'control: plain Node stream in a bare process', c2);
		}

		// The goal is judged on the worst n8n run.
		const worst = n8n.reduce((a, b) => (growthOf(b) > growthOf(a) ? b : a));
		const growth = growthOf(worst);
		const ratio = growth / size;
		const sizeOk = [...n8n, ...loaded, ...bare].every((r) => r.storedBytes === size) && n8n.every((r) => r.binaryBytes === size);
		const kernelGrowth = worst.kernelPeakRss !== undefined ? worst.kernelPeakRss - worst.baseline.rss : undefined;
		raw.memory = {
			fileBytes: size,
			ratio,
			sizeOk,
			n8nRuns: n8n.map((r) => ({ ...r, rssGrowth: growthOf(r) })),
			controlLoadedRuns: loaded.map((r) => ({ ...r, rssGrowth: growthOf(r) })),
			controlBareRuns: bare.map((r) => ({ ...r, rssGrowth: growthOf(r) })),
		};
		const delta = (key: MemoryKey) =>
			`${key} ${mib(worst.baseline[key])} -> peak ${mib(worst.peak[key])} (+${mib(worst.peak[key] - worst.baseline[key])})`;
		const quarters = worst.peakRssByQuarter.map((q) => `+${(Math.max(0, q - worst.baseline.rss) / MB).toFixed(0)}`).join(' / ');
		rows.push({
			name: `memory ${mib(size)} MP4, filesystem mode`,
			measured: ratio,
			goal: '<= 0.1',
			verdict: !sizeOk ? 'FAIL' : ratio <= 0.1 ? 'pass' : 'FAIL',
			detail:
				`peak RSS growth ${mib(growth)} (worst of ${runs} runs: ${n8n.map((r) => `+${(growthOf(r) / MB).toFixed(1)}`).join(' / ')} MiB) of ${mib(size)}` +
				(kernelGrowth !== undefined ? `, kernel VmHWM +${mib(kernelGrowth)}` : '') +
				`; ${delta('rss')}; ${delta('heapUsed')}; ${delta('external')}; ${delta('arrayBuffers')}; ` +
				`peak RSS growth by quarter of the download ${quarters} MiB, +${mib(worst.end.rss - worst.baseline.rss)} at the end; ` +
				`stored file ${worst.storedBytes} bytes (${sizeOk ? 'equals' : 'DIFFERS FROM'} ${size} in every run); ` +
				`download ${sec(worst.wallMs)} (${(size / MB / (worst.wallMs / 1000)).toFixed(0)} MiB/s); ${worst.samples} samples every ${worst.sampleMs} ms (largest gap ${worst.maxSampleGapMs.toFixed(0)} ms)`,
		});
		const control = (name: string, runsOf: MemoryReport[], what: string) => {
			const growths = runsOf.map(growthOf);
			rows.push({
				name,
				measured: Math.max(...growths) / size,
				goal: '(reference)',
				verdict: 'info',
				detail:
					`${what}; same file and sampling, http.get -> stream.pipeline -> fs.createWriteStream; peak RSS growth ` +
					`${growths.map((g) => `+${(g / MB).toFixed(1)}`).join(' / ')} MiB (worst +${mib(Math.max(...growths))}); ` +
					`arrayBuffers peak +${mib(Math.max(...runsOf.map((r) => r.peak.arrayBuffers - r.baseline.arrayBuffers)))}; ` +
					`heapUsed at baseline ${mib(runsOf[0].baseline.heapUsed)}; download ${runsOf.map((r) => sec(r.wallMs)).join(' / ')}`,
			});
		};
		control('memory control: plain Node, n8n loaded', loaded, 'no node code, in a process with n8n-core loaded and warmed up');
		control('memory control: plain Node, bare process', bare, 'no n8n at all');
	} finally {
		emulatorProcess.kill('SIGTERM');
	}
}

// ---------------------------------------------------------------------------------------------

const fmt = (value: number | undefined) => (value === undefined ? '-' : value >= 10 ? value.toFixed(1) : value.toFixed(3));

function table(): string {
	const header = ['benchmark', 'measured ratio', 'goal', 'result'];
	const body = rows.map((r) => [r.name, fmt(r.measured), r.goal, r.verdict]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

function resultsMarkdown(machine: Machine, totalMs: number): string {
	const gib = (machine.memTotalBytes / 1024 ** 3).toFixed(1);
	const seq = raw.sequential as { extrapolatedTo: number | null; items: number } | undefined;
	return `# Benchmark results

Recorded with \`npm run bench\` (bench/run.sh) on ${machine.date.slice(0, 10)}. Every figure is a
ratio measured side by side in one run of ${sec(totalMs)}, through n8n-core's real
WorkflowExecute (test/harness) with the built node, against the emulator on loopback.
${seq?.extrapolatedTo ? `\n**The sequential ratio is EXTRAPOLATED from ${seq.items} items to ${seq.extrapolatedTo}.**\n` : ''}
## Machine

| | |
|---|---|
| date | ${machine.date} |
| CPU | ${machine.cpuModel} |
| nproc | ${machine.nproc} |
| memory | ${gib} GiB |
| Node.js | ${machine.node} |
| OS | ${machine.platform}, kernel ${machine.kernel} |
| commit | ${machine.commit} |
| load average (1 min) | ${machine.loadAverage.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end |

## Results

| benchmark | measured ratio | goal | result |
|---|---|---|---|
${rows.map((r) => `| ${r.name} | ${fmt(r.measured)} | ${r.goal} | ${r.verdict} |`).join('\n')}

## Raw numbers

${rows.map((r) => `- **${r.name}**: ${r.detail}`).join('\n')}

## How it is measured

- Workflow: one Sora Video node, Create with Wait for Completion and Download Video on, prompt
  from the input item; Poll Interval left at its default (10 s), so the polling follows the
  emulator's \`openai-poll-after-ms\` hint (${config.pollAfterMs} ms). Each job takes
  D = ${sec(config.durationMs)} on the emulator. Binary mode: default (memory) for the timing runs.
- Wall time: around \`runWorkflow()\`, after a warm-up run. "One item" is the median of
  ${config.singleRuns} one-item runs; the batch (${config.batchItems} items, Concurrency
  ${config.batchConcurrency}) and the sequential run (Concurrency 1) are divided by it.
- Latency: (one-item wall - D) / D; it includes the create request, the polling and the MP4
  download. Requests: GET /videos/{id} counted per job in the emulator's request log (kind
  \`get\`), worst of the one-item runs, divided by ceil(D / hint).
- Memory: the emulator runs as its own process (\`emulator/cli.js --mp4-bytes ${config.mp4Bytes}\`);
  the n8n side runs in another process (bench/memory.ts) in n8n's filesystem binary mode with the
  Download operation. Baseline RSS after three warm-up downloads (thumbnail) and a full GC;
  \`process.memoryUsage()\` sampled every 20 ms during the run, cross-checked with the kernel's
  peak (VmHWM, reset through /proc/self/clear_refs). The stored file's size is checked on disk.
  ${config.memoryRuns} runs; the goal is judged on the worst. Interleaved with them, two control
  processes (bench/memory-control.ts) download the same file with plain Node (http.get ->
  stream.pipeline -> fs.createWriteStream, no node code), measured the same way: one with n8n-core
  loaded and warmed up like the measured process, one bare. They are the floor of any streaming
  download in such a process with Node's default flags; bench/README.md explains how to read them.
- Raw JSON of this run: bench/results/latest.json.
`;
}

async function main() {
	const machine = describeMachine();
	const started = performance.now();
	log(`n8n-nodes-sora-video benchmark — ${machine.cpuModel}, ${machine.nproc} CPUs, Node ${machine.node}`);
	log(`config: ${JSON.stringify(config)}${process.env.BENCH_ONLY ? `, only ${only.join(',')}` : ''}\n`);

	const scenarios: Array<[string, () => Promise<void>]> = [];
	if (['latency', 'batch', 'sequential'].some(enabled)) scenarios.push(['timing', timingScenarios]);
	if (enabled('scale')) scenarios.push(['scale', async () => void (raw.scale = await scaleScenario(rows, config.durationMs, config.pollAfterMs))]);
	if (enabled('nohint')) scenarios.push(['nohint', async () => void (raw.noHint = await noHintScenario(rows, config.durationMs))]);
	if (enabled('side')) scenarios.push(['side', async () => void (raw.sideBySide = await sideBySideScenario(rows))]);
	if (enabled('memory')) scenarios.push(['memory', memoryScenario]);
	if (enabled('upload')) scenarios.push(['upload', async () => void (raw.upload = await uploadScenario(rows))]);
	for (const [name, scenario] of scenarios) {
		log(`== ${name}`);
		try {
			await scenario();
		} catch (error) {
			log(`  ${name} failed: ${(error as Error).stack ?? error}`);
			rows.push({ name, goal: '-', verdict: 'error', detail: (error as Error).message });
		}
	}
	const totalMs = performance.now() - started;

	log(`\n${table()}\n`);
	for (const row of rows) log(`${row.name}: ${row.detail}`);
	log(`\ntotal ${sec(totalMs)}`);

	const json = `${JSON.stringify({ machine, config, only, totalMs, rows, raw }, null, 2)}\n`;
	if (!process.env.BENCH_ONLY) {
		fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
		fs.writeFileSync(path.join(ROOT, 'bench/results/latest.json'), json);
		fs.writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), resultsMarkdown(machine, totalMs));
		log('wrote bench/RESULTS.md and bench/results/latest.json');
	} else {
		// A partial run must not leave the recorded files disagreeing with each other.
		fs.mkdirSync(path.join(ROOT, 'bench/tmp'), { recursive: true });
		fs.writeFileSync(path.join(ROOT, 'bench/tmp/partial.json'), json);
		log('wrote bench/tmp/partial.json (BENCH_ONLY set: bench/RESULTS.md and bench/results/ left alone)');
	}
	const failed = rows.some((r) => r.verdict === 'FAIL' || r.verdict === 'error');
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`benchmark failed: ${(error as Error).stack ?? error}\n`);
	process.exit(2);
});
