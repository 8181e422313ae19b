// The e2e harness's own check of --test-name-pattern (lib/name-patterns.mjs), on a small test
// file run by a real `node --test` with the reporter, as run.sh runs it: a pattern that selects
// no test (the README once had `a\|b`, a literal pipe) must fail the check; working patterns,
// given as several flags, must pass it. Run by `npm test` (scripts/test.sh), no n8n needed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { toRegExp, unusedPatterns } from './name-patterns.mjs';

const MODULE = fileURLToPath(new URL('./name-patterns.mjs', import.meta.url));

const SAMPLE = `
import { describe, test } from 'node:test';
describe('Sora Video node in a real n8n', () => {
	test('image reference from a binary is uploaded', () => {});
	test('a failed job with Continue On Fail outputs an item', () => {});
	test('remix chained from a create', () => {});
	test('a skipped case', { skip: true }, () => {});
});
test('list with Return All returns every video', () => {});
`;

describe('--test-name-pattern check (run.sh)', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'name-patterns-'));
	const sample = path.join(dir, 'sample.e2e.mjs');
	writeFileSync(sample, SAMPLE);
	after(() => rmSync(dir, { recursive: true, force: true }));

	/** node --test with the reporter and the patterns, then the check: what run.sh does. */
	function run(patterns) {
		const ran = path.join(dir, `ran-${Math.random().toString(36).slice(2)}.jsonl`);
		const flags = patterns.map((p) => `--test-name-pattern=${p}`);
		// Without NODE_TEST_CONTEXT, which would make the inner runner report to this one instead.
		const { NODE_TEST_CONTEXT, ...env } = process.env;
		const tests = spawnSync(process.execPath, ['--test', `--test-reporter=${MODULE}`, `--test-reporter-destination=${ran}`, ...flags, sample], { cwd: dir, env, encoding: 'utf8' });
		const check = spawnSync(process.execPath, [MODULE, ran, ...patterns], { encoding: 'utf8' });
		let names = [];
		try {
			names = readFileSync(ran, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
		} catch {
			// nothing ran
		}
		return { testsStatus: tests.status, checkStatus: check.status, stderr: check.stderr, names };
	}

	test('the old README pattern with \\| selects nothing: node passes, the check fails naming it', () => {
		const result = run(['image reference\\|Continue On Fail\\|Return All']);
		assert.equal(result.testsStatus, 0, 'node --test itself passes when nothing matches');
		assert.deepEqual(result.names, []);
		assert.equal(result.checkStatus, 1);
		assert.match(result.stderr, /selected no test/);
	});

	test('one pattern per flag selects the three tests and passes; a skipped test does not count', () => {
		const result = run(['image reference', 'Continue On Fail', 'Return All']);
		assert.equal(result.testsStatus, 0);
		assert.equal(result.checkStatus, 0, result.stderr);
		assert.deepEqual(result.names, [
			['Sora Video node in a real n8n', 'image reference from a binary is uploaded'],
			['Sora Video node in a real n8n', 'a failed job with Continue On Fail outputs an item'],
			['list with Return All returns every video'],
		]);
		assert.equal(run(['a skipped case']).checkStatus, 1);
	});

	test('one unused pattern among good ones fails the check, and only it is named', () => {
		const result = run(['Return All', 'no such test']);
		assert.equal(result.checkStatus, 1);
		assert.match(result.stderr, /"no such test" selected no test/);
		assert.doesNotMatch(result.stderr, /"Return All"/);
	});

	test('patterns are read as node reads them: /source/flags, alternation, suite names', () => {
		assert.equal(toRegExp('/RETURN all/i').test('list with Return All'), true);
		const ran = [['Suite', 'remix chained'], ['list with Return All']];
		assert.deepEqual(unusedPatterns(['remix|nothing', 'Suite remix', '^Suite$', 'x\\|y'], ran), ['x\\|y']);
	});
});
