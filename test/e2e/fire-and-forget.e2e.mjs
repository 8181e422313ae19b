// The fire-and-forget pair from the README, as shipped in examples/:
//   A  batch-create-no-wait.json  run once with `n8n execute` (its own n8n): starts the jobs, ends at once;
//   B  trigger-store-video.json   published in a running n8n (`n8n start`): the emulator's signed
//      webhooks start it once per job; finished videos are downloaded and written to disk,
//      failed ones go to the Alert branch.
// The emulator blocks one of A's own prompts (--fail-prompt), so A runs unchanged and one job fails.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createN8n, exampleFile, isMp4, loadExample, soraCredential, startEmulator, waitFor } from './lib/harness.mjs';

const BLOCKED = 'black volcanic rocks'; // part of one of A's prompts
const TRIGGER = 'Sora Video Trigger';

describe('fire and forget: examples A (CLI) and B (trigger in a running n8n)', { timeout: 600_000 }, () => {
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	let emulator;
	let store; // n8n running B
	let starter; // n8n running A
	let server;
	let workflowB;
	let startedJobs; // A's output items

	before(async () => {
		assert.ok(
			readFileSync(exampleFile('batch-create-no-wait'), 'utf8').includes(BLOCKED),
			`no prompt of batch-create-no-wait.json contains "${BLOCKED}": pick another for the failing job`,
		);
		emulator = await startEmulator(['--duration-ms', '1500', '--queued-ms', '200', '--fail-prompt', BLOCKED]);

		store = createN8n('store');
		await store.importCredentials([soraCredential(emulator, { webhookSecret: secret })]);
		workflowB = loadExample('trigger-store-video', store);
		await store.importWorkflows([workflowB]);
		await store.cli(['publish:workflow', `--id=${workflowB.id}`]);
		server = await store.start();
		await server.setupOwner();
		const trigger = workflowB.nodes.find((n) => n.name === TRIGGER);
		// Registered by hand in a provider's dashboard; here, in the emulator.
		await emulator.setWebhook(`${server.url}/webhook/${trigger.webhookId}/sora`, secret);

		starter = createN8n('start');
		await starter.importCredentials([soraCredential(emulator)]);
		await starter.importWorkflows([loadExample('batch-create-no-wait', starter)]);
	});

	after(async () => {
		await store?.dispose();
		await starter?.dispose();
		await emulator?.stop();
	});

	test('A starts one job per prompt and ends without waiting for them', async () => {
		const result = await starter.execute('soraBatchNoWait01');
		assert.equal(result.status, 'success', result.describe());
		const prompts = result.items('Split Out Prompts').map((i) => i.json.prompt);
		assert.equal(prompts.length, 5);
		startedJobs = result.items('Start Videos');
		assert.equal(startedJobs.length, 5);
		startedJobs.forEach((item, i) => {
			assert.match(item.json.id, /^video_/);
			assert.equal(item.json.prompt, prompts[i]);
			assert.deepEqual(item.pairedItem, { item: i });
			// The create's own answer: nothing waited for, nothing downloaded.
			assert.equal(item.json.status, 'queued');
			assert.equal(item.binary, undefined);
		});
		// A never polls: any read of these jobs so far is B's, after the job's webhook went out.
		const reads = (await emulator.requests()).filter(
			(r) => ['get', 'content'].includes(r.kind) && startedJobs.some((j) => r.path.includes(j.json.id)),
		);
		const deliveries = await emulator.webhooks();
		for (const r of reads) {
			assert.ok(
				deliveries.some((d) => r.path.includes(d.videoId) && d.at <= r.at),
				`${r.method} ${r.path} came before any webhook for that job: A should not wait`,
			);
		}
	});

	test('B stores every finished video on disk and alerts on the failed one', async () => {
		assert.ok(startedJobs, 'A did not run');
		const ids = startedJobs.map((j) => j.json.id);
		const failedId = startedJobs.find((j) => j.json.prompt.includes(BLOCKED)).json.id;
		const doneIds = ids.filter((id) => id !== failedId);

		// The emulator delivers one signed event per job; B answers each with 200.
		const deliveries = await emulator.finalDeliveries(ids);
		for (const d of deliveries) {
			assert.equal(d.status, 200, `delivery for ${d.videoId}: ${JSON.stringify(d)}\n${server.output().slice(-3000)}`);
			assert.equal(d.type, d.videoId === failedId ? 'video.failed' : 'video.completed');
		}

		// One finished execution of B per job, found by the video id the trigger output.
		const executions = await waitFor(
			async () => {
				const found = new Map();
				for (const summary of await server.executions(workflowB.id)) {
					if (!['success', 'error', 'crashed'].includes(summary.status)) continue;
					const exec = await server.execution(summary.id);
					const id = exec.data.resultData.runData[TRIGGER]?.[0]?.data?.main?.[0]?.[0]?.json?.id;
					if (ids.includes(id)) found.set(id, exec);
				}
				return found.size === ids.length && found;
			},
			{ timeoutMs: 60_000, intervalMs: 500, what: 'an execution of B for each of the 5 jobs' },
		);
		const itemsOf = (exec, node, output = 0) => exec.data.resultData.runData[node]?.[0]?.data?.main?.[output] ?? [];

		for (const id of doneIds) {
			const exec = executions.get(id);
			assert.equal(exec.status, 'success', `execution for ${id}: ${JSON.stringify(exec.data.resultData.error ?? {})}`);
			assert.equal(exec.mode, 'webhook');
			const [video] = itemsOf(exec, TRIGGER);
			assert.equal(video.json.status, 'completed');
			assert.equal(video.json.state, 'completed');
			assert.equal(itemsOf(exec, 'Failed?', 0).length, 0, `${id} went to the failed branch`);
			assert.equal(itemsOf(exec, 'Failed?', 1)[0]?.json.id, id);
			assert.equal(exec.data.resultData.runData.Alert, undefined, `Alert ran for ${id}`);

			const [downloaded] = itemsOf(exec, 'Download Video');
			assert.equal(downloaded.json.id, id);
			assert.equal(downloaded.binary.data.mimeType, 'video/mp4');
			const stored = readFileSync(store.binaryPath(downloaded.binary.data));
			const served = await emulator.content(id);
			assert.ok(isMp4(stored), `the downloaded file of ${id} is not an MP4`);
			assert.deepEqual(stored, served, `the downloaded file of ${id} differs from the server's`);

			const [written] = itemsOf(exec, 'Write MP4 to Disk');
			const file = path.join(store.filesDir, `${id}.mp4`);
			assert.equal(written.json.fileName, file);
			assert.ok(existsSync(file), `${file} was not written`);
			assert.deepEqual(readFileSync(file), served, `${file} differs from the server's MP4`);
		}

		const failed = executions.get(failedId);
		assert.equal(failed.status, 'success');
		const [video] = itemsOf(failed, TRIGGER);
		assert.equal(video.json.status, 'failed');
		assert.equal(video.json.state, 'failed', 'the example routes on the output state');
		assert.equal(itemsOf(failed, 'Failed?', 0)[0]?.json.id, failedId);
		assert.equal(itemsOf(failed, 'Failed?', 1).length, 0);
		const [alert] = itemsOf(failed, 'Alert');
		assert.ok(alert, 'Alert did not run for the failed job');
		assert.match(alert.json.alert, new RegExp(`^Sora video ${failedId} failed: moderation_blocked \\(.+\\)\\. Prompt: .*${BLOCKED}`));
		assert.equal(alert.json.error?.code, 'moderation_blocked');
		assert.equal(failed.data.resultData.runData['Download Video'], undefined, 'a failed job was downloaded');

		// On disk: exactly the finished videos.
		assert.deepEqual(readdirSync(store.filesDir).sort(), doneIds.map((id) => `${id}.mp4`).sort());
	});
});
