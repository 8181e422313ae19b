// One isolated n8n per test file: its own user folder (sqlite DB, binary data, settings,
// community packages), encryption key, home and ports; the built package installed the way a
// user's n8n has it; the n8n CLI (import, execute) and `n8n start`.
import { createHash, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { KEEP, N8N_MAIN, PACKAGE_NAME, REPO, WORK, assertN8nInstalled, log } from './config.mjs';
import { ExecutionResult } from './execution.mjs';
import { freePort, run, spawnTracked, tail, waitFor } from './processes.mjs';
import { N8nServer } from './rest.mjs';

/** The caller's environment without any N8N_* / DB_* setting, plus this instance's own. */
function isolatedEnv(userFolder, home) {
	const baseEnv = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => !/^(N8N_|DB_|WEBHOOK_URL$|QUEUE_|EXECUTIONS_|GENERIC_TIMEZONE$)/.test(k)),
	);
	return {
		...baseEnv,
		HOME: home,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: createHash('sha256').update(userFolder).digest('hex'),
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: process.env.SORA_E2E_N8N_LOG_LEVEL || 'info',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_MODE: 'internal',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
	};
}

/** Copies the packed package (run.sh packs it) or package.json + dist into nodes/node_modules. */
function installPackage(n8nFolder) {
	const target = path.join(n8nFolder, 'nodes', 'node_modules', PACKAGE_NAME);
	mkdirSync(target, { recursive: true });
	const extracted = process.env.SORA_E2E_PACKAGE_DIR;
	if (extracted) {
		cpSync(extracted, target, { recursive: true });
	} else {
		if (!existsSync(path.join(REPO, 'dist', 'package.json')) && !existsSync(path.join(REPO, 'dist', 'nodes'))) {
			throw new Error('dist/ is missing: build first (npx n8n-node build) or run through test/e2e/run.sh');
		}
		cpSync(path.join(REPO, 'package.json'), path.join(target, 'package.json'));
		cpSync(path.join(REPO, 'dist'), path.join(target, 'dist'), { recursive: true });
	}
	// What n8n's own installer leaves beside the packages.
	writeFileSync(
		path.join(n8nFolder, 'nodes', 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: '*' } }, null, 2),
	);
}

/** `n8n <args>` to completion; each call gets its own task-broker port. */
async function cli(inst, args, { timeoutMs = 120_000, allowFail = false } = {}) {
	const started = Date.now();
	const res = await run(process.execPath, [N8N_MAIN, ...args], {
		env: { ...inst.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_PORT: String(await freePort()) },
		cwd: inst.userFolder,
		timeoutMs,
		label: `n8n ${args[0]}`,
	});
	log(`n8n ${args.join(' ')} -> ${res.code} in ${Date.now() - started} ms`);
	if (res.code !== 0 && !allowFail) {
		throw new Error(`n8n ${args.join(' ')} exited ${res.code}\n--- stdout\n${tail(res.stdout)}\n--- stderr\n${tail(res.stderr)}`);
	}
	return res;
}

/** An `n8n import:*` call that must say it succeeded. */
async function importFrom(inst, command, args) {
	const res = await cli(inst, [command, ...args]);
	if (!/Successfully imported/.test(res.stdout + res.stderr)) {
		throw new Error(`${command} did not report success\n${tail(res.stdout)}\n${tail(res.stderr)}`);
	}
}

/**
 * `n8n execute --id=ID --rawOutput`: returns the run (IRun) it prints as JSON. n8n's own log
 * lines come first, and a late task-runner line can follow; the run is the pretty-printed object
 * from the first line `{` to the first line `}` (its own braces are the only ones at column 0).
 */
async function execute(inst, id, { timeoutMs = 120_000 } = {}) {
	const res = await cli(inst, ['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, allowFail: true });
	const lines = res.stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start + 1);
	if (res.code !== 0 || start < 0 || end < 0) {
		throw new Error(`n8n execute --id=${id} failed (exit ${res.code})\n--- stdout\n${tail(res.stdout, 80)}\n--- stderr\n${tail(res.stderr)}`);
	}
	return new ExecutionResult(JSON.parse(lines.slice(start, end + 1).join('\n')), inst);
}

/** Absolute path of a binary stored in filesystem mode (`filesystem-v2:<relative path>`). */
function binaryPath(inst, binary) {
	const id = String(binary?.id ?? '');
	const m = /^filesystem(?:-v2)?:(.+)$/.exec(id);
	if (!m) throw new Error(`binary is not in filesystem mode: ${JSON.stringify(binary)}`);
	const storage = path.join(inst.n8nFolder, 'storage');
	const file = path.resolve(storage, m[1]);
	if (!file.startsWith(storage + path.sep)) throw new Error(`binary id escapes the storage folder: ${id}`);
	return file;
}

/** `n8n start` on a free port; resolves once /healthz/readiness answers 200. */
async function start(inst, { timeoutMs = 180_000 } = {}) {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = {
		...inst.env,
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${url}/`,
		WEBHOOK_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	const { child, output } = spawnTracked(process.execPath, [N8N_MAIN, 'start'], { env, cwd: inst.userFolder, label: 'n8n start' });
	const ready = async () => {
		if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode})`);
		return (await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(10_000) })).ok;
	};
	await waitFor(ready, { timeoutMs, intervalMs: 500, what: `n8n start on ${url}` }).catch((e) => {
		throw new Error(`${e.message}\n--- n8n output\n${tail(output(), 60)}`);
	});
	// Active workflows are published after the server listens: wait for the log line.
	await waitFor(() => /Editor is now accessible via/.test(output()), {
		timeoutMs,
		intervalMs: 250,
		what: 'n8n to finish starting',
	}).catch(() => {});
	inst.server = new N8nServer(url, child, output);
	return inst.server;
}

/**
 * One isolated n8n: its own user folder (sqlite DB, binary data, settings, community
 * packages), encryption key and ports. Nothing from the caller's N8N_* / DB_* env leaks in.
 */
export function createN8n(name = 'n8n') {
	assertN8nInstalled();
	const userFolder = mkdtempSync(path.join(WORK, `${name}-`));
	const n8nFolder = path.join(userFolder, '.n8n');
	installPackage(n8nFolder);
	// A home of its own: n8n 2.x lets file nodes use only ~/.n8n-files by default
	// (N8N_RESTRICT_FILE_ACCESS_TO), so a workflow's files land here, never in the real home.
	const home = path.join(userFolder, 'home');
	const filesDir = path.join(home, '.n8n-files');
	mkdirSync(filesDir, { recursive: true });

	const inst = {
		name,
		userFolder,
		n8nFolder,
		/** This instance's ~/.n8n-files: the one folder its file nodes may write to by default. */
		filesDir,
		env: isolatedEnv(userFolder, home),
		cli: (args, options) => cli(inst, args, options),
		async importCredentials(credentials) {
			const file = path.join(userFolder, `credentials-${randomUUID()}.json`);
			writeFileSync(file, JSON.stringify(credentials, null, 2));
			await importFrom(inst, 'import:credentials', [`--input=${file}`]).finally(() => rmSync(file, { force: true }));
		},
		/** Imports workflow objects (each with an `id`) in one CLI call. */
		async importWorkflows(workflows) {
			const dir = mkdtempSync(path.join(userFolder, 'workflows-'));
			for (const wf of workflows) {
				if (!wf.id) throw new Error(`workflow "${wf.name}" has no id`);
				writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
			}
			await importFrom(inst, 'import:workflow', ['--separate', `--input=${dir}`]);
		},
		execute: (id, options) => execute(inst, id, options),
		binaryPath: (binary) => binaryPath(inst, binary),
		readBinary(binary) {
			if (binary?.id) return readFileSync(binaryPath(inst, binary));
			return Buffer.from(binary.data, 'base64');
		},
		start: (options) => start(inst, options),
		async dispose() {
			if (inst.server) await inst.server.stop();
			if (!KEEP) rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return inst;
}
