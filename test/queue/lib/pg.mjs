// The suite's Postgres (started by run.sh / services.sh), through the `pg` driver n8n itself
// ships (no extra dependency): databases per scenario, and the tables workflow B writes to.
import { n8nRequire } from '../../e2e/lib/harness.mjs';

export function pgConfig() {
	const port = Number(process.env.QUEUE_PG_PORT);
	if (!port) throw new Error('QUEUE_PG_PORT is not set: run the queue suite through bash test/queue/run.sh');
	return { host: '127.0.0.1', port, user: process.env.QUEUE_PG_USER || 'postgres' };
}

/** Runs `fn(client)` on a fresh connection to `database`, then closes it. */
export async function withPg(database, fn) {
	const { Client } = n8nRequire('pg');
	const client = new Client({ ...pgConfig(), database });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

export async function createDatabase(name) {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad database name ${name}`);
	await withPg('postgres', (c) => c.query(`CREATE DATABASE ${name}`));
}

/**
 * What B records. The primary keys are the idempotency keys: the video id the trigger item
 * carries (`json.id`). A second delivery of the same event, run by another webhook process and
 * another worker, inserts nothing (ON CONFLICT DO NOTHING) and so stores and alerts nothing.
 */
export const APP_SCHEMA = `
CREATE TABLE stored_videos (
	video_id text PRIMARY KEY,
	bytes bytea NOT NULL,
	stored_at timestamptz NOT NULL DEFAULT now(),
	execution_id text
);
CREATE TABLE alerts (
	video_id text PRIMARY KEY,
	message text NOT NULL,
	alerted_at timestamptz NOT NULL DEFAULT now(),
	execution_id text
);
-- Every attempt, kept or not: shows how many duplicates the keys absorbed.
CREATE TABLE attempts (
	id bigserial PRIMARY KEY,
	video_id text NOT NULL,
	kind text NOT NULL,
	execution_id text,
	at timestamptz NOT NULL DEFAULT now()
);`;

/** The credential workflow B's Postgres nodes use (imported into the cluster). */
export function postgresCredential(database) {
	const { host, port, user } = pgConfig();
	return {
		id: 'soraQueuePostgres1',
		name: 'Queue suite Postgres',
		type: 'postgres',
		data: { host, port, database, user, password: '', ssl: 'disable', allowUnauthorizedCerts: false, maxConnections: 20 },
	};
}
