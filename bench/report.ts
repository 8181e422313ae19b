// The printed table and bench/RESULTS.md.
import os from 'node:os';

import { mib, sec, type Machine, type Row } from './lib';

const fmt = (value: number | undefined) => (value === undefined ? '-' : value >= 10 ? value.toFixed(1) : value.toFixed(3));

export function table(rows: Row[]): string {
	const header = ['benchmark', 'measured ratio', 'goal', 'result'];
	const body = rows.map((r) => [r.name, fmt(r.measured), r.goal, r.verdict]);
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
	return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

interface ReportInput {
	machine: Machine;
	totalMs: number;
	rows: Row[];
	raw: Record<string, unknown>;
	config: {
		durationMs: number;
		pollAfterMs: number;
		singleRuns: number;
		batchItems: number;
		batchConcurrency: number;
		download: { sizes: number[]; runs: number };
		upload: { sizes: number[]; runs: number };
		scale: { items: number };
	};
}

const sizes = (list: number[]) => list.map(mib).join(', ');

export function resultsMarkdown({ machine, totalMs, rows, raw, config }: ReportInput): string {
	const gib = (machine.memTotalBytes / 1024 ** 3).toFixed(1);
	const seq = raw.sequential as { extrapolatedTo: number | null; items: number } | undefined;
	return `# Benchmark results

Recorded with \`npm run bench\` (bench/run.sh) on ${machine.date.slice(0, 10)}, one run of ${sec(totalMs)}.
Every figure is a ratio measured side by side in that run with the built node: through n8n-core's
real WorkflowExecute (test/harness), and for the side-by-side rows in the real n8n 2.41.1 of the
e2e suite, against the emulator on loopback.
${seq?.extrapolatedTo ? `\n**The sequential ratio is EXTRAPOLATED from ${seq.items} items to ${seq.extrapolatedTo}.**\n` : ''}
## Machine

| | |
|---|---|
| date | ${machine.date} |
| CPU | ${machine.cpuModel} |
| nproc | ${machine.nproc} (shared with other work: see the load average) |
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

- Timing workflow: one Sora Video node, Create with Wait for Completion and Download Video on,
  prompt from the input item; Poll Interval left at its default (10 s), so the polling follows the
  emulator's \`openai-poll-after-ms\` hint (${config.pollAfterMs} ms). Each job takes
  D = ${sec(config.durationMs)} on the emulator. Binary mode: default (memory).
- Wall time: around \`runWorkflow()\`, after a warm-up run. "One item" is the median of
  ${config.singleRuns} one-item runs; the batch (${config.batchItems} items, Concurrency
  ${config.batchConcurrency}) and the sequential run (Concurrency 1) are divided by it. The
  ${config.scale.items}-item batch (Concurrency ${config.scale.items}) has its own one-item runs, and
  beside it the same ${config.scale.items} jobs driven by a bare client (fetch: create, poll at the
  hint, download): that ratio is what the emulator on this machine allows at best.
- Requests: GET /videos/{id} counted per job in the emulator's request log (kind \`get\`). With no
  hint, the node backs off from a quick first check to Poll Interval; the count is recorded so a
  change in the backoff shows.
- Side by side: bench/side-by-side.mjs imports a Sora API credential and an OpenAI credential
  (its Base URL = the emulator) into a fresh n8n 2.41.1 (test/e2e/lib/harness.mjs), and two
  workflows per size: Manual Trigger -> Set + Split Out (N prompts) -> n8n's OpenAI node
  (Video > Generate, sora-2, 4 s, 720x1280) or ours (Create, Wait for Completion, Concurrency N).
  \`n8n execute\` runs them built-in first, then ours, in rounds (A B A B); wall time is the run's
  startedAt -> stoppedAt (n8n's own start-up left out). Every output item's binary is read from
  n8n's store and must be an MP4.
- Memory: the server (emulator for downloads, bench/upload-sink.ts for uploads) runs in its own
  process, and each measurement in a fresh one: the n8n side in n8n's filesystem binary mode
  (bench/memory.ts: Download; bench/upload.ts: Edit with the source video from the binary store),
  and the controls doing the same transfer with plain Node and no node code (memory-control.ts:
  http.get -> pipeline -> createWriteStream; upload-control.ts: a hand-framed multipart body around
  createReadStream -> pipeline -> http.request), one with n8n-core loaded and warmed up like the
  measured process (the denominator) and, for downloads, one bare. Baseline RSS after three
  warm-up transfers and a full GC; \`process.memoryUsage()\` every 20 ms, cross-checked with the
  kernel's VmHWM. Sizes: downloads ${sizes(config.download.sizes)} (${config.download.runs} runs each,
  1 above 1 GiB), uploads ${sizes(config.upload.sizes)} (${config.upload.runs} runs each, 1 above
  1 GiB). Ratio = median node growth / median control growth. Flat = (growth at the largest size -
  growth at the smallest) / (largest - smallest). The stored file (downloads) and the file part the
  sink counted (uploads) must have the exact size.
- Raw JSON of this run: bench/results/latest.json.
`;
}
