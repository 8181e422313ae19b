// End-to-end harness: a REAL n8n (the pinned install from install-n8n.sh) with the BUILT
// package installed the way a user's n8n has it, and the emulator as a separate process.
// Every process is started in its own process group, recorded in $SORA_E2E_WORK/pids
// (run.sh's trap kills what is left there) and stopped by the tests' after() hooks.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { makePng as makeFixturePng } from '../../fixtures/png.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGE_NAME = 'n8n-nodes-sora-video';
/** Installed community packages' node types read `<package>.<name>` (checked in n8n 2.41.1). */
export const NODE_TYPE = `${PACKAGE_NAME}.soraVideo`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.soraVideoTrigger`;
export const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';

const cache = process.env.SORA_CACHE || path.join(homedir(), '.cache', 'n8n-nodes-sora-video');
export const N8N_DIR = process.env.SORA_E2E_N8N_DIR || path.join(cache, `n8n-${N8N_VERSION}`);
const N8N_MAIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

const WORK = process.env.SORA_E2E_WORK || mkdtempSync(path.join(tmpdir(), 'sora-e2e-'));
mkdirSync(WORK, { recursive: true });
const PIDS = path.join(WORK, 'pids');
const KEEP = process.env.SORA_E2E_KEEP === '1';

/** Modules from the n8n install (flatted for execution data), never from the product. */
export const n8nRequire = createRequire(path.join(N8N_DIR, 'package.json'));

export function assertN8nInstalled() {
	if (!existsSync(N8N_MAIN)) {
		throw new Error(`n8n is not installed at ${N8N_DIR}: run bash test/e2e/install-n8n.sh (or npm run test:e2e)`);
	}
	if (!process.version.startsWith('v24.')) {
		throw new Error(`n8n 2.x needs Node 24, this is ${process.version}: source scripts/node24.sh first`);
	}
}

export function log(...args) {
	if (process.env.SORA_E2E_VERBOSE === '1') console.error('[e2e]', ...args);
}

// ---------------------------------------------------------------- processes

const live = new Set();

function track(child, label) {
	appendFileSync(PIDS, `${child.pid} ${label}\n`);
	live.add(child);
	child.on('exit', () => live.delete(child));
}

function killGroup(child, signal = 'SIGTERM') {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
	// run.sh owns SORA_E2E_WORK; a folder made here (tests run directly) is ours to remove.
	if (!process.env.SORA_E2E_WORK && !KEEP) rmSync(WORK, { recursive: true, force: true });
});

/** Stops a detached child and its group; SIGKILL after `graceMs`. */
export async function stopProcess(child, graceMs = 5000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	killGroup(child, 'SIGKILL'); // the task runner and other grandchildren
}

/** Runs a command to completion with a hard timeout; resolves {code, stdout, stderr}. */
export function run(cmd, args, { env, cwd, timeoutMs = 120_000, label = path.basename(cmd) } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		track(child, label);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child, 'SIGKILL');
			if (timedOut) {
				reject(new Error(`${label} ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(stdout)}\n${tail(stderr)}`));
			} else {
				resolve({ code: code ?? (signal ? 128 : 0), stdout, stderr });
			}
		});
	});
}

const tail = (text, lines = 40) => text.split('\n').slice(-lines).join('\n');

export async function freePort() {
	return await new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

export async function waitFor(check, { timeoutMs = 30_000, intervalMs = 250, what = 'condition' } = {}) {
	const until = Date.now() + timeoutMs;
	let last;
	while (Date.now() < until) {
		try {
			const value = await check();
			if (value) return value;
		} catch (e) {
			last = e;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

// ---------------------------------------------------------------- emulator

/** Starts `node emulator/cli.js` on a free loopback port and reads its base URL and key. */
export async function startEmulator(args = []) {
	const cli = path.join(REPO, 'emulator', 'cli.js');
	if (!existsSync(cli)) throw new Error(`the emulator is missing: ${cli}`);
	const child = spawn(process.execPath, [cli, '--port', '0', ...args], {
		cwd: REPO,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	track(child, 'emulator');
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const started = await waitFor(
		() => {
			if (child.exitCode !== null) throw new Error(`emulator exited (${child.exitCode}): ${out}`);
			const m = /base URL (\S+)\s+API key (\S+)/.exec(out);
			return m && { baseUrl: m[1], apiKey: m[2] };
		},
		{ timeoutMs: 15_000, intervalMs: 50, what: 'the emulator to listen' },
	);
	const origin = new URL(started.baseUrl).origin;
	const admin = async (method, route, body) => {
		const res = await fetch(`${origin}/__emulator/${route}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		});
		const json = await res.json();
		if (!res.ok) throw new Error(`emulator ${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	};
	/** Calls the Sora API of the emulator directly (as another client would). */
	const api = async (method, route, body) => {
		const res = await fetch(`${started.baseUrl}${route}`, {
			method,
			headers: {
				authorization: `Bearer ${started.apiKey}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		});
		const json = await res.json();
		if (!res.ok) throw new Error(`emulator API ${method} ${route}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	};
	return {
		...started,
		origin,
		process: child,
		output: () => out,
		jobs: () => admin('GET', 'jobs'),
		requests: () => admin('GET', 'requests'),
		webhooks: () => admin('GET', 'webhooks'),
		setFaults: (rules) => admin('POST', 'faults', rules),
		reset: () => admin('POST', 'reset'),
		setWebhook: (url, secret) => admin('POST', 'webhook', { url, secret }),
		setOptions: (options) => admin('POST', 'options', options),
		/** The bytes the emulator serves for a video's asset (what the node should have stored). */
		content: async (videoId, variant = 'video') => {
			const res = await fetch(`${started.baseUrl}/videos/${encodeURIComponent(videoId)}/content?variant=${variant}`, {
				headers: { authorization: `Bearer ${started.apiKey}` },
				signal: AbortSignal.timeout(10_000),
			});
			if (!res.ok) throw new Error(`emulator content ${videoId} ${variant}: ${res.status} ${await res.text()}`);
			return Buffer.from(await res.arrayBuffer());
		},
		api,
		stop: () => stopProcess(child),
	};
}

// ---------------------------------------------------------------- n8n

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

	const baseEnv = Object.fromEntries(
		Object.entries(process.env).filter(([k]) => !/^(N8N_|DB_|WEBHOOK_URL$|QUEUE_|EXECUTIONS_|GENERIC_TIMEZONE$)/.test(k)),
	);
	const env = {
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

	const inst = {
		name,
		userFolder,
		n8nFolder,
		/** This instance's ~/.n8n-files: the one folder its file nodes may write to by default. */
		filesDir,
		env,
		/** `n8n <args>` to completion; each call gets its own task-broker port. */
		async cli(args, { timeoutMs = 120_000, allowFail = false } = {}) {
			const started = Date.now();
			const res = await run(process.execPath, [N8N_MAIN, ...args], {
				env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), N8N_PORT: String(await freePort()) },
				cwd: userFolder,
				timeoutMs,
				label: `n8n ${args[0]}`,
			});
			log(`n8n ${args.join(' ')} -> ${res.code} in ${Date.now() - started} ms`);
			if (res.code !== 0 && !allowFail) {
				throw new Error(`n8n ${args.join(' ')} exited ${res.code}\n--- stdout\n${tail(res.stdout)}\n--- stderr\n${tail(res.stderr)}`);
			}
			return res;
		},
		async importCredentials(credentials) {
			const file = path.join(userFolder, `credentials-${randomUUID()}.json`);
			writeFileSync(file, JSON.stringify(credentials, null, 2));
			const res = await inst.cli(['import:credentials', `--input=${file}`]);
			rmSync(file, { force: true });
			if (!/Successfully imported/.test(res.stdout + res.stderr)) {
				throw new Error(`import:credentials did not report success\n${tail(res.stdout)}\n${tail(res.stderr)}`);
			}
		},
		/** Imports workflow objects (each with an `id`) in one CLI call. */
		async importWorkflows(workflows) {
			const dir = mkdtempSync(path.join(userFolder, 'workflows-'));
			for (const wf of workflows) {
				if (!wf.id) throw new Error(`workflow "${wf.name}" has no id`);
				writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
			}
			const res = await inst.cli(['import:workflow', '--separate', `--input=${dir}`]);
			if (!/Successfully imported/.test(res.stdout + res.stderr)) {
				throw new Error(`import:workflow did not report success\n${tail(res.stdout)}\n${tail(res.stderr)}`);
			}
		},
		/**
		 * `n8n execute --id=ID --rawOutput`: returns the run (IRun) it prints as JSON.
		 * n8n's own log lines come first; the run is the pretty-printed object that starts
		 * at the first line consisting of `{`.
		 */
		async execute(id, { timeoutMs = 120_000 } = {}) {
			const res = await inst.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, allowFail: true });
			const lines = res.stdout.split('\n');
			const start = lines.indexOf('{');
			if (res.code !== 0 || start < 0) {
				throw new Error(`n8n execute --id=${id} failed (exit ${res.code})\n--- stdout\n${tail(res.stdout, 80)}\n--- stderr\n${tail(res.stderr)}`);
			}
			const runData = JSON.parse(lines.slice(start).join('\n'));
			return new ExecutionResult(runData, inst);
		},
		/** Absolute path of a binary stored in filesystem mode (`filesystem-v2:<relative path>`). */
		binaryPath(binary) {
			const id = String(binary?.id ?? '');
			const m = /^filesystem(?:-v2)?:(.+)$/.exec(id);
			if (!m) throw new Error(`binary is not in filesystem mode: ${JSON.stringify(binary)}`);
			const storage = path.join(n8nFolder, 'storage');
			const file = path.resolve(storage, m[1]);
			if (!file.startsWith(storage + path.sep)) throw new Error(`binary id escapes the storage folder: ${id}`);
			return file;
		},
		readBinary(binary) {
			if (binary?.id) return readFileSync(inst.binaryPath(binary));
			return Buffer.from(binary.data, 'base64');
		},
		/** Starts `n8n start` on a free port; resolves once /healthz/readiness answers 200. */
		async start({ timeoutMs = 90_000 } = {}) {
			const port = await freePort();
			const url = `http://127.0.0.1:${port}`;
			const child = spawn(process.execPath, [N8N_MAIN, 'start'], {
				env: {
					...env,
					N8N_PORT: String(port),
					N8N_HOST: '127.0.0.1',
					N8N_PROTOCOL: 'http',
					N8N_EDITOR_BASE_URL: `${url}/`,
					WEBHOOK_URL: `${url}/`,
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				},
				cwd: userFolder,
				detached: true,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			track(child, 'n8n start');
			let out = '';
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (out += d));
			await waitFor(
				async () => {
					if (child.exitCode !== null) throw new Error(`n8n start exited (${child.exitCode})`);
					const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
					return res.ok;
				},
				{ timeoutMs, intervalMs: 500, what: `n8n start on ${url}` },
			).catch((e) => {
				throw new Error(`${e.message}\n--- n8n output\n${tail(out, 60)}`);
			});
			// Active workflows are published after the server listens: wait for the log line.
			await waitFor(() => /Editor is now accessible via/.test(out), {
				timeoutMs,
				intervalMs: 250,
				what: 'n8n to finish starting',
			}).catch(() => {});
			const server = new N8nServer(url, child, () => out);
			inst.server = server;
			return server;
		},
		async dispose() {
			if (inst.server) await inst.server.stop();
			if (!KEEP) rmSync(userFolder, { recursive: true, force: true });
		},
	};
	return inst;
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

/** A finished run printed by `n8n execute`, with helpers to reach node outputs. */
export class ExecutionResult {
	constructor(runData, inst) {
		this.run = runData;
		this.inst = inst;
	}
	get status() {
		return this.run.status;
	}
	get error() {
		return this.run.data?.resultData?.error;
	}
	nodeRuns(nodeName) {
		const runs = this.run.data?.resultData?.runData?.[nodeName];
		if (!runs) {
			const names = Object.keys(this.run.data?.resultData?.runData ?? {});
			throw new Error(`node "${nodeName}" did not run (ran: ${names.join(', ')})`);
		}
		return runs;
	}
	/** Items of the node's first run, output 0. */
	items(nodeName, output = 0) {
		const runData = this.nodeRuns(nodeName)[0];
		if (runData.error) throw new Error(`node "${nodeName}" failed: ${runData.error.message}`);
		return runData.data?.main?.[output] ?? [];
	}
	readBinary(binary) {
		return this.inst.readBinary(binary);
	}
	describe() {
		return JSON.stringify(this.run, null, 1).slice(0, 4000);
	}
}

/** A running `n8n start`: REST client (owner account, executions) and shutdown. */
export class N8nServer {
	constructor(url, child, output) {
		this.url = url;
		this.process = child;
		this.output = output;
		this.browserId = randomUUID();
		this.cookie = '';
	}
	async rest(method, route, body) {
		const res = await fetch(`${this.url}/rest${route}`, {
			method,
			headers: {
				'browser-id': this.browserId,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(15_000),
		});
		const setCookie = res.headers.getSetCookie?.() ?? [];
		const auth = setCookie.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth;
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!res.ok) throw new Error(`n8n ${method} /rest${route}: ${res.status} ${text.slice(0, 500)}`);
		return json?.data !== undefined ? json.data : json;
	}
	/** Sets up the instance owner (a fresh instance has none) and keeps its session cookie. */
	async setupOwner(owner = OWNER) {
		await this.rest('POST', '/owner/setup', owner);
		return owner;
	}
	async login(owner = OWNER) {
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
	}
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await this.rest('GET', `/executions?filter=${filter}&limit=50`);
		return res.results ?? res;
	}
	/** Full execution with its run data (stored flatted, parsed with n8n's own flatted). */
	async execution(id) {
		const exec = await this.rest('GET', `/executions/${id}`);
		if (typeof exec.data === 'string') exec.data = n8nRequire('flatted').parse(exec.data);
		return exec;
	}
	async stop() {
		await stopProcess(this.process, 10_000);
	}
}

export const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'Ada',
	lastName: 'Tester',
	password: 'E2e-Passw0rd-long-enough',
};

// ---------------------------------------------------------------- workflows

export const CREDENTIAL_ID = 'soraE2eCredential1';
export const CREDENTIAL_NAME = 'Sora emulator (e2e)';

export function soraCredential(emulator, extra = {}) {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'soraApi',
		data: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, authType: 'bearer', ...extra },
	};
}

/** test/e2e/workflows/<name>.json */
export const workflowFile = (name) => path.join(REPO, 'test', 'e2e', 'workflows', `${name}.json`);

/** Reads a workflow fixture and points every Sora node at the e2e credential. */
export function loadWorkflow(file, { id, replacements = {} } = {}) {
	let text = readFileSync(file, 'utf8');
	for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
	const wf = JSON.parse(text);
	return useCredential(wf, { id });
}

export function useCredential(wf, { id } = {}) {
	wf.id = id || wf.id;
	wf.active = false;
	wf.settings = { executionOrder: 'v1', ...(wf.settings ?? {}) };
	for (const node of wf.nodes) {
		if (node.type.startsWith(`${PACKAGE_NAME}.`) || node.type.startsWith('CUSTOM.')) {
			node.type = `${PACKAGE_NAME}.${node.type.split('.').pop()}`;
			node.credentials = { soraApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
	}
	return wf;
}

/** examples/: the workflows users import, tested as shipped. */
export const EXAMPLES_DIR = path.join(REPO, 'examples');
export const exampleFile = (name) => path.join(EXAMPLES_DIR, name.endsWith('.json') ? name : `${name}.json`);
/**
 * Where the examples write files: n8n 2.x's default allowed folder (~/.n8n-files) as it is
 * in the official Docker image, whose user is `node`.
 */
export const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';

/**
 * examples/<name>.json as shipped, ready to import into `inst`: Sora nodes use the e2e
 * credential, and file paths under /home/node/.n8n-files point at the instance's own
 * ~/.n8n-files (the same folder under another home), so n8n's default file restriction,
 * not a loosened one, is what lets the write through. Nothing else is changed.
 */
export function loadExample(name, inst) {
	const wf = useCredential(JSON.parse(readFileSync(exampleFile(name), 'utf8')));
	for (const node of wf.nodes) {
		if (node.type !== 'n8n-nodes-base.readWriteFile') continue;
		const fileName = String(node.parameters?.fileName ?? '');
		const at = fileName.indexOf(`${EXAMPLE_FILES_DIR}/`);
		if (at < 0 || at > 1) {
			throw new Error(`${name}: "${node.name}" writes to ${fileName}, expected a path under ${EXAMPLE_FILES_DIR}/`);
		}
		node.parameters.fileName = fileName.replace(EXAMPLE_FILES_DIR, inst.filesDir);
	}
	return wf;
}

// ---------------------------------------------------------------- media

/**
 * A solid-colour RGB PNG of the given size, from the shared maker: the e2e suite embeds it in
 * workflow JSON, where one colour keeps it a few kilobytes.
 */
export const makePng = (width, height, rgb = [40, 120, 200]) => makeFixturePng(width, height, rgb);

/** MP4 files start with a box whose type is `ftyp` (bytes 4..8). */
export const isMp4 = (buf) => buf.length > 12 && buf.subarray(4, 8).toString('latin1') === 'ftyp';
/** WebP: RIFF....WEBP */
export const isWebp = (buf) =>
	buf.length > 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP';
