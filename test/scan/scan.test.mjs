// Proves that scripts/scan.sh really runs n8n's verification scanner: a clean copy of the
// package passes, and each violation planted in a temporary copy (of the packed tarball or of
// the source) fails the scan and is named in its output. Needs a built dist/ (npm run build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let work;

before(() => {
	assert.ok(fs.existsSync(path.join(REPO, 'dist/nodes/SoraVideo/SoraVideo.node.js')), 'run npm run build first');
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'sora-scan-test-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	fs.mkdirSync(path.join(work, 'packed'));
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', path.join(work, 'packed'), '--strip-components=1']);
	// The source as n8n reads it from the repository: package.json, nodes/, credentials/ and
	// the icons they point at (the scanner checks that icon files exist).
	fs.mkdirSync(path.join(work, 'source'));
	for (const entry of ['package.json', 'nodes', 'credentials', 'icons']) {
		fs.cpSync(path.join(REPO, entry), path.join(work, 'source', entry), { recursive: true });
	}
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

/** A fresh copy of one leg with `plant` applied, scanned next to an untouched copy of the other. */
function scanWith({ packed = () => {}, source = () => {} } = {}) {
	const dir = fs.mkdtempSync(path.join(work, 'case-'));
	fs.cpSync(path.join(work, 'packed'), path.join(dir, 'packed'), { recursive: true });
	fs.cpSync(path.join(work, 'source'), path.join(dir, 'source'), { recursive: true });
	packed(path.join(dir, 'packed'));
	source(path.join(dir, 'source'));
	const res = spawnSync('bash', [path.join(REPO, 'scripts/scan.sh')], {
		encoding: 'utf8',
		env: { ...process.env, SCAN_PACKAGE_DIR: path.join(dir, 'packed'), SCAN_SOURCE_DIR: path.join(dir, 'source') },
	});
	return { status: res.status, out: res.stdout + res.stderr };
}

const editJson = (file, change) => {
	const json = JSON.parse(fs.readFileSync(file, 'utf8'));
	change(json);
	fs.writeFileSync(file, JSON.stringify(json, null, 2));
};

test('the untouched package and source pass, and both legs lint real files', () => {
	const { status, out } = scanWith();
	assert.equal(status, 0, out);
	assert.match(out, /packed tarball: ([1-9]\d+) files, no findings/);
	assert.match(out, /source: ([1-9]\d+) files, no findings/);
});

test('console.log in a compiled node file fails the tarball leg (no-console)', () => {
	const { status, out } = scanWith({
		packed: (dir) => fs.appendFileSync(path.join(dir, 'dist/nodes/SoraVideo/SoraVideo.node.js'), '\nconsole.log("debug");\n'),
	});
	assert.equal(status, 1, out);
	assert.match(out, /FAILED packed tarball/);
	assert.match(out, /source: \d+ files, no findings/);
	assert.match(out, /SoraVideo\.node\.js[\s\S]*no-console/);
});

test('a Node built-in import in a node source file fails the source leg (no-restricted-imports)', () => {
	const { status, out } = scanWith({
		source: (dir) => {
			const file = path.join(dir, 'nodes/SoraVideo/helpers/parameters.ts');
			fs.writeFileSync(file, `import { readFileSync } from 'fs';\nexport const planted = readFileSync;\n${fs.readFileSync(file, 'utf8')}`);
		},
	});
	assert.equal(status, 1, out);
	assert.match(out, /FAILED source/);
	assert.match(out, /packed tarball: \d+ files, no findings/);
	assert.match(out, /parameters\.ts[\s\S]*@n8n\/community-nodes\/no-restricted-imports/);
});

test('a package name n8n does not accept fails (package-name-convention)', () => {
	const { status, out } = scanWith({ source: (dir) => editJson(path.join(dir, 'package.json'), (p) => (p.name = 'sora-video-nodes')) });
	assert.equal(status, 1, out);
	assert.match(out, /@n8n\/community-nodes\/package-name-convention/);
});

test('a warning fails too, though n8n itself would pass it (require-homepage)', () => {
	const { status, out } = scanWith({ packed: (dir) => editJson(path.join(dir, 'package.json'), (p) => delete p.homepage) });
	assert.equal(status, 1, out);
	assert.doesNotMatch(out, /n8n's verdict/);
	assert.match(out, /source: \d+ files, no findings/);
	assert.match(out, /FAILED packed tarball: 1 finding\(s\)[\s\S]*require-homepage/);
});
