// Scenario 3, Wait for Completion on workers: a webhook starts a batch of 50 videos; the run is
// queued to a worker, which creates, polls and downloads them; each MP4 lands in n8n's
// queue-mode binary store (`database`: a bytea row per file in the binary_data table).
// The database mode refuses files over N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE (MiB, default
// 512, at most 1024). The limit is lowered to 1 MiB here so the same check can be seen failing
// with a 2 MiB MP4 instead of a 600 MiB one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { isMp4, useCredential, waitFor } from '../../e2e/lib/harness.mjs';
import { sampleWorkerMemory } from '../lib/cluster.mjs';
import { writeFigures } from '../lib/figures.mjs';
import { withPg } from '../lib/pg.mjs';
import { N8N_DB, beginScenario } from '../lib/scenario.mjs';
import { prompts } from '../lib/workflows.mjs';

const BATCH = 50;
/** Set on every process by the suite (queue-mode.queue.mjs). */
export const LIMIT_MIB = 1;
const PATH = 'sora-batch-wait';

/** Webhook (answers at once) → Split Out Prompts → Create Videos (Wait for Completion, download). */
export function batchWorkflow() {
	return useCredential(
		{
			id: 'soraQueueWait01',
			name: 'Sora: batch with Wait for Completion (queue mode)',
			nodes: [
				{
					id: 'w-webhook',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '0d3b6c1e-7a52-4f0e-9c11-5b2a8e4f7d90',
					parameters: { httpMethod: 'POST', path: PATH, responseMode: 'onReceived', options: {} },
				},
				{
					id: 'w-split',
					name: 'Split Out Prompts',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [260, 0],
					parameters: { fieldToSplitOut: 'body.prompts', options: { destinationFieldName: 'prompt' } },
				},
				{
					id: 'w-create',
					name: 'Create Videos',
					type: 'n8n-nodes-sora-video.soraVideo',
					typeVersion: 1,
					position: [520, 0],
					parameters: {
						resource: 'video',
						operation: 'create',
						prompt: '={{ $json.prompt }}',
						model: { __rl: true, mode: 'list', value: 'sora-2' },
						seconds: '4',
						size: '1280x720',
						waitForCompletion: true,
						binaryPropertyName: 'data',
						concurrency: 10,
					},
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Split Out Prompts', type: 'main', index: 0 }]] },
				'Split Out Prompts': { main: [[{ node: 'Create Videos', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		},
		{ id: 'soraQueueWait01' },
	);
}

export function waitModeScenario(getWorld) {
	describe(`a batch of ${BATCH} with Wait for Completion on a worker, database binary mode`, () => {
		const wf = batchWorkflow();
		const executionIds = () =>
			withPg(N8N_DB, async (c) =>
				(await c.query('SELECT id::text FROM execution_entity WHERE "workflowId" = $1', [wf.id])).rows.map((r) => r.id),
			);

		/** POSTs the prompts to a webhook process; resolves to the finished execution (from main). */
		async function runBatch(list) {
			const world = getWorld();
			const known = await executionIds();
			const res = await fetch(`${world.cluster.webhookUrls[0]}/webhook/${PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ prompts: list }),
			});
			assert.equal(res.status, 200, await res.text());
			const id = await waitFor(async () => (await executionIds()).find((x) => !known.includes(x)), {
				timeoutMs: 120_000,
				what: 'the batch execution to be created',
			});
			await waitFor(
				async () => {
					const s = await withPg(N8N_DB, (c) => c.query('SELECT status FROM execution_entity WHERE id = $1', [id]));
					return ['success', 'error', 'crashed'].includes(s.rows[0]?.status);
				},
				{ timeoutMs: 300_000, intervalMs: 1000, what: `execution ${id} to finish` },
			);
			return await world.cluster.server.execution(id);
		}

		// These jobs are not B's business: no webhooks while this scenario runs.
		before(async () => {
			await beginScenario(getWorld());
			await getWorld().emulator.setWebhook(null);
		});
		after(async () => {
			const world = getWorld();
			await world.emulator.setWebhook(world.relay.url, world.secret);
		});

		test('a worker runs the batch and every MP4 is stored in the database', async () => {
			const world = getWorld();
			await world.emulator.setOptions({ durationMs: 5000, mp4Bytes: null });
			const memory = sampleWorkerMemory(world.cluster);
			const started = Date.now();
			const exec = await runBatch(prompts(BATCH, {}));
			const seconds = (Date.now() - started) / 1000;
			const peak = memory.stop();
			assert.equal(exec.status, 'success', JSON.stringify(exec.data.resultData.error ?? {}));
			const ranOn = world.cluster.workerProcs.filter((p) => p.output().includes(`Worker started execution ${exec.id} `));
			assert.equal(ranOn.length, 1, 'the batch ran on exactly one worker');

			const items = exec.data.resultData.runData['Create Videos'][0].data.main[0];
			assert.equal(items.length, BATCH);
			const served = await world.emulator.content(items[0].json.id);
			for (const item of items) {
				assert.equal(item.json.status, 'completed');
				assert.equal(item.binary.data.mimeType, 'video/mp4');
				const m = /^database:(.+)$/.exec(item.binary.data.id);
				assert.ok(m, `binary of ${item.json.id} is not in database mode: ${item.binary.data.id}`);
				const bytes = await withPg(N8N_DB, async (c) =>
					(await c.query('SELECT data FROM binary_data WHERE "fileId" = $1', [m[1]])).rows[0]?.data,
				);
				assert.ok(bytes && isMp4(bytes) && bytes.equals(served), `stored MP4 of ${item.json.id} differs from the server's`);
			}
			writeFigures('wait', { batch: BATCH, seconds, mp4Bytes: served.length, workerPeakRssMiB: peak });
		});

		test('an MP4 above N8N_BINARY_DATA_DATABASE_MAX_FILE_SIZE fails the run with n8n\'s size error', async () => {
			const world = getWorld();
			await world.emulator.setOptions({ mp4Bytes: 2 * 1024 * 1024 });
			try {
				const exec = await runBatch(prompts(1, {}));
				assert.equal(exec.status, 'error');
				const error = exec.data.resultData.error;
				const text = `${error?.message ?? ''} ${error?.description ?? ''}`;
				assert.match(text, new RegExp(`exceeds the max size limit of ${LIMIT_MIB} MB set for \`database\` mode`), JSON.stringify(error));
				console.log(`# the size error as n8n reports it: ${error.message}`);
			} finally {
				await world.emulator.setOptions({ mp4Bytes: null });
			}
		});
	});
}
