// Scenario 2, a worker dies: SIGKILL one worker while it runs executions of B, start it again,
// and see what n8n does with them. n8n 2.41.1 runs Bull with maxStalledCount 0 (a stalled job
// is never re-run) and its leader marks executions that are "running" without a queued job as
// `crashed` in its queue recovery (N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL, default 180 min; 15 s
// here). Nothing is lost anyway: the video id is in each crashed execution's data (the trigger's
// output is saved before the job is queued), so retrying the crashed executions finishes the
// work, and the idempotent inserts make the retry safe when the dead run had got further.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import { waitFor } from '../e2e/lib/harness.mjs';
import { writeFigures } from './lib/figures.mjs';
import { withPg } from './lib/pg.mjs';
import { executionStatuses, recorded, startScenario, stopScenario, untilQuiet } from './lib/scenario.mjs';
import { TRIGGER, prompts, workflowA } from './lib/workflows.mjs';

const NAME = 'kill';
const JOBS = 40;
const BLOCKED = 'black volcanic rocks';

describe('queue mode: a worker is killed (SIGKILL) mid-run and started again', { timeout: 480_000 }, () => {
	let world;
	const A = workflowA(prompts(JOBS, { blocked: BLOCKED, failEvery: 10 }), 'soraQueueKillA1');
	let ids;
	const report = {};

	before(async () => {
		world = await startScenario({
			name: NAME,
			emulatorArgs: ['--duration-ms', '6000', '--queued-ms', '300', '--fail-prompt', BLOCKED],
			workflows: [A],
			clusterEnv: {
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
				N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
			},
		});
		// Slow downloads keep executions running on the workers long enough to be caught.
		await world.emulator.setFaults([{ match: { kind: 'content' }, fault: { type: 'delay', ms: 4000 } }]);
	});
	after(async () => {
		if (world) await stopScenario(world);
	});

	test('the killed worker\'s executions are marked crashed, keep their job ids, and a retry stores them exactly once', async () => {
		const result = await world.cluster.main.execute(A.id, { timeoutMs: 180_000 });
		assert.equal(result.status, 'success', result.describe());
		ids = result.items('Start Videos').map((i) => i.json.id);
		assert.equal(ids.length, JOBS);

		const victim = world.cluster.workerProcs[0];
		const startedOn = (proc) => [...proc.output().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
		const finishedOn = (proc) => new Set([...proc.output().matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]));
		await waitFor(() => startedOn(victim).filter((id) => !finishedOn(victim).has(id)).length >= 3, {
			timeoutMs: 120_000,
			intervalMs: 100,
			what: 'worker 1 to run at least 3 executions at once',
		});
		process.kill(-victim.child.pid, 'SIGKILL');
		await new Promise((r) => victim.child.once('exit', r));
		const inFlight = startedOn(victim).filter((id) => !finishedOn(victim).has(id));
		report.killedWhileRunning = inFlight.length;
		await world.cluster.startWorker(0);

		await untilQuiet(world, NAME, { timeoutMs: 180_000 });
		const before = await executionStatuses(NAME, world.workflowB.id);
		report.statusesAfterKill = before;
		const dead = await withPg(`n8n_${NAME}`, async (c) =>
			(await c.query(`SELECT id::text FROM execution_entity WHERE "workflowId" = $1 AND status <> 'success'`, [world.workflowB.id])).rows.map((r) => r.id),
		);
		// Every execution the dead worker had in flight is one n8n no longer runs.
		for (const id of inFlight) assert.ok(dead.includes(id), `execution ${id} was running on the killed worker but is ${JSON.stringify(before)}`);

		// Recovery as a user does it: each crashed execution names its video; retry it.
		for (const id of dead) {
			const exec = await world.cluster.server.execution(id);
			const videoId = exec.data.resultData.runData[TRIGGER]?.[0]?.data?.main?.[0]?.[0]?.json?.id;
			assert.ok(ids.includes(videoId), `crashed execution ${id} does not carry a job id of A: ${videoId}`);
			await world.cluster.server.rest('POST', `/executions/${id}/retry`, { loadWorkflow: false });
		}
		report.retried = dead.length;
		await untilQuiet(world, NAME, { timeoutMs: 180_000 });

		const failedIds = new Set((await world.emulator.jobs()).filter((j) => ids.includes(j.id) && j.status === 'failed').map((j) => j.id));
		const rec = await recorded(world.appDb);
		assert.deepEqual([...rec.stored.keys()].sort(), ids.filter((id) => !failedIds.has(id)).sort(), 'stored = completed jobs, once each');
		assert.deepEqual([...rec.alerts.keys()].sort(), [...failedIds].sort(), 'alerts = failed jobs, once each');
		assert.equal(world.relay.stats().lost, 0);
		report.statusesAtEnd = await executionStatuses(NAME, world.workflowB.id);
		report.killedWorkerLog = readFileSync(victim.logFile, 'utf8').split('\n').filter((l) => /execution/i.test(l)).slice(-3).join(' | ');
		writeFigures(NAME, report);
	});
});
