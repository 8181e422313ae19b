// The side-by-side scenario: runs bench/side-by-side.mjs (n8n's built-in OpenAI node vs ours in
// the real n8n of the e2e suite) and turns its runs into rows, one per batch size.
import path from 'node:path';

import { log, median, sec, type Row } from './lib';
import { inTempFolder, runForResult } from './processes';

interface SideRun {
	which: 'builtin' | 'ours';
	count: number;
	wallMs: number;
	cliMs: number;
	items: number;
	mp4s: number;
	getsPerJob: number;
}

interface SideResult {
	durationMs: number;
	pollAfterMs: number;
	runs: SideRun[];
}

async function runSideBySide(folder: string): Promise<SideResult> {
	const script = path.join(process.cwd(), 'bench', 'side-by-side.mjs');
	return await runForResult<SideResult>(process.execPath, [script], folder, 'side-by-side.mjs');
}

export async function sideBySideScenario(rows: Row[]): Promise<SideResult> {
	const result = await inTempFolder('sora-bench-side-', runSideBySide);
	const sizes = [...new Set(result.runs.map((r) => r.count))];
	for (const count of sizes) {
		const of = (which: SideRun['which']) => result.runs.filter((r) => r.count === count && r.which === which);
		const a = of('builtin');
		const b = of('ours');
		const ratio = median(a.map((r) => r.wallMs)) / median(b.map((r) => r.wallMs));
		const everyMp4 = (runs: SideRun[]) => runs.every((r) => r.items === count && r.mp4s === count);
		const gets = (runs: SideRun[]) => runs.map((r) => r.getsPerJob.toFixed(1)).join(' / ');
		rows.push({
			name: `side by side ${count} item${count > 1 ? 's' : ''}: wall built-in OpenAI node / ours`,
			measured: ratio,
			goal: '> 1 (every MP4 back)',
			verdict: everyMp4(b) && ratio > 1 ? 'pass' : 'FAIL',
			detail:
				`real n8n, CLI execute, ${a.length} round(s) A B: built-in ${a.map((r) => sec(r.wallMs)).join(' / ')}, ` +
				`ours (Concurrency ${count}) ${b.map((r) => sec(r.wallMs)).join(' / ')} (median / median); ` +
				`GET /videos/{id} per job: built-in ${gets(a)}, ours ${gets(b)} (ours follows the server's ${result.pollAfterMs} ms hint: D / hint = ${Math.ceil(result.durationMs / result.pollAfterMs)}); ` +
				`every MP4 returned: built-in ${everyMp4(a) ? 'yes' : 'NO'} (${a.map((r) => r.mp4s).join(' / ')} of ${count}), ` +
				`ours ${everyMp4(b) ? 'yes' : 'NO'} (${b.map((r) => r.mp4s).join(' / ')} of ${count})`,
		});
	}
	return result;
}
