// The workflows the queue suite runs, built from the shipped examples so that what is proven
// here is what users import: A = examples/batch-create-no-wait.json with N prompts,
// B = examples/trigger-store-video.json with its file write and alert replaced by
// idempotent Postgres inserts (a file on one worker's disk is not shared in queue mode).
import { readFileSync } from 'node:fs';

import { exampleFile, useCredential } from '../../e2e/lib/harness.mjs';
import { postgresCredential } from './pg.mjs';

export const TRIGGER = 'Sora Video Trigger';

/** `count` prompts; every `failEvery`-th contains `blocked` (the emulator fails those jobs). */
export function prompts(count, { blocked, failEvery }) {
	return Array.from({ length: count }, (_, i) =>
		blocked && (i + 1) % failEvery === 0
			? `Shot ${i + 1}: waves crash against ${blocked} under an overcast sky`
			: `Shot ${i + 1}: clouds roll over a mountain lake at dawn, timelapse`,
	);
}

/** Part A with these prompts (the example's own 5 are replaced, nothing else changes). */
export function workflowA(list, id = 'soraQueueA0001') {
	const wf = useCredential(JSON.parse(readFileSync(exampleFile('batch-create-no-wait'), 'utf8')), { id });
	const node = wf.nodes.find((n) => n.name === 'Prompts');
	node.parameters.jsonOutput = JSON.stringify({ prompts: list });
	return wf;
}

const pgNode = (name, position, query, replacement, database) => ({
	id: `q-${name.toLowerCase().replace(/\W+/g, '-')}`,
	name,
	type: 'n8n-nodes-base.postgres',
	typeVersion: 2.6,
	position,
	parameters: { operation: 'executeQuery', query, options: { queryReplacement: replacement } },
	credentials: { postgres: { id: postgresCredential(database).id, name: postgresCredential(database).name } },
});

// A data-modifying CTE logs the attempt, then the insert keyed by the video id keeps the first.
const STORE_SQL = `WITH attempt AS (INSERT INTO attempts (video_id, kind, execution_id) VALUES ($1, 'store', $3))
INSERT INTO stored_videos (video_id, bytes, execution_id) VALUES ($1, decode($2, 'base64'), $3)
ON CONFLICT (video_id) DO NOTHING`;
const ALERT_SQL = `WITH attempt AS (INSERT INTO attempts (video_id, kind, execution_id) VALUES ($1, 'alert', $3))
INSERT INTO alerts (video_id, message, execution_id) VALUES ($1, $2, $3)
ON CONFLICT (video_id) DO NOTHING`;

/**
 * Part B for queue mode: Trigger → Failed? → Alert → Record Alert, or → Download Video →
 * MP4 as Base64 → Store MP4. Both inserts are keyed by the trigger item's `id` (the video id).
 */
export function workflowB(database, id = 'soraQueueB0001') {
	const wf = useCredential(JSON.parse(readFileSync(exampleFile('trigger-store-video'), 'utf8')), { id });
	wf.name = 'Sora: store each finished video in Postgres (queue mode, B)';
	wf.nodes = wf.nodes.filter((n) => n.name !== 'Write MP4 to Disk');
	wf.nodes.push(
		{
			id: 'q-mp4-as-base64',
			name: 'MP4 as Base64',
			type: 'n8n-nodes-base.extractFromFile',
			typeVersion: 1.1,
			position: [780, 120],
			parameters: { operation: 'binaryToPropery', binaryPropertyName: 'data', destinationKey: 'mp4', options: {} },
		},
		// Extract From File keeps only the Base64 text: the id comes from Download Video's item.
		pgNode('Store MP4', [1040, 120], STORE_SQL, "={{ [$('Download Video').item.json.id, $json.mp4, $execution.id] }}", database),
		pgNode('Record Alert', [780, -120], ALERT_SQL, '={{ [$json.id, $json.alert, $execution.id] }}', database),
	);
	wf.connections['Download Video'] = { main: [[{ node: 'MP4 as Base64', type: 'main', index: 0 }]] };
	wf.connections['MP4 as Base64'] = { main: [[{ node: 'Store MP4', type: 'main', index: 0 }]] };
	wf.connections.Alert = { main: [[{ node: 'Record Alert', type: 'main', index: 0 }]] };
	return wf;
}

export const webhookIdOf = (wf) => wf.nodes.find((n) => n.name === TRIGGER).webhookId;

const NOT_RECORDED_SQL = `SELECT $1::text AS id
WHERE NOT EXISTS (SELECT 1 FROM stored_videos WHERE video_id = $1)
  AND NOT EXISTS (SELECT 1 FROM alerts WHERE video_id = $1)`;

/**
 * The recovery a user runs after losing executions (a dead worker): B's steps fed by the job ids
 * A recorded instead of by the trigger. Job IDs → Not Yet Recorded (only ids with neither a
 * stored video nor an alert) → Get Video → B's Failed? / Download / Store / Alert, whose inserts
 * keep anything already recorded as it is. Safe to run at any time, any number of times.
 */
export function workflowReconcile(database, jobIds, id = 'soraQueueRecon1') {
	const b = workflowB(database);
	const wf = { ...b, id, name: 'Sora: record every job A started that B has not (recovery)' };
	const { [TRIGGER]: _trigger, ...connections } = b.connections;
	const node = (name, type, typeVersion, position, parameters) => ({ id: `r-${name.toLowerCase().replace(/\W+/g, '-')}`, name, type, typeVersion, position, parameters });
	const getVideo = node('Get Video', 'n8n-nodes-sora-video.soraVideo', 1, [0, 0], { resource: 'video', operation: 'get', videoId: '={{ $json.id }}' });
	wf.nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, [-1040, 0], {}),
		node('Job IDs', 'n8n-nodes-base.set', 3.4, [-780, 0], { mode: 'raw', jsonOutput: JSON.stringify({ ids: jobIds }), options: {} }),
		node('Split Out IDs', 'n8n-nodes-base.splitOut', 1, [-520, 0], { fieldToSplitOut: 'ids', options: { destinationFieldName: 'id' } }),
		pgNode('Not Yet Recorded', [-260, 0], NOT_RECORDED_SQL, '={{ [$json.id] }}', database),
		getVideo,
		...b.nodes.filter((n) => n.name !== TRIGGER),
	];
	const to = (name) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	wf.connections = {
		...connections,
		Start: to('Job IDs'),
		'Job IDs': to('Split Out IDs'),
		'Split Out IDs': to('Not Yet Recorded'),
		'Not Yet Recorded': to('Get Video'),
		'Get Video': to('Failed?'),
	};
	return useCredential(wf, { id });
}
