// Scenario 1, fire and forget at scale: A starts N jobs (default 200) without waiting; the
// emulator's signed webhook for each job goes to BOTH webhook processes (at-least-once, and the
// cross-process duplicate case); B runs on the workers. Afterwards every completed MP4 is stored
// exactly once and every failed job is alerted exactly once, however many executions ran.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { isMp4, waitFor } from '../../e2e/lib/harness.mjs';
import { sampleWorkerMemory } from '../lib/cluster.mjs';
import { writeFigures } from '../lib/figures.mjs';
import { BLOCKED, beginScenario, executionStatuses, lastRowAt, recorded, untilQuiet } from '../lib/scenario.mjs';
import { prompts, workflowA } from '../lib/workflows.mjs';

export const JOBS = Number(process.env.SORA_QUEUE_JOBS || 200);
const JOB_MS = 30_000; // every job's time at the provider, queued to completed
const FAIL_EVERY = 20;
export const scaleA = workflowA(prompts(JOBS, { blocked: BLOCKED, failEvery: FAIL_EVERY }), 'soraQueueScaleA1');

export function scaleScenario(getWorld) {
	describe(`fire and forget with ${JOBS} jobs, each webhook delivered to both webhook processes`, () => {
		let ids;
		let startedAt;
		let since;
		let memory;

		test('A creates every job and ends without waiting', async () => {
			const world = getWorld();
			since = await beginScenario(world);
			await world.emulator.setOptions({ durationMs: JOB_MS, mp4Bytes: 256 * 1024 });
			memory = sampleWorkerMemory(world.cluster);
			startedAt = Date.now();
			const result = await world.cluster.main.execute(scaleA.id, { timeoutMs: 300_000 });
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
			const world = getWorld();
			const jobs = new Map((await world.emulator.jobs()).filter((j) => ids.includes(j.id)).map((j) => [j.id, j]));
			const failedIds = ids.filter((id) => jobs.get(id).prompt.includes(BLOCKED));
			const doneIds = ids.filter((id) => !failedIds.includes(id));
			assert.equal(failedIds.length, Math.floor(JOBS / FAIL_EVERY));

			const mine = async () => (await world.emulator.webhooks()).filter((d) => ids.includes(d.videoId));
			await waitFor(async () => (await mine()).length >= JOBS, { timeoutMs: JOB_MS + 180_000, intervalMs: 500, what: 'a webhook per job' });
			await untilQuiet(world, since, { timeoutMs: 420_000 });
			const wall = await lastRowAt();
			const sent = await mine();
			assert.equal(sent.length, JOBS, 'one event per job');
			for (const d of sent) assert.equal(d.status, 200, `emulator -> relay: ${JSON.stringify(d)}`);
			const relay = world.relay.stats();
			assert.equal(relay.deliveries, 2 * JOBS, 'each event goes to both webhook processes');
			assert.equal(relay.lost, 0, `deliveries n8n never accepted: ${JSON.stringify(world.relay.records.filter((r) => !r.acceptedAt).slice(0, 5))}`);
			for (const target of new Set(world.relay.records.map((r) => r.target))) {
				const ok = world.relay.records.filter((r) => r.target === target && r.acceptedAt).map((r) => r.videoId);
				assert.equal(new Set(ok).size, JOBS, `${target} accepted a copy of every event`);
			}

			const rec = await recorded(ids);
			assert.deepEqual([...rec.stored.keys()].sort(), [...doneIds].sort(), 'stored videos = completed jobs');
			assert.deepEqual([...rec.alerts.keys()].sort(), [...failedIds].sort(), 'alerts = failed jobs');
			const served = await world.emulator.content(doneIds[0]);
			for (const [id, bytes] of rec.stored) {
				assert.ok(isMp4(bytes), `${id} is not an MP4`);
				assert.ok(bytes.equals(served), `${id}: stored bytes differ from the server's`);
			}
			for (const [id, message] of rec.alerts) assert.match(message, new RegExp(`^Sora video ${id} failed: moderation_blocked`));

			const statuses = await executionStatuses(world.workflowB.id, since);
			assert.deepEqual(Object.keys(statuses), ['success'], `executions of B: ${JSON.stringify(statuses)}`);
			const attempts = (rec.attempts.store ?? 0) + (rec.attempts.alert ?? 0);
			assert.ok(attempts >= JOBS, 'every job reached its insert at least once');

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
				workerPeakRssMiB: memory.stop(),
			};
			figures.goalSeconds = 1.5 * figures.slowestJobSeconds + figures.deliverySeconds;
			writeFigures('scale', figures);
		});
	});
}
