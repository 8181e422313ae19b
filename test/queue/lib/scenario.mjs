// One scenario's world: the emulator, a fresh n8n database and app database, the cluster with
// workflow B published, and the relay that delivers every webhook to both webhook processes.
import { randomBytes } from 'node:crypto';

import { soraCredential, startEmulator, waitFor } from '../../e2e/lib/harness.mjs';
import { startCluster } from './cluster.mjs';
import { APP_SCHEMA, createDatabase, postgresCredential, withPg } from './pg.mjs';
import { startRelay } from './relay.mjs';
import { webhookIdOf, workflowB } from './workflows.mjs';

/**
 * @param name        scenario name (databases n8n_<name> and app_<name>, Redis prefix bull-<name>)
 * @param emulatorArgs extra emulator CLI flags
 * @param workflows   more workflows to import (A, ...); B is always imported and published
 * @param clusterEnv  settings for every n8n process of this scenario
 */
export async function startScenario({ name, emulatorArgs = [], workflows = [], clusterEnv = {}, publish = [], concurrency }) {
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	const appDb = `app_${name}`;
	const world = { appDb, secret };
	try {
		world.emulator = await startEmulator(emulatorArgs);
		await createDatabase(`n8n_${name}`);
		await createDatabase(appDb);
		await withPg(appDb, (c) => c.query(APP_SCHEMA));
		world.workflowB = workflowB(appDb);
		world.cluster = await startCluster({
			name,
			env: clusterEnv,
			concurrency,
			setup: async (main) => {
				await main.importCredentials([soraCredential(world.emulator, { webhookSecret: secret }), postgresCredential(appDb)]);
				await main.importWorkflows([world.workflowB, ...workflows]);
				for (const id of [world.workflowB.id, ...publish]) await main.cli(['publish:workflow', `--id=${id}`]);
			},
		});
		await world.cluster.server.setupOwner();
		const path = `/webhook/${webhookIdOf(world.workflowB)}/sora`;
		world.relay = await startRelay({ targets: world.cluster.webhookUrls.map((u) => `${u}${path}`) });
		await world.emulator.setWebhook(world.relay.url, secret);
	} catch (e) {
		await stopScenario(world);
		throw e;
	}
	return world;
}

export async function stopScenario(world) {
	await world.relay?.stop();
	await world.cluster?.stop();
	await world.emulator?.stop();
}

/** What B recorded: stored videos (id → bytes), alerts (id → message) and attempts per kind. */
export async function recorded(appDb) {
	return await withPg(appDb, async (c) => {
		const stored = await c.query('SELECT video_id, bytes FROM stored_videos');
		const alerts = await c.query('SELECT video_id, message FROM alerts');
		const attempts = await c.query('SELECT kind, count(*)::int AS n, count(DISTINCT video_id)::int AS ids FROM attempts GROUP BY kind');
		return {
			stored: new Map(stored.rows.map((r) => [r.video_id, r.bytes])),
			alerts: new Map(alerts.rows.map((r) => [r.video_id, r.message])),
			attempts: Object.fromEntries(attempts.rows.map((r) => [r.kind, { rows: r.n, ids: r.ids }])),
		};
	});
}

/** Executions of a workflow by status, from n8n's own table (queue mode: the shared Postgres). */
export async function executionStatuses(name, workflowId) {
	return await withPg(`n8n_${name}`, async (c) => {
		const res = await c.query(
			'SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status',
			[workflowId],
		);
		return Object.fromEntries(res.rows.map((r) => [r.status, r.n]));
	});
}

/** Waits until every delivery is settled and B has no execution left new/running/waiting. */
export async function untilQuiet(world, name, { timeoutMs }) {
	await waitFor(() => world.relay.pending === 0, { timeoutMs, intervalMs: 500, what: 'every delivery to be accepted' });
	await waitFor(
		async () => {
			const s = await executionStatuses(name, world.workflowB.id);
			return !s.new && !s.running && !s.waiting && s;
		},
		{ timeoutMs, intervalMs: 1000, what: 'every execution of B to finish' },
	);
}
