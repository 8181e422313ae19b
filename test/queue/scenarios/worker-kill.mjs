// Scenario 2, a worker dies: SIGKILL one worker while it runs executions of B, start it again,
// and see what n8n does with them. What n8n 2.41.1 does (checked here): Bull runs with
// maxStalledCount 0, so once the dead worker's job lock expires (QUEUE_WORKER_LOCK_DURATION,
// default 60 s; 20 s here) the job fails as stalled and main marks its execution `error` with
// "This execution failed to be processed too many times and will no longer retry", replacing
// its run data: the trigger item, and the video id in it, are gone from n8n. Nothing re-runs it.
// So the job ids must live outside n8n's executions: A's output (the ids A recorded) and the
// provider (Sora Video: List). The recovery is the reconcile workflow (workflowReconcile): ids
// without a stored video or an alert go through B's steps again; the idempotent inserts keep
// whatever the dead worker, or the other webhook process's copy, already recorded.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { waitFor } from '../../e2e/lib/harness.mjs';
import { writeFigures } from '../lib/figures.mjs';
import { withPg } from '../lib/pg.mjs';
import { APP_DB, BLOCKED, N8N_DB, beginScenario, executionStatuses, recorded, untilQuiet } from '../lib/scenario.mjs';
import { prompts, workflowA, workflowReconcile } from '../lib/workflows.mjs';

const JOBS = 40;
export const killA = workflowA(prompts(JOBS, { blocked: BLOCKED, failEvery: 10 }), 'soraQueueKillA1');
const STALLED = /This execution failed to be processed too many times and will no longer retry/;

const startedOn = (proc) => [...proc.output().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
const finishedOn = (proc) => new Set([...proc.output().matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]));

export function workerKillScenario(getWorld) {
	describe('a worker is killed (SIGKILL) mid-run and started again', () => {
		test('n8n fails the dead worker\'s executions; the reconcile run from A\'s job ids records every job exactly once', async () => {
			const world = getWorld();
			const since = await beginScenario(world);
			await world.emulator.setOptions({ durationMs: 6000, mp4Bytes: 256 * 1024 });
			// One copy per event here (webhook process 1 only): a killed execution is then the
			// job's only run, and its loss shows. With two copies the other one often covers it.
			world.relay.fanout = [0];
			// Slow downloads keep executions running on the workers long enough to be caught.
			await world.emulator.setFaults([{ match: { kind: 'content' }, fault: { type: 'delay', ms: 4000 } }]);
			const result = await world.cluster.main.execute(killA.id, { timeoutMs: 180_000 });
			assert.equal(result.status, 'success', result.describe());
			const ids = result.items('Start Videos').map((i) => i.json.id);
			assert.equal(ids.length, JOBS);

			const victim = world.cluster.workerProcs[0];
			const inFlight = () => startedOn(victim).filter((id) => Number(id) > since && !finishedOn(victim).has(id));
			await waitFor(() => inFlight().length >= 3, { timeoutMs: 120_000, intervalMs: 100, what: 'worker 1 to run 3 executions of B at once' });
			process.kill(-victim.child.pid, 'SIGKILL');
			await new Promise((r) => victim.child.once('exit', r));
			const killed = inFlight();
			const killedAt = Date.now();
			await world.cluster.startWorker(0);

			const after = await untilQuiet(world, since, { timeoutMs: 240_000 });
			await world.emulator.setFaults([]);
			world.relay.fanout = world.cluster.webhookUrls.map((_, t) => t);
			const failedRuns = await withPg(N8N_DB, async (c) =>
				(
					await c.query(
						`SELECT e.id::text, e.status, e."stoppedAt", d.data FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id
						 WHERE e."workflowId" = $1 AND e.id > $2 AND e.status <> 'success'`,
						[world.workflowB.id, since],
					)
				).rows,
			);
			for (const id of killed) {
				const run = failedRuns.find((r) => r.id === id);
				assert.ok(run, `execution ${id} was running on the killed worker but ended ${JSON.stringify(after)}`);
				assert.match(run.data, STALLED, `execution ${id} did not fail as stalled`);
			}
			const lostBefore = await missing(ids);
			assert.ok(lostBefore.length >= 1, 'no job was lost with the killed executions: nothing for the recovery to prove');
			const triggerDataKept = failedRuns.filter((r) => r.data.includes('"Sora Video Trigger"') && /video_[0-9a-f]{8,}/.test(r.data)).length;

			// The recovery: the reconcile workflow, fed with the ids A output, run once.
			const reconcile = workflowReconcile(APP_DB, ids);
			await world.cluster.main.importWorkflows([reconcile]);
			const rerun = await world.cluster.main.execute(reconcile.id, { timeoutMs: 180_000 });
			assert.equal(rerun.status, 'success', rerun.describe());
			const redone = rerun.nodeRuns('Not Yet Recorded')[0].data?.main?.[0] ?? [];
			assert.deepEqual(redone.map((i) => i.json.id).sort(), [...lostBefore].sort(), 'the reconcile run redid exactly the missing jobs');

			const failedIds = new Set((await world.emulator.jobs()).filter((j) => ids.includes(j.id) && j.status === 'failed').map((j) => j.id));
			const rec = await recorded(ids);
			assert.deepEqual([...rec.stored.keys()].sort(), ids.filter((id) => !failedIds.has(id)).sort(), 'stored = completed jobs, once each');
			assert.deepEqual([...rec.alerts.keys()].sort(), [...failedIds].sort(), 'alerts = failed jobs, once each');
			assert.equal(world.relay.stats().lost, 0);
			writeFigures('worker-kill', {
				jobs: JOBS,
				killedWhileRunning: killed.length,
				statusesAfterKill: after,
				stalledRunsWithTriggerData: triggerDataKept,
				secondsToMarkFailed: (Math.max(...failedRuns.map((r) => new Date(r.stoppedAt).getTime())) - killedAt) / 1000,
				jobsMissingBeforeReconcile: lostBefore.length,
				redoneByReconcile: redone.length,
				statusesAtEnd: await executionStatuses(world.workflowB.id, since),
			});
		});
	});
}

/** Job ids with neither a stored video nor an alert. */
async function missing(ids) {
	const rec = await recorded(ids);
	return ids.filter((id) => !rec.stored.has(id) && !rec.alerts.has(id));
}
