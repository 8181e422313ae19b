// Webhook answers (issue 21), in the REAL n8n of the e2e suite: how fast a signed delivery is
// answered, and how many deliveries per second n8n answers, for the Sora Video Trigger
// (Output = Event, Video Object, Video Object and File) and, as the floor, n8n's own Webhook
// node with Header Auth (plus the Webhook node without auth, to show what reading a credential
// costs). In regular mode (`n8n start`) and in queue mode (main + 1 webhook process + 1 worker
// on Redis and Postgres, test/queue/lib/cluster.mjs), one after the other in this one run.
//
// Per mode: single deliveries (one at a time, each run left to finish) for every Output and MP4
// size (1, 20, 200 MB, served at 40 MB/s like a real download link), then bursts of 200
// deliveries with 16 in flight per target. The answer time is measured by the sender (request
// sent -> answer read); the rate is deliveries answered / (last answer - first send). Every
// delivery must start one run (counted through n8n's REST API once the runs have finished). The
// n8n process that answers (main, or the webhook process) is sampled for CPU time per delivery.
//
// Run by bench/webhook-scenario.ts through bench/webhook-answer.sh (which starts Redis and
// Postgres); prints progress and one line `BENCH_RESULT {json}`. Env: BENCH_WEBHOOK_MODES
// (regular,queue), BENCH_WEBHOOK_SIZES (MB: 1,20,200), BENCH_WEBHOOK_SINGLES (3),
// BENCH_WEBHOOK_BURST (200), BENCH_WEBHOOK_IN_FLIGHT (16), BENCH_WEBHOOK_BYTES_PER_SEC (40e6),
// SORA_E2E_PACKAGE_DIR (the built package).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { TRIGGER_TYPE, createN8n, soraCredential, startEmulator, waitFor, CREDENTIAL_ID, CREDENTIAL_NAME } from '../test/e2e/lib/harness.mjs';
import { startCluster } from '../test/queue/lib/cluster.mjs';
import { createDatabase } from '../test/queue/lib/pg.mjs';

const { sign } = createRequire(import.meta.url)('../emulator/webhooks.js');

const list = (name, fallback) => (process.env[name] || fallback).split(',').map((s) => s.trim()).filter(Boolean);
const modes = list('BENCH_WEBHOOK_MODES', 'regular,queue');
const sizesMB = list('BENCH_WEBHOOK_SIZES', '1,20,200').map(Number);
const singles = Number(process.env.BENCH_WEBHOOK_SINGLES || 3);
const burst = Number(process.env.BENCH_WEBHOOK_BURST || 200);
const inFlight = Number(process.env.BENCH_WEBHOOK_IN_FLIGHT || 16);
const bytesPerSec = Number(process.env.BENCH_WEBHOOK_BYTES_PER_SEC || 40e6);
const say = (line) => process.stdout.write(`  ${line}\n`);

const SECRET = `whsec_${randomBytes(24).toString('base64')}`;
const HEADER = { id: 'benchHeaderAuth1', name: 'Bench header auth', header: 'x-bench-token', value: randomBytes(18).toString('hex') };

/** The targets measured: our trigger with each Output, and n8n's Webhook node with and without Header Auth. */
const TARGETS = [
	{ key: 'event', label: 'Sora Video Trigger, Output = Event', output: 'event' },
	{ key: 'video', label: 'Sora Video Trigger, Output = Video Object', output: 'video' },
	{ key: 'file', label: 'Sora Video Trigger, Output = Video Object and File', output: 'videoAndBinary', sized: true },
	{ key: 'floor', label: "n8n Webhook node 2.1, Header Auth (floor)", auth: 'headerAuth' },
	{ key: 'noauth', label: 'n8n Webhook node 2.1, no auth (reference)', auth: 'none' },
];

const WEBHOOK_IDS = {
	event: 'b3c0e001-0000-4000-8000-000000000001',
	video: 'b3c0e002-0000-4000-8000-000000000002',
	file: 'b3c0e003-0000-4000-8000-000000000003',
	floor: 'b3c0e004-0000-4000-8000-000000000004',
	noauth: 'b3c0e005-0000-4000-8000-000000000005',
};
const webhookIdOf = (key) => WEBHOOK_IDS[key];
const workflowIdOf = (key) => `benchAnswer${key[0].toUpperCase()}${key.slice(1)}`;

function workflowFor(target) {
	const node = target.output
		? {
				type: TRIGGER_TYPE,
				typeVersion: 1.1,
				parameters: { events: ['video.completed', 'video.failed'], output: target.output, binaryPropertyName: 'data', options: {} },
				credentials: { soraApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			}
		: {
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				parameters: { httpMethod: 'POST', path: hookPathOf(target.key), authentication: target.auth, responseMode: 'onReceived', options: {} },
				...(target.auth === 'headerAuth' ? { credentials: { httpHeaderAuth: { id: HEADER.id, name: HEADER.name } } } : {}),
			};
	return {
		id: workflowIdOf(target.key),
		name: `bench: ${target.label}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'n-start', name: 'Start', position: [0, 0], webhookId: webhookIdOf(target.key), ...node },
			{ id: 'n-done', name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { Start: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		pinData: {},
	};
}

// The Webhook node serves its own path (/webhook/<path>); our trigger serves /webhook/<webhookId>/sora.
const hookPathOf = (key) => `bench-${key}`;
const pathOf = (target) => (target.output ? `/webhook/${webhookIdOf(target.key)}/sora` : `/webhook/${hookPathOf(target.key)}`);

/** One delivery of `video.completed` for `videoId`: signed for our trigger, with the header for the Webhook node. */
function delivery(target, videoId) {
	const body = JSON.stringify({
		id: `evt_${randomBytes(8).toString('hex')}`,
		object: 'event',
		created_at: Math.floor(Date.now() / 1000),
		type: 'video.completed',
		data: { id: videoId },
	});
	const headers = { 'content-type': 'application/json' };
	if (target.output) {
		const id = `msg_${randomBytes(10).toString('hex')}`;
		const timestamp = Math.floor(Date.now() / 1000);
		Object.assign(headers, { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': sign(SECRET, id, timestamp, body) });
	} else if (target.auth === 'headerAuth') {
		headers[HEADER.header] = HEADER.value;
	}
	return { headers, body };
}

/** Sends one delivery; gives the answer's status and the time from sending to the answer read. */
async function send(url, { headers, body }) {
	const started = performance.now();
	try {
		const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(60_000) });
		await res.arrayBuffer();
		return { status: res.status, ms: performance.now() - started, at: performance.now() };
	} catch (error) {
		return { status: 0, error: error.cause?.code || error.message, ms: performance.now() - started, at: performance.now() };
	}
}

const ok = (sent) => sent.status >= 200 && sent.status < 300;

/** CPU time (ms) a process has used, from /proc/<pid>/stat (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid) {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

const percentile = (values, p) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
};

/** Finished runs of a workflow (n8n's REST API: main reads the shared database in queue mode). */
/** How many runs of the workflow n8n has saved with one of these statuses (one page of 1: the count is all we read). */
async function countRuns(server, workflowId, status) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId, status }));
	return Number((await server.rest('GET', `/executions?filter=${filter}&limit=1`)).count);
}
const FINISHED = ['success', 'error', 'crashed', 'canceled'];
const FAILED = ['error', 'crashed'];

/**
 * Waits until `count` runs of the workflow have finished in all (each accepted delivery starts
 * one), or until the count has not moved for QUIET_MS (runs lost, or n8n unable to save them);
 * gives the count reached. REST errors (n8n answers 503 while its database check fails) are waited out.
 */
const QUIET_MS = 45_000;
async function untilRuns(server, workflowId, count, timeoutMs) {
	let seen = -1;
	let movedAt = Date.now();
	const started = Date.now();
	for (;;) {
		let now = seen;
		try {
			now = await countRuns(server, workflowId, FINISHED);
		} catch {
			// n8n busy or its database check failing: ask again
		}
		if (now >= count) return now;
		if (now !== seen) [seen, movedAt] = [now, Date.now()];
		if (Date.now() - movedAt > QUIET_MS || Date.now() - started > timeoutMs) {
			say(`${workflowId}: ${seen} of ${count} runs finished, no more after ${Math.round((Date.now() - movedAt) / 1000)} s`);
			return seen;
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Completed jobs on the emulator for the trigger's deliveries to name (the trigger fetches them). */
async function completedJobs(emulator, count) {
	const ids = [];
	for (let i = 0; i < count; i += 16) {
		const batch = Array.from({ length: Math.min(16, count - i) }, (_, j) =>
			emulator.api('POST', '/videos', { prompt: `bench delivery ${i + j}`, model: 'sora-2', seconds: '4', size: '720x1280' }),
		);
		ids.push(...(await Promise.all(batch)).map((v) => v.id));
	}
	await waitFor(async () => (await emulator.jobs()).filter((j) => ids.includes(j.id)).every((j) => j.status === 'completed'), {
		timeoutMs: 60_000,
		intervalMs: 200,
		what: 'the jobs to complete',
	});
	return ids;
}

/** The measurements of one mode against one n8n (regular) or cluster (queue). */
async function measureMode(mode, { emulator, server, baseUrl, pid }) {
	const results = [];
	const expected = Object.fromEntries(TARGETS.map((t) => [t.key, 0]));
	const record = async (target, sizeMB, kind, sent, cpu, runs) => {
		const answers = sent.filter(ok);
		const failedRuns = await countRuns(server, workflowIdOf(target.key), FAILED);
		const first = Math.min(...sent.map((s) => s.at - s.ms));
		const last = Math.max(...sent.map((s) => s.at));
		const result = {
			mode,
			target: target.key,
			label: target.label,
			sizeMB: target.sized ? sizeMB : null,
			kind,
			count: sent.length,
			answered2xx: answers.length,
			statuses: [...new Set(sent.map((s) => s.status))],
			p50Ms: percentile(sent.map((s) => s.ms), 50),
			p99Ms: percentile(sent.map((s) => s.ms), 99),
			maxMs: Math.max(...sent.map((s) => s.ms)),
			perSecond: kind === 'burst' ? answers.length / ((last - first) / 1000) : null,
			cpuMsPerDelivery: cpu === undefined ? null : cpu / sent.length,
			failedRuns,
			// every run this target should have by now (each 2xx answer starts one) and how many there are
			runsExpected: expected[target.key],
			runsFinished: runs,
		};
		results.push(result);
		say(
			`${mode.padEnd(7)} ${kind.padEnd(6)} ${target.key.padEnd(6)} ${target.sized ? `${sizeMB} MB`.padStart(6) : '      '} ` +
				`n=${sent.length} 2xx=${answers.length} p50 ${result.p50Ms.toFixed(0)} ms p99 ${result.p99Ms.toFixed(0)} ms` +
				(result.perSecond ? ` ${result.perSecond.toFixed(1)}/s` : '') +
				(result.cpuMsPerDelivery !== null ? ` cpu ${result.cpuMsPerDelivery.toFixed(0)} ms/delivery` : '') +
				` runs ${runs}/${expected[target.key]}`,
		);
	};

	// Warm-up: every target once (first-call costs: module loading, credential cache, sockets).
	const [warmId] = await completedJobs(emulator, 1);
	for (const target of TARGETS) {
		const warm = await send(`${baseUrl}${pathOf(target)}`, delivery(target, warmId));
		if (!ok(warm)) throw new Error(`${target.label}: the warm-up delivery was answered ${warm.status} ${warm.error ?? ''}`);
	}
	for (const target of TARGETS) {
		expected[target.key] += 1;
		await untilRuns(server, workflowIdOf(target.key), expected[target.key], 120_000);
	}

	// One delivery at a time, each run left to finish before the next.
	for (const sizeMB of sizesMB) {
		await emulator.setOptions({ mp4Bytes: sizeMB * 1_000_000 });
		for (const target of TARGETS) {
			if (!target.sized && sizeMB !== sizesMB[0]) continue;
			const ids = await completedJobs(emulator, singles);
			const sent = [];
			let runs = 0;
			for (const id of ids) {
				const one = await send(`${baseUrl}${pathOf(target)}`, delivery(target, id));
				sent.push(one);
				if (ok(one)) expected[target.key] += 1;
				runs = await untilRuns(server, workflowIdOf(target.key), expected[target.key], 120_000 + sizeMB * 1000);
			}
			await record(target, sizeMB, 'single', sent, undefined, runs);
		}
	}

	// Bursts: `burst` deliveries, `inFlight` at a time, 1 MB MP4s.
	await emulator.setOptions({ mp4Bytes: sizesMB[0] * 1_000_000 });
	for (const target of TARGETS) {
		const ids = await completedJobs(emulator, burst);
		const cpuBefore = cpuMs(pid);
		const sent = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: inFlight }, async () => {
				while (next < ids.length) {
					const id = ids[next++];
					sent.push(await send(`${baseUrl}${pathOf(target)}`, delivery(target, id)));
				}
			}),
		);
		// CPU counted once every run has finished: the work after the answer is in this process too.
		expected[target.key] += sent.filter(ok).length;
		const runs = await untilRuns(server, workflowIdOf(target.key), expected[target.key], 300_000);
		await record(target, sizesMB[0], 'burst', sent, cpuMs(pid) - cpuBefore, runs);
	}
	return results;
}

async function setupN8n(inst, emulator) {
	await inst.importCredentials([
		soraCredential(emulator, { webhookSecret: SECRET }),
		{ id: HEADER.id, name: HEADER.name, type: 'httpHeaderAuth', data: { name: HEADER.header, value: HEADER.value } },
	]);
	await inst.importWorkflows(TARGETS.map(workflowFor));
	for (const target of TARGETS) await inst.cli(['publish:workflow', `--id=${workflowIdOf(target.key)}`]);
}

async function regularMode(emulator) {
	const n8n = createN8n('bench-answer');
	try {
		await setupN8n(n8n, emulator);
		const server = await n8n.start({ timeoutMs: 180_000 });
		await server.setupOwner();
		return await measureMode('regular', { emulator, server, baseUrl: server.url, pid: server.process.pid });
	} finally {
		await n8n.dispose();
	}
}

async function queueMode(emulator) {
	const database = `bench_answer_${Date.now()}`;
	await createDatabase(database);
	const cluster = await startCluster({ database, name: 'bench-answer', webhooks: 1, workers: 1, concurrency: 10, setup: (main) => setupN8n(main, emulator) });
	try {
		await cluster.server.setupOwner();
		return await measureMode('queue', {
			emulator,
			server: cluster.server,
			baseUrl: cluster.webhookUrls[0],
			pid: cluster.webhookProcs[0].child.pid,
		});
	} finally {
		await cluster.stop();
	}
}

async function main() {
	const emulator = await startEmulator(['--duration-ms', '200', '--queued-ms', '50']);
	try {
		// Every download is paced like a real link; the MP4 size is set per measurement.
		await emulator.setFaults([{ match: { kind: 'content' }, fault: { type: 'slow', bytesPerSec } }]);
		const results = [];
		for (const mode of modes) {
			say(`== ${mode} mode`);
			results.push(...(mode === 'regular' ? await regularMode(emulator) : await queueMode(emulator)));
		}
		process.stdout.write(`BENCH_RESULT ${JSON.stringify({ modes, sizesMB, singles, burst, inFlight, bytesPerSec, results })}\n`);
	} finally {
		await emulator.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`webhook answers failed: ${error.stack ?? error}\n`);
		process.exit(1);
	},
);
