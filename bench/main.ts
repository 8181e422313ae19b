// npm run bench: every figure a ratio measured side by side in this one run, with the BUILT node.
// Through n8n-core's real WorkflowExecute (test/harness), against the emulator on loopback:
//
//   latency     (wall(1 item) - D) / D, D = the job's duration on the emulator       goal < 0.1
//   requests    GET /videos/{id} per job / ceil(D / poll hint)                       goal <= 1.5
//   batch       wall(50 items, wait mode, Concurrency 50) / wall(1 item)            goal <= 1.2
//   sequential  wall(N items, Concurrency 1) / wall(1 item), extrapolated to 50      reference (~50)
//   scale       wall(200 items, Concurrency 200) / wall(1 item), beside the emulator's own
//               capacity (the same 200 jobs by a bare client)                        goal <= 1.15
//   nohint      GET per job when the server sends no poll hint (backoff)            reference
//   memory      downloads: peak RSS growth in filesystem mode / plain-Node control, goal <= 1.15
//               at 50 MiB, 500 MiB and 2 GiB, and flat in file size (download-scenario.ts)
//   upload      the same for Edit with a source video from the binary store (upload-scenario.ts)
// In the REAL n8n of the e2e suite (CLI execute):
//   side        n8n's built-in OpenAI node (Video > Generate) vs ours, A B A B, 1/5/50 items
//               (side-by-side.mjs, side-scenario.ts)
//   webhook     the trigger's answer time (one delivery, MP4s of 1/20/200 MB) and burst rate vs
//               n8n's Webhook node with Header Auth, regular and queue mode (webhook-answer.mjs,
//               webhook-scenario.ts; writes its own RESULTS.md section, also when run alone)
//
// Env knobs (defaults are the recorded configuration): BENCH_DURATION_MS=10000,
// BENCH_POLL_AFTER_MS=1000, BENCH_BATCH_ITEMS=50, BENCH_BATCH_CONCURRENCY=50,
// BENCH_SEQUENTIAL_ITEMS=50 (smaller: the ratio is extrapolated and labelled so; 0 skips it),
// BENCH_SINGLE_RUNS=3, BENCH_SCALE_ITEMS=200, BENCH_MP4_SIZES=50,500,2048 (MiB), BENCH_MEMORY_RUNS=3,
// BENCH_UPLOAD_SIZES=50,500,2048, BENCH_UPLOAD_RUNS=2, BENCH_SIDE_SIZES=1,5,50, BENCH_SIDE_ROUNDS=2,
// BENCH_SIDE_ROUNDS_LARGE=1, BENCH_ONLY=<scenarios, comma-separated> (a subset; written to
// bench/tmp/partial.json, the recorded files are left alone).
import fs from 'node:fs';
import path from 'node:path';

import { describeMachine, getsPerVideo, log, median, sec, startEmulator, type Emulator, type Row } from './lib';
import { downloadConfig, downloadScenario } from './download-scenario';
import { noHintScenario, scaleConfig, scaleScenario } from './scale-scenario';
import { sideBySideScenario } from './side-scenario';
import { timedRun, type TimedRun } from './timed';
import { uploadConfig, uploadScenario } from './upload-scenario';
import { WEBHOOK_SECTION, webhookScenario } from './webhook-scenario';
import { resultsMarkdown, table } from './report';

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
	download: downloadConfig,
	scale: scaleConfig,
	upload: uploadConfig,
};
const ALL = ['latency', 'batch', 'sequential', 'scale', 'nohint', 'side', 'memory', 'upload', 'webhook'];
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
	if (enabled('memory')) scenarios.push(['memory', async () => void (raw.download = await downloadScenario(rows))]);
	if (enabled('upload')) scenarios.push(['upload', async () => void (raw.upload = await uploadScenario(rows))]);
	if (enabled('webhook')) scenarios.push(['webhook', async () => void (raw.webhook = await webhookScenario(rows))]);
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

	log(`\n${table(rows)}\n`);
	for (const row of rows) log(`${row.name}: ${row.detail}`);
	log(`\ntotal ${sec(totalMs)}`);

	const json = `${JSON.stringify({ machine, config, only, totalMs, rows, raw }, null, 2)}\n`;
	if (!process.env.BENCH_ONLY) {
		fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
		fs.writeFileSync(path.join(ROOT, 'bench/results/latest.json'), json);
		const resultsFile = path.join(ROOT, 'bench/RESULTS.md');
		// The webhook section (written by its scenario, also when run alone) and the queue-mode
		// figures (from test/queue) are kept as they are: from the webhook section to the end.
		const previous = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
		const keptAt = [`\n${WEBHOOK_SECTION}`, '\n## Queue mode'].map((h) => previous.indexOf(h)).filter((i) => i >= 0);
		const kept = keptAt.length ? previous.slice(Math.min(...keptAt)) : '';
		fs.writeFileSync(resultsFile, resultsMarkdown({ machine, totalMs, rows, raw, config }).trimEnd() + '\n' + kept);
		log('wrote bench/RESULTS.md and bench/results/latest.json');
	} else {
		// A partial run must not leave the recorded files disagreeing with each other.
		fs.mkdirSync(path.join(ROOT, 'bench/tmp'), { recursive: true });
		fs.writeFileSync(path.join(ROOT, 'bench/tmp/partial.json'), json);
		log('wrote bench/tmp/partial.json (BENCH_ONLY set: bench/results/ and RESULTS.md left alone, but for the section a scenario writes itself)');
	}
	const failed = rows.some((r) => r.verdict === 'FAIL' || r.verdict === 'error');
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`benchmark failed: ${(error as Error).stack ?? error}\n`);
	process.exit(2);
});
