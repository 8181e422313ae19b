// The webhook-answer scenario (issue 21): runs bench/webhook-answer.sh (webhook-answer.mjs in the
// real n8n, regular and queue mode) and turns its measurements into rows, side by side with n8n's
// own Webhook node with Header Auth (the floor). With the recorded configuration it also writes
// its own section of bench/RESULTS.md (date, commit and load average of this run), so that this
// scenario can be recorded without running the whole benchmark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describeMachine, log, type Row } from './lib';
import { inTempFolder, runForResult } from './processes';

interface Measure {
	mode: string;
	target: 'event' | 'video' | 'file' | 'floor' | 'noauth';
	label: string;
	sizeMB: number | null;
	kind: 'single' | 'burst';
	count: number;
	answered2xx: number;
	statuses: number[];
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	perSecond: number | null;
	cpuMsPerDelivery: number | null;
	failedRuns: number;
	/** Runs the target's workflow should have had by then (one per 2xx answer, cumulative) and had. */
	runsExpected: number;
	runsFinished: number;
}

export interface WebhookResult {
	modes: string[];
	sizesMB: number[];
	singles: number;
	burst: number;
	inFlight: number;
	bytesPerSec: number;
	results: Measure[];
}

export const WEBHOOK_SECTION = '## Webhook answers';
const OURS = ['event', 'video', 'file'];
const RECORDED_KNOBS = ['BENCH_WEBHOOK_MODES', 'BENCH_WEBHOOK_SIZES', 'BENCH_WEBHOOK_SINGLES', 'BENCH_WEBHOOK_BURST', 'BENCH_WEBHOOK_IN_FLIGHT', 'BENCH_WEBHOOK_BYTES_PER_SEC'];

const ms = (value: number) => `${Math.round(value)} ms`;
const runsOf = (m: Measure) => `runs finished ${m.runsFinished} of ${m.runsExpected} so far${m.runsFinished < m.runsExpected ? ' (RUNS MISSING)' : ''}`;
const size = (m: Measure) => (m.sizeMB === null ? '' : ` (${m.sizeMB} MB MP4)`);

/** The rows: every single delivery under 1 s, every burst of ours at >= 0.9 x the floor's rate. */
function rowsOf(result: WebhookResult): Row[] {
	const rows: Row[] = [];
	for (const mode of result.modes) {
		const of = (kind: Measure['kind']) => result.results.filter((m) => m.mode === mode && m.kind === kind);
		for (const m of of('single')) {
			const ours = OURS.includes(m.target);
			const everyOk = m.answered2xx === m.count;
			rows.push({
				name: `${mode}: one delivery, ${m.label}${size(m)}, slowest answer`,
				measured: m.maxMs / 1000,
				goal: ours ? '< 1 s' : '(reference)',
				verdict: !ours ? 'info' : everyOk && m.maxMs < 1000 && m.runsFinished >= m.runsExpected ? 'pass' : 'FAIL',
				detail: `${m.count} deliveries one at a time, each run left to finish: p50 ${ms(m.p50Ms)}, p99 ${ms(m.p99Ms)}, max ${ms(m.maxMs)}; answered ${m.statuses.join('/')}; ${runsOf(m)}, ended in error ${m.failedRuns}`,
			});
		}
		const bursts = of('burst');
		const floor = bursts.find((m) => m.target === 'floor');
		for (const m of bursts) {
			const ours = OURS.includes(m.target);
			const ratio = floor?.perSecond && m.perSecond ? m.perSecond / floor.perSecond : undefined;
			const everyOk = m.answered2xx === m.count;
			rows.push({
				name: `${mode}: burst of ${m.count}, ${m.label}${size(m)}, rate / floor's`,
				measured: ratio,
				goal: ours ? '>= 0.9' : '(reference)',
				verdict: !ours ? 'info' : everyOk && ratio !== undefined && ratio >= 0.9 && m.runsFinished >= m.runsExpected ? 'pass' : 'FAIL',
				detail:
					`${result.inFlight} in flight: ${m.perSecond?.toFixed(1)} answered/s (floor ${floor?.perSecond?.toFixed(1)}/s), ` +
					`answer p50 ${ms(m.p50Ms)}, p99 ${ms(m.p99Ms)}, max ${ms(m.maxMs)}; ${m.answered2xx}/${m.count} answered 2xx; ` +
					`answering process CPU ${m.cpuMsPerDelivery?.toFixed(0)} ms per delivery (work after the answer included); ${runsOf(m)}, ended in error ${m.failedRuns}`,
			});
		}
	}
	return rows;
}

/** The section of bench/RESULTS.md: the side-by-side table, the goals and how it was measured. */
function sectionOf(result: WebhookResult, rows: Row[], loadStart: number, loadEnd: number): string {
	const machine = describeMachine();
	const cell = (m: Measure | undefined, pick: (m: Measure) => string) => (m ? pick(m) : '-');
	const lines = [
		`${WEBHOOK_SECTION} (issue 21)`,
		'',
		`Recorded with \`BENCH_ONLY=webhook npm run bench\` on ${machine.date.slice(0, 10)} (${machine.date}), commit ${machine.commit}, ` +
			`${machine.nproc} vCPUs shared with other work: load average (1 min) **${loadStart.toFixed(2)} at the start, ${loadEnd.toFixed(2)} at the end**. ` +
			`Real n8n 2.41.1 with the built package; regular mode = \`n8n start\` (SQLite, filesystem binary data); queue mode = main + 1 webhook process + 1 worker (\`--concurrency=10\`) on Redis and Postgres (database binary data). ` +
			`MP4s served by the emulator at ${(result.bytesPerSec / 1e6).toFixed(0)} MB/s.`,
		'',
		`| mode | receiver | MP4 | one delivery: answer p50 / max (${result.singles} runs) | burst of ${result.burst} (${result.inFlight} in flight): answered/s | burst answer p50 / p99 | CPU of the answering process per delivery | burst rate / floor | runs finished / expected (one, burst) |`,
		'|---|---|---|---|---|---|---|---|---|',
	];
	for (const mode of result.modes) {
		const floor = result.results.find((m) => m.mode === mode && m.kind === 'burst' && m.target === 'floor');
		const singles = result.results.filter((m) => m.mode === mode && m.kind === 'single');
		for (const single of singles) {
			const burst = result.results.find(
				(m) => m.mode === mode && m.kind === 'burst' && m.target === single.target && (m.sizeMB === single.sizeMB || single.target !== 'file'),
			);
			const ratio = burst?.perSecond && floor?.perSecond ? (burst.perSecond / floor.perSecond).toFixed(2) : '-';
			lines.push(
				`| ${mode} | ${single.label} | ${single.sizeMB === null ? '-' : `${single.sizeMB} MB`} | ${ms(single.p50Ms)} / ${ms(single.maxMs)} | ` +
					`${cell(burst, (m) => (m.perSecond ?? 0).toFixed(1))} | ${cell(burst, (m) => `${ms(m.p50Ms)} / ${ms(m.p99Ms)}`)} | ` +
					`${cell(burst, (m) => `${(m.cpuMsPerDelivery ?? 0).toFixed(0)} ms`)} | ${burst ? ratio : '-'} | ${single.runsFinished} / ${single.runsExpected}${burst ? `; ${burst.runsFinished} / ${burst.runsExpected}` : ''} |`,
			);
		}
	}
	lines.push('', '| goal | measured | result |', '|---|---|---|');
	for (const row of rows.filter((r) => r.verdict !== 'info')) {
		lines.push(`| ${row.name} ${row.goal} | ${row.measured === undefined ? '-' : row.measured.toFixed(2)} | ${row.verdict} |`);
	}
	lines.push(
		'',
		'How it is measured (bench/webhook-answer.mjs): every delivery is a signed `video.completed` for a completed job on the emulator, sent by the benchmark itself; ' +
			'the answer time runs from sending to the answer read. One delivery: sent alone, its run left to finish before the next. ' +
			`Burst: ${result.burst} deliveries, ${result.inFlight} in flight, 1 MB MP4s; rate = deliveries answered / (last answer - first send); ` +
			'every delivery must start one run (counted through the REST API once all have finished). CPU: user + system time of the process that answers ' +
			'(n8n start, or the webhook process) over the burst, until every run has finished, so the fetch after the answer is counted in regular mode ' +
			'and in the webhook process in queue mode. The floor is n8n\'s own Webhook node (2.1, Header Auth, Respond Immediately); the same node ' +
			'without auth shows what reading a credential costs n8n per delivery.',
		'',
	);
	return lines.join('\n');
}

/** Replaces (or adds, before the queue-mode section) the webhook section of RESULTS.md. */
export function writeWebhookSection(section: string, file = path.join(process.cwd(), 'bench/RESULTS.md')): void {
	const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
	const start = previous.indexOf(`\n${WEBHOOK_SECTION}`);
	const rest = start >= 0 ? previous.slice(start + 1) : '';
	const nextHeading = rest.slice(WEBHOOK_SECTION.length).search(/\n## /);
	const after = start >= 0 ? (nextHeading >= 0 ? rest.slice(WEBHOOK_SECTION.length + nextHeading + 1) : '') : '';
	const before = start >= 0 ? previous.slice(0, start + 1) : previous;
	let text: string;
	if (start >= 0) text = `${before}${section}\n${after}`;
	else {
		const queueAt = previous.indexOf('\n## Queue mode');
		text = queueAt >= 0 ? `${previous.slice(0, queueAt + 1)}${section}\n${previous.slice(queueAt + 1)}` : `${previous.trimEnd()}\n\n${section}`;
	}
	fs.writeFileSync(file, text);
}

export async function webhookScenario(rows: Row[]): Promise<WebhookResult> {
	const loadStart = os.loadavg()[0];
	const script = path.join(process.cwd(), 'bench', 'webhook-answer.sh');
	const result = await inTempFolder('sora-bench-webhook-', (folder) => runForResult<WebhookResult>('bash', [script], folder, 'webhook-answer.sh'));
	const loadEnd = os.loadavg()[0];
	const own = rowsOf(result);
	rows.push(...own);
	if (RECORDED_KNOBS.some((name) => process.env[name])) {
		log('  webhook: not the recorded configuration (a BENCH_WEBHOOK_* knob is set): bench/RESULTS.md left alone');
	} else {
		writeWebhookSection(sectionOf(result, own, loadStart, loadEnd));
		log(`  webhook: wrote the "${WEBHOOK_SECTION}" section of bench/RESULTS.md`);
	}
	return result;
}
