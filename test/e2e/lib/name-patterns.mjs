// `--test-name-pattern`, checked. node runs the tests whose name matches a pattern (or whose
// suite's name does, or the names joined by spaces), and when a pattern matches nothing it runs
// nothing and passes: a mistyped pattern (`a\|b`, where `\|` is a literal pipe) would turn a
// check into one that cannot fail. run.sh therefore adds this module as a reporter, which
// records the tests that really ran, and then runs it as a script, which fails when a pattern
// selected none of them.
//
//   node --test --test-reporter=lib/name-patterns.mjs --test-reporter-destination=ran.jsonl ...
//   node lib/name-patterns.mjs ran.jsonl "pattern" ["pattern" ...]   # exit 1 naming each unused one
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The reporter: one JSON line per test that ran (passed or failed, not skipped or todo), with
 * the names of its suites and its own, e.g. ["Sora Video node ...", "list with Return All ..."].
 */
export default async function* ranTests(source) {
	const open = []; // names of the tests and suites started, by nesting level
	for await (const { type, data } of source) {
		if (type === 'test:start') open[data.nesting] = data.name;
		if (type !== 'test:pass' && type !== 'test:fail') continue;
		if (data.details?.type === 'suite' || data.skip !== undefined || data.todo !== undefined) continue;
		// A file in which nothing ran is reported as one test named after the file: not a test.
		if (data.file && path.resolve(data.name) === data.file) continue;
		yield `${JSON.stringify([...open.slice(0, data.nesting), data.name])}\n`;
	}
}

/** A pattern as node reads it: `/source/flags`, or else the whole string as a regular expression. */
export function toRegExp(pattern) {
	const literal = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
	return literal ? new RegExp(literal[1], literal[2].replace(/[gy]/g, '')) : new RegExp(pattern);
}

/** The patterns that match no test that ran (by a suite's name, its own, or all of them joined). */
export function unusedPatterns(patterns, ran) {
	return patterns.filter((pattern) => {
		const re = toRegExp(pattern);
		return !ran.some((names) => names.some((name) => re.test(name)) || re.test(names.join(' ')));
	});
}

function main([ranFile, ...patterns]) {
	let text = '';
	try {
		text = readFileSync(ranFile, 'utf8');
	} catch {
		// no file: the reporter never wrote a line, so no test ran
	}
	const ran = text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
	const unused = unusedPatterns(patterns, ran);
	for (const pattern of unused) {
		console.error(`[e2e] --test-name-pattern=${JSON.stringify(pattern)} selected no test (of ${ran.length} that ran); a pattern is a regular expression, give several as several flags`);
	}
	return unused.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	process.exitCode = main(process.argv.slice(2));
}
