// Scenario 3, README "Recipes" in queue mode: examples/scheduled-batch.json and
// examples/deliver-video.json activated in the running cluster. The Schedule Trigger fires on
// main every 5 s and its runs go to the workers; each job's signed webhook goes, through a relay
// that times every answer, to BOTH webhook processes (a delivery seen twice); the Deliver runs
// on the workers download the MP4 (database binary mode), store it in the S3 stand-in, post it
// to the Telegram stand-in and mail it. The Deliver claim lets one copy of each event through,
// so every chat post and mail still arrives once. Same checks as test/e2e/pipelines.e2e.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
	FAIL_MARKER,
	checkAnswers,
	checkRecipes,
	createRequestsTable,
	loadRecipes,
	queuePrompts,
	recipeCredentials,
	recipePrompts,
	recipeSettings,
	startStandins,
	untilSettled,
	warmUp,
} from '../../e2e/lib/pipelines.mjs';
import { writeFigures } from '../lib/figures.mjs';
import { createDatabase } from '../lib/pg.mjs';
import { startRelay } from '../lib/relay.mjs';
import { BLOCKED, beginScenario } from '../lib/scenario.mjs';

const DATABASE = 'recipes_queue';

/**
 * What the cluster needs before it starts: the stand-ins, the recipes' table, their credentials
 * (all but the Sora one, which the world imports) and the two workflows, imported inactive.
 */
export async function prepareRecipes() {
	const standins = await startStandins();
	await createDatabase(DATABASE);
	await createRequestsTable(DATABASE);
	const settings = recipeSettings(standins);
	const recipes = loadRecipes({ everySeconds: 5, settings });
	const credentials = recipeCredentials({ database: DATABASE, standins });
	return { standins, settings, recipes, credentials, workflows: [recipes.batch, recipes.deliver] };
}

export function recipesScenario(getWorld, getPrepared) {
	describe('Recipes: scheduled batch on main, deliveries through both webhook processes, the rest on workers', () => {
		let relay;
		let targets;
		let videoIds;
		before(async () => {
			const world = getWorld();
			await beginScenario(world);
			const { recipes } = getPrepared();
			// One delivery at a time per webhook process, as a provider's sender does per endpoint.
			targets = world.cluster.webhookUrls.map((u) => `${u}/webhook/${recipes.webhookId}/sora`);
			relay = await startRelay({ targets, inFlight: 1 });
			await world.emulator.setWebhook(relay.url, world.secret);
			// Under the suite's 1 MiB database-mode limit (wait-mode), as Sora clips are under 512.
			// The world's emulator fails the scale scenario's prompts; the recipes use its default marker too.
			await world.emulator.setOptions({ durationMs: 3000, mp4Bytes: 256 * 1024, failPrompts: [BLOCKED, FAIL_MARKER] });
		});
		after(async () => {
			const world = getWorld();
			const { recipes, standins } = getPrepared();
			for (const wf of [recipes.batch, recipes.deliver]) await world.cluster.server.rest('POST', `/workflows/${wf.id}/deactivate`, {}).catch(() => {});
			await world.emulator.setWebhook(world.relay.url, world.secret);
			await relay?.stop();
			await standins.stop();
		});

		test('20 queued prompts end done or failed, each video stored, posted and mailed once', async () => {
			const world = getWorld();
			const { recipes, standins, settings } = getPrepared();
			const prompts = recipePrompts(20, 3, 'queue');
			const ids = await queuePrompts(DATABASE, prompts);
			await world.emulator.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'status', status: 400, message: 'simulated refusal' } }]);
			const started = Date.now();
			// Deliver first, and no job before its webhook answers: n8n registers a webhook a moment
			// after the activate call returns, and a provider's 404 is final.
			const activate = async (wf) => {
				const active = await world.cluster.server.activate(wf.id);
				assert.ok(active.activeVersionId, `${wf.name} was not activated`);
			};
			await activate(recipes.deliver);
			await warmUp(targets, world.secret);
			await activate(recipes.batch);
			const rows = await untilSettled(DATABASE, ids, { timeoutMs: 420_000 });
			const seconds = (Date.now() - started) / 1000;
			const figures = await checkRecipes({ rows, prompts, emulator: world.emulator, standins, settings });
			assert.equal(rows.filter((r) => r.attempts === 2).length, 1, 'the refused create was retried by a later run');
			const records = relay.records.filter((r) => rows.some((row) => row.video_id === r.videoId));
			assert.equal(records.length, 2 * rows.length, 'each event reached both webhook processes');

			const runs = (await world.cluster.server.executions(recipes.batch.id)).filter((e) => new Date(e.startedAt).getTime() >= started - 1000);
			assert.ok(runs.length >= 2 && runs.every((e) => e.mode === 'trigger'), `batch runs: ${JSON.stringify(runs.map((e) => [e.mode, e.status]))}`);
			const deliveries = await world.cluster.server.executions(recipes.deliver.id);
			assert.ok(deliveries.every((e) => e.status === 'success'), `deliver runs: ${JSON.stringify(deliveries.map((e) => e.status))}`);
			const answerMs = records.map((r) => r.answerMs).sort((a, b) => a - b);
			writeFigures('recipes', { rows: rows.length, ...figures, deliveries: records.length, medianAnswerMs: answerMs[Math.floor(answerMs.length / 2)], maxAnswerMs: answerMs.at(-1), seconds, batchRuns: runs.length });
			videoIds = rows.map((r) => r.video_id);
		});

		test('every delivery was answered on its first try, inside the answer ceiling (1 s goal: bench)', () => {
			assert.ok(videoIds, 'the recipes did not run through (previous test)');
			checkAnswers(relay.records, videoIds);
		});
	});
}
