// The suite's world, started once and shared by the scenarios (an n8n process takes a minute to
// start on a busy machine): the emulator, n8n's database and the app database B writes to, the
// cluster with workflow B published, and the relay that delivers every webhook to both webhook
// processes. Scenarios run one after another; each starts from empty app tables and counts only
// the executions created after it began.
import { randomBytes } from 'node:crypto';

import { soraCredential, startEmulator, waitFor } from '../../e2e/lib/harness.mjs';
import { startCluster } from './cluster.mjs';
import { APP_SCHEMA, createDatabase, postgresCredential, withPg } from './pg.mjs';
import { startRelay } from './relay.mjs';
import { webhookIdOf, workflowB } from './workflows.mjs';

export const BLOCKED = 'black volcanic rocks'; // prompts containing it fail (moderation_blocked)
export const N8N_DB = 'n8n_queue_suite';
export const APP_DB = 'app_queue_suite';

/**
 * @param workflows   workflows to import besides B; `publish` lists those to activate
 * @param credentials credentials to import besides the Sora and Postgres ones of B
 * @param clusterEnv  settings for every n8n process
 */
export async function startWorld({ workflows = [], publish = [], credentials = [], clusterEnv = {}, concurrency }) {
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	const world = { appDb: APP_DB, secret };
	try {
		world.emulator = await startEmulator(['--queued-ms', '300', '--fail-prompt', BLOCKED]);
		await createDatabase(N8N_DB);
		await createDatabase(APP_DB);
		await withPg(APP_DB, (c) => c.query(APP_SCHEMA));
		world.workflowB = workflowB(APP_DB);
		world.cluster = await startCluster({
			database: N8N_DB,
			env: clusterEnv,
			concurrency,
			setup: async (main) => {
				await main.importCredentials([soraCredential(world.emulator, { webhookSecret: secret }), postgresCredential(APP_DB), ...credentials]);
				await main.importWorkflows([world.workflowB, ...workflows]);
				for (const id of [world.workflowB.id, ...publish]) await main.cli(['publish:workflow', `--id=${id}`]);
			},
		});
		await world.cluster.server.setupOwner();
		const path = `/webhook/${webhookIdOf(world.workflowB)}/sora`;
		world.relay = await startRelay({ targets: world.cluster.webhookUrls.map((u) => `${u}${path}`) });
		await world.emulator.setWebhook(world.relay.url, secret);
	} catch (e) {
		await stopWorld(world);
		throw e;
	}
	return world;
}

export async function stopWorld(world) {
	await world.relay?.stop();
	await world.cluster?.stop();
	await world.emulator?.stop();
}

/**
 * Lets B finish what an earlier scenario left, then empties B's tables and the relay's log;
 * returns the last execution id before the scenario.
 */
export async function beginScenario(world) {
	await untilQuiet(world, 0, { timeoutMs: 300_000 });
	await withPg(APP_DB, (c) => c.query('TRUNCATE stored_videos, alerts, attempts'));
	world.relay.records.length = 0;
	return await withPg(N8N_DB, async (c) => Number((await c.query('SELECT coalesce(max(id), 0) AS id FROM execution_entity')).rows[0].id));
}

/** What B recorded for these job ids: stored videos (id → bytes), alerts (id → message), attempts per kind. */
export async function recorded(ids) {
	return await withPg(APP_DB, async (c) => {
		const stored = await c.query('SELECT video_id, bytes FROM stored_videos WHERE video_id = ANY($1)', [ids]);
		const alerts = await c.query('SELECT video_id, message FROM alerts WHERE video_id = ANY($1)', [ids]);
		const attempts = await c.query('SELECT kind, count(*)::int AS n FROM attempts WHERE video_id = ANY($1) GROUP BY kind', [ids]);
		return {
			stored: new Map(stored.rows.map((r) => [r.video_id, r.bytes])),
			alerts: new Map(alerts.rows.map((r) => [r.video_id, r.message])),
			attempts: Object.fromEntries(attempts.rows.map((r) => [r.kind, r.n])),
		};
	});
}

/** Executions of a workflow created after `since`, by status (n8n's own table in Postgres). */
export async function executionStatuses(workflowId, since) {
	return await withPg(N8N_DB, async (c) => {
		const res = await c.query(
			'SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 AND id > $2 GROUP BY status',
			[workflowId, since],
		);
		return Object.fromEntries(res.rows.map((r) => [r.status, r.n]));
	});
}

/** Waits until every delivery is settled and B has no execution left new/running/waiting. */
export async function untilQuiet(world, since, { timeoutMs }) {
	await waitFor(() => world.relay.pending === 0, { timeoutMs, intervalMs: 500, what: 'every delivery to be accepted' });
	return await waitFor(
		async () => {
			const s = await executionStatuses(world.workflowB.id, since);
			return !s.new && !s.running && !s.waiting && s;
		},
		{ timeoutMs, intervalMs: 1000, what: 'every execution of B to finish' },
	);
}

/** When B's last row (stored video or alert) was written, in ms since the epoch. */
export async function lastRowAt() {
	return await withPg(APP_DB, async (c) => {
		const res = await c.query(
			'SELECT extract(epoch FROM greatest((SELECT max(stored_at) FROM stored_videos), (SELECT max(alerted_at) FROM alerts))) * 1000 AS ms',
		);
		return Number(res.rows[0].ms);
	});
}
