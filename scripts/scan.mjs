// Runs n8n's verification scanner on two folders with the file patterns n8n uses for a published
// package: the unpacked tarball and the source. Each leg gets n8n's own verdict (its exported
// analyzePackage, which fails on errors only) and a second ESLint pass with the same config
// (buildScanConfig) that also counts warnings, because this project accepts no finding at all.
// A leg with no files to lint fails too: a scan of nothing proves nothing.
// Usage: SCANNER_MODULE=<scanner.mjs> node scripts/scan.mjs <package-dir> <source-dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [packageDir, sourceDir] = process.argv.slice(2).map((dir) => path.resolve(dir));
const scannerModule = process.env.SCANNER_MODULE;
if (!packageDir || !sourceDir || !scannerModule) {
	process.stderr.write('usage: SCANNER_MODULE=<scanner.mjs> node scripts/scan.mjs <package-dir> <source-dir>\n');
	process.exit(2);
}
const scanner = await import(pathToFileURL(scannerModule).href);
const requireFromScanner = createRequire(scannerModule);
const { ESLint } = requireFromScanner('eslint');
const glob = requireFromScanner('fast-glob');

// The tarball leg's patterns are written inline in n8n's analyzePackageByName (not exported).
const legs = [
	{ name: 'packed tarball', dir: packageDir, patterns: ['**/*.js', 'package.json'] },
	{ name: 'source', dir: sourceDir, patterns: scanner.SOURCE_FILE_PATTERNS },
];

/** Every error and warning n8n's rules report, with the same ESLint options as analyzePackage. */
async function allFindings(dir, files) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const results = await eslint.lintFiles(files);
	const count = results.reduce((sum, r) => sum + r.errorCount + r.warningCount, 0);
	const report = count ? await (await eslint.loadFormatter('stylish')).format(results) : '';
	return { count, report };
}

async function scanLeg({ name, dir, patterns }) {
	if (!fs.existsSync(path.join(dir, 'package.json'))) return `${name}: no package.json in ${dir}`;
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	if (files.length === 0) return `${name}: no files match ${patterns.join(', ')} in ${dir}`;
	const verdict = await scanner.analyzePackage(dir, patterns);
	const findings = await allFindings(dir, files);
	if (!verdict.passed) return `${name}: n8n's verdict: ${verdict.message}\n${verdict.details ?? ''}`;
	if (findings.count) return `${name}: ${findings.count} finding(s)\n${findings.report}`;
	process.stdout.write(`[scan] ${name}: ${files.length} files, no findings\n`);
	return null;
}

let failed = false;
for (const leg of legs) {
	const problem = await scanLeg(leg);
	if (problem) {
		process.stdout.write(`[scan] FAILED ${problem}\n`);
		failed = true;
	}
}
process.exit(failed ? 1 : 0);
