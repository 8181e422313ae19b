// Scenario 1, fire and forget at scale: A starts N jobs (default 200) without waiting; the
// emulator's signed webhook for each job goes to BOTH webhook processes (at-least-once, and the
// cross-process duplicate case); B runs on the workers. Afterwards every completed MP4 is stored
// exactly once and every failed job is alerted exactly once, however many executions ran.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { isMp4, waitFor as waitForHarness } from '../e2e/lib/harness.mjs';
import { memoryOf } from './lib/cluster.mjs';
import { writeFigures } from './lib/figures.mjs';
import { withPg } from './lib/pg.mjs';
import { executionStatuses, recorded, startScenario, stopScenario, untilQuiet } from './lib/scenario.mjs';
import { prompts, workflowA } from './lib/workflows.mjs';

const NAME = 'scale';
const JOBS = Number(process.env.SORA_QUEUE_JOBS || 200);
const JOB_MS = 30_000; // every job's time at the provider, queued to completed
const BLOCKED = 'black volcanic rocks';
const FAIL_EVERY = 20;

describe(`queue mode: fire and forget with ${JOBS} jobs, each webhook delivered twice`, { timeout: 600_000 }, () => {
	let world;
	const A = workflowA(prompts(JOBS, { blocked: BLOCKED, failEvery: FAIL_EVERY }));
	let ids;
	let startedAt;

	before(async () => {
		world = await startScenario({
			name: NAME,
			emulatorArgs: ['--duration-ms', String(JOB_MS), '--queued-ms', '500', '--fail-prompt', BLOCKED, '--mp4-bytes', String(256 * 1024)],
			workflows: [A],
		});
	});
	after(async () => {
		if (world) await stopScenario(world);
	});

	test('A creates every job and ends without waiting', async () => {
		startedAt = Date.now();
		const result = await world.cluster.main.execute(A.id, { timeoutMs: 300_000 });
		assert.equal(result.status, 'success', result.describe());
		const items = result.items('Start Videos');
		assert.equal(items.length, JOBS);
		ids = items.map((i) => i.json.id);
		assert.equal(new Set(ids).size, JOBS);
		for (const item of items) assert.equal(item.json.status, 'queued');
		console.log(`# A created ${JOBS} jobs in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
	});

	test('B stores every completed MP4 exactly once and alerts every failed job exactly once', async () => {
		assert.ok(ids, 'A did not run');
		const jobs = new Map((await world.emulator.jobs()).filter((j) => ids.includes(j.id)).map((j) => [j.id, j]));
		const failedIds = ids.filter((id) => jobs.get(id).prompt.includes(BLOCKED));
		const doneIds = ids.filter((id) => !failedIds.includes(id));
		assert.equal(failedIds.length, Math.floor(JOBS / FAIL_EVERY));

		// Every job's event reached the relay once, and the relay got each copy accepted.
		await waitFor(async () => (await world.emulator.webhooks()).length >= JOBS, JOB_MS + 120_000, 'a webhook per job');
		await untilQuiet(world, NAME, { timeoutMs: 300_000 });
		const wall = await withLastRow(world.appDb);
		const sent = await world.emulator.webhooks();
		for (const d of sent) assert.equal(d.status, 200, `emulator -> relay: ${JSON.stringify(d)}`);
		const relay = world.relay.stats();
		assert.equal(relay.deliveries, 2 * JOBS, 'each event goes to both webhook processes');
		assert.equal(relay.lost, 0, `deliveries n8n never accepted: ${JSON.stringify(world.relay.records.filter((r) => !r.acceptedAt).slice(0, 5))}`);
		for (const target of new Set(world.relay.records.map((r) => r.target))) {
			const ok = world.relay.records.filter((r) => r.target === target && r.acceptedAt).map((r) => r.videoId);
			assert.equal(new Set(ok).size, JOBS, `${target} accepted a copy of every event`);
		}

		const rec = await recorded(world.appDb);
		assert.deepEqual([...rec.stored.keys()].sort(), [...doneIds].sort(), 'stored videos = completed jobs');
		assert.deepEqual([...rec.alerts.keys()].sort(), [...failedIds].sort(), 'alerts = failed jobs');
		const served = await world.emulator.content(doneIds[0]);
		for (const [id, bytes] of rec.stored) {
			assert.ok(isMp4(bytes), `${id} is not an MP4`);
			assert.ok(bytes.equals(served), `${id}: stored bytes differ from the server's`);
		}
		for (const [id, message] of rec.alerts) assert.match(message, new RegExp(`^Sora video ${id} failed: moderation_blocked`));

		const statuses = await executionStatuses(NAME, world.workflowB.id);
		assert.deepEqual(Object.keys(statuses), ['success'], `executions of B: ${JSON.stringify(statuses)}`);
		const attempts = (rec.attempts.store?.rows ?? 0) + (rec.attempts.alert?.rows ?? 0);
		assert.ok(attempts >= JOBS, 'every job reached its insert at least once');

		const workers = world.cluster.workerProcs.map((p) => memoryOf(p.child.pid));
		const figures = {
			jobs: JOBS,
			completed: doneIds.length,
			failed: failedIds.length,
			wallSeconds: (wall - startedAt) / 1000,
			slowestJobSeconds: JOB_MS / 1000,
			lastWebhookSeconds: (Math.max(...sent.map((d) => d.at)) - startedAt) / 1000,
			deliverySeconds: relay.seconds,
			deliveries: relay.deliveries,
			acceptedPerSecond: relay.perSecond,
			medianAcceptMs: relay.medianAcceptMs,
			maxAcceptMs: relay.maxAcceptMs,
			medianAnswerMs: relay.medianAnswerMs,
			maxAnswerMs: relay.maxAnswerMs,
			retried: relay.retried,
			executions: statuses.success,
			duplicateInsertsAbsorbed: attempts - JOBS,
			workerPeakRssMiB: Math.max(...workers.map((m) => m.peakMiB)),
		};
		figures.goalSeconds = 1.5 * figures.slowestJobSeconds + figures.deliverySeconds;
		writeFigures(NAME, figures);
	});
});

const waitFor = (check, timeoutMs, what) => waitForHarness(check, { timeoutMs, intervalMs: 500, what });

/** When B's last row (stored video or alert) was written, in ms since the epoch. */
async function withLastRow(appDb) {
	return await withPg(appDb, async (c) => {
		const res = await c.query(
			'SELECT extract(epoch FROM greatest((SELECT max(stored_at) FROM stored_videos), (SELECT max(alerted_at) FROM alerts))) * 1000 AS ms',
		);
		return Number(res.rows[0].ms);
	});
}
