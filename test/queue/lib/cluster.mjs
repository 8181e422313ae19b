// n8n in queue mode, as a team runs it: one main process (editor, REST, triggers), webhook
// processes (`n8n webhook`) and workers (`n8n worker --concurrency=N`), all on one Postgres and
// one Redis, all with the same encryption key, each with its own user folder holding the
// package in nodes/node_modules (what installing a community package leaves on every host).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { N8N_DIR, createN8n, freePort, stopProcess, waitFor } from '../../e2e/lib/harness.mjs';
import { pgConfig } from './pg.mjs';

const N8N_MAIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
const PIDS = path.join(process.env.SORA_E2E_WORK ?? '', 'pids');

/**
 * The settings that matter in queue mode (README "Queue mode" lists them for users).
 * DB_POSTGRESDB_POOL_SIZE: n8n's default is 2 connections per process. A webhook process writes
 * an execution row per accepted delivery; an unpaced burst of ~400 deliveries timed out waiting
 * for a connection with 2 ("timeout exceeded when trying to connect"). Paced deliveries pass
 * with 2 (SORA_QUEUE_PG_POOL=2); 20 leaves room for bursts.
 */
export function queueEnv({ database, prefix, encryptionKey }) {
	const pg = pgConfig();
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(process.env.QUEUE_REDIS_PORT),
		QUEUE_BULL_PREFIX: prefix,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_POOL_SIZE: process.env.SORA_QUEUE_PG_POOL || '20', // n8n's default is 2
		N8N_ENCRYPTION_KEY: encryptionKey,
		// Every process stops within a few seconds when told to (the suite's stop and restart).
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		// Keep every execution: the tests read them back.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
	};
}

/** `n8n <command>` as a long-running process of the cluster; output kept in memory and a log file. */
async function spawnN8n(inst, args, extraEnv, label) {
	const env = { ...inst.env, ...extraEnv, N8N_RUNNERS_BROKER_PORT: String(await freePort()) };
	const child = spawn(process.execPath, [N8N_MAIN, ...args], {
		env,
		cwd: inst.userFolder,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	appendFileSync(PIDS, `${child.pid} ${label}\n`);
	const logFile = path.join(inst.userFolder, `${label}.log`);
	let out = '';
	const keep = (d) => {
		out = (out + d).slice(-200_000);
		appendFileSync(logFile, d);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	return { child, label, output: () => out, logFile, stop: () => stopProcess(child, 10_000) };
}

async function untilHealthy(proc, url, what) {
	await waitFor(
		async () => {
			if (proc.child.exitCode !== null) throw new Error(`${what} exited (${proc.child.exitCode})`);
			const res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
			return res.ok;
		},
		{ timeoutMs: 120_000, intervalMs: 500, what },
	).catch((e) => {
		throw new Error(`${e.message}\n--- ${what} output\n${proc.output().slice(-4000)}`);
	});
}

/** Peak and current resident memory (MiB) of a process, from /proc (VmHWM is the kernel's peak). */
export function memoryOf(pid) {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
	return { rssMiB: kb('VmRSS') / 1024, peakMiB: kb('VmHWM') / 1024 };
}

/**
 * Starts main + webhook processes + workers. `setup(main)` runs before any process starts
 * (imports, publishing: the CLI writes to the shared database).
 */
export async function startCluster({ database, name = 'queue', webhooks = 2, workers = 2, concurrency = 10, env = {}, setup }) {
	const encryptionKey = randomBytes(24).toString('hex');
	const shared = { ...queueEnv({ database, prefix: `bull-${name}`, encryptionKey }), ...env };
	const make = (role) => {
		const inst = createN8n(`${name}-${role}`);
		Object.assign(inst.env, shared);
		return inst;
	};
	const mainInst = make('main');
	if (setup) await setup(mainInst);
	const server = await mainInst.start({ timeoutMs: 180_000 });

	const cluster = {
		main: mainInst,
		server,
		webhookProcs: [],
		workerProcs: [],
		webhookUrls: [],
		/** Starts (or restarts) worker `i` and waits until it takes jobs. */
		async startWorker(i) {
			const inst = cluster.workerInsts[i] ?? (cluster.workerInsts[i] = make(`worker${i + 1}`));
			const port = await freePort();
			const proc = await spawnN8n(
				inst,
				['worker', `--concurrency=${concurrency}`],
				{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port), N8N_PORT: String(port) },
				`worker${i + 1}`,
			);
			cluster.workerProcs[i] = proc;
			await untilHealthy(proc, `http://127.0.0.1:${port}/healthz/readiness`, `worker ${i + 1}`);
			return proc;
		},
		workerInsts: [],
		async stop() {
			await Promise.all([...cluster.webhookProcs, ...cluster.workerProcs].map((p) => p?.stop()));
			await mainInst.dispose();
			for (const inst of cluster.workerInsts) await inst.dispose();
			for (const inst of cluster.webhookInsts ?? []) await inst.dispose();
		},
	};
	try {
		// All at once: each process spends most of its start on its own (loading nodes).
		cluster.webhookInsts = Array.from({ length: webhooks }, (_, i) => make(`webhook${i + 1}`));
		const starting = cluster.webhookInsts.map(async (inst, i) => {
			const port = await freePort();
			const url = `http://127.0.0.1:${port}`;
			const proc = await spawnN8n(inst, ['webhook'], { N8N_PORT: String(port), WEBHOOK_URL: `${url}/` }, `webhook${i + 1}`);
			cluster.webhookProcs[i] = proc;
			cluster.webhookUrls[i] = url;
			await untilHealthy(proc, `${url}/healthz/readiness`, `webhook process ${i + 1}`);
		});
		for (let i = 0; i < workers; i++) starting.push(cluster.startWorker(i));
		const results = await Promise.allSettled(starting);
		const failed = results.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
	} catch (e) {
		await cluster.stop();
		throw e;
	}
	return cluster;
}

/** Samples the workers' resident memory every 250 ms; `stop()` returns the highest (MiB). */
export function sampleWorkerMemory(cluster) {
	let peak = 0;
	const timer = setInterval(() => {
		for (const proc of cluster.workerProcs) {
			try {
				peak = Math.max(peak, memoryOf(proc.child.pid).rssMiB);
			} catch {
				// a worker being restarted
			}
		}
	}, 250);
	timer.unref();
	return {
		stop() {
			clearInterval(timer);
			return peak;
		},
	};
}
