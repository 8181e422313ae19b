// Figures a scenario measured: printed (node:test passes console output through) and appended
// to test-results/queue-figures.json for bench/RESULTS.md.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { REPO } from '../../e2e/lib/harness.mjs';

export function writeFigures(scenario, figures) {
	const rounded = Object.fromEntries(
		Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(2)) : v]),
	);
	console.log(`# figures ${scenario}: ${JSON.stringify(rounded)}`);
	const dir = path.join(REPO, 'test-results');
	mkdirSync(dir, { recursive: true });
	appendFileSync(path.join(dir, 'queue-figures.json'), `${JSON.stringify({ scenario, at: new Date().toISOString(), ...rounded })}\n`);
}
