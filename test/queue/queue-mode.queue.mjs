// The queue-mode suite: one cluster (main + 2 webhook processes + 2 workers on Postgres and
// Redis, run.sh starts those), shared by the scenarios, which run in this order:
//   1. fire and forget at scale (scenarios/scale.mjs)
//   2. Wait for Completion on a worker, database binary mode and its size limit (scenarios/wait-mode.mjs)
//   3. README "Recipes": the scheduled batch and deliver templates with their stand-ins (scenarios/recipes.mjs)
//   4. a worker killed mid-run and the recovery (scenarios/worker-kill.mjs; last: it kills a worker)
// SORA_QUEUE_SCENARIOS=scale,wait,recipes,kill picks some of them.
import { after, before, describe } from 'node:test';

import { startWorld, stopWorld } from './lib/scenario.mjs';
import { JOBS, scaleA, scaleScenario } from './scenarios/scale.mjs';
import { prepareRecipes, recipesScenario } from './scenarios/recipes.mjs';
import { LIMIT_MIB, batchWorkflow, waitModeScenario } from './scenarios/wait-mode.mjs';
import { killA, workerKillScenario } from './scenarios/worker-kill.mjs';

const wanted = (process.env.SORA_QUEUE_SCENARIOS || 'scale,wait,recipes,kill').split(',');
const WORKER_CONCURRENCY = 10;

describe(`n8n queue mode: main, 2 webhook processes, 2 workers (concurrency ${WORKER_CONCURRENCY})`, { timeout: 1_200_000 }, () => {
	let world;
	let recipes; // the recipes' stand-ins and workflows, made before the cluster starts
	const batch = batchWorkflow();
	before(async () => {
		if (wanted.includes('recipes')) recipes = await prepareRecipes();
		world = await startWorld({
			workflows: [scaleA, killA, batch, ...(recipes?.workflows ?? [])],
			credentials: recipes?.credentials ?? [],
			publish: [batch.id],
			concurrency: WORKER_CONCURRENCY,
			clusterEnv: {
				// Lowered from 512 so a 2 MiB MP4 shows the database mode's refusal (wait-mode).
				N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE: String(LIMIT_MIB),
				// A dead worker's jobs count as stalled after this lock expires (default 60 s).
				QUEUE_WORKER_LOCK_DURATION: '20000',
				QUEUE_WORKER_LOCK_RENEW_TIME: '5000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			},
		});
		console.log(`# cluster up: webhook processes ${world.cluster.webhookUrls.join(', ')}; ${JOBS} jobs in the scale run`);
	});
	after(async () => {
		if (world) await stopWorld(world);
		await recipes?.standins.stop();
	});

	const getWorld = () => {
		if (!world) throw new Error('the cluster did not start');
		return world;
	};
	if (wanted.includes('scale')) scaleScenario(getWorld);
	if (wanted.includes('wait')) waitModeScenario(getWorld);
	if (wanted.includes('recipes')) recipesScenario(getWorld, () => recipes);
	if (wanted.includes('kill')) workerKillScenario(getWorld);
});
