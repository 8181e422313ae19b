// The Sora Video Trigger in a RUNNING n8n (`n8n start`): the emulator delivers signed
// video.completed / video.failed webhooks to the published workflow's production URL,
// and the resulting executions (read back through n8n's REST API) carry the video.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';

import emulatorModule from '../../emulator/index.js';
import {
	createN8n,
	isMp4,
	loadWorkflow,
	resend,
	soraCredential,
	startCapture,
	startEmulator,
	workflowFile,
} from './lib/harness.mjs';

const { signWebhook } = emulatorModule;

const WORKFLOW_ID = 'e2eWebhookTrigger';
const TRIGGER = 'Sora Video Trigger';

describe('Sora Video Trigger in a running n8n', { timeout: 600_000 }, () => {
	let emulator;
	let n8n;
	let server;
	let webhookUrl;
	const secret = `whsec_${randomBytes(24).toString('base64')}`;

	before(async () => {
		emulator = await startEmulator(['--duration-ms', '1000', '--queued-ms', '100']);
		n8n = createN8n('server');
		await n8n.importCredentials([soraCredential(emulator, { webhookSecret: secret })]);
		const wf = loadWorkflow(workflowFile('webhook-trigger'));
		const trigger = wf.nodes.find((n) => n.name === TRIGGER);
		await n8n.importWorkflows([wf]);
		// Published workflows are activated when n8n starts (2.x replaced update:workflow --active).
		await n8n.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		server = await n8n.start();
		await server.setupOwner();
		// Webhook nodes with a webhookId are served at /webhook/<webhookId>/<path>; path is "sora".
		webhookUrl = `${server.url}/webhook/${trigger.webhookId}/sora`;
		await emulator.setWebhook(webhookUrl, secret);
	});

	// Each test sets what it relies on: no jobs or pending events of the test before, jobs of a
	// second, the moderation marker, and the events going to this workflow.
	beforeEach(async () => {
		await emulator.reset();
		await emulator.setOptions({ durationMs: 1000, queuedMs: 100, failPrompts: ['FAIL_MODERATION'] });
		await emulator.setWebhook(webhookUrl, secret);
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	const deliveryFor = (videoId) => emulator.finalDelivery(videoId);

	test('video.completed: the execution carries the video object and the MP4', async () => {
		const known = new Set((await server.executions(WORKFLOW_ID)).map((e) => e.id));
		const job = await emulator.api('POST', '/videos', {
			prompt: 'A hummingbird drinks from a red flower, slow motion',
			model: 'sora-2',
			seconds: '4',
			size: '720x1280',
		});
		const delivery = await deliveryFor(job.id);
		assert.equal(delivery.type, 'video.completed');
		assert.equal(delivery.status, 200, `delivery failed: ${JSON.stringify(delivery)}\n${server.output().slice(-3000)}`);

		const { exec, item } = await server.executionFor(WORKFLOW_ID, TRIGGER, job.id, known);
		assert.equal(exec.status, 'success');
		assert.equal(exec.mode, 'webhook');
		assert.equal(item.json.object, 'video');
		assert.equal(item.json.status, 'completed');
		assert.equal(item.json.prompt, 'A hummingbird drinks from a red flower, slow motion');
		const binary = item.binary?.data;
		assert.ok(binary, `no binary on ${JSON.stringify(item).slice(0, 500)}`);
		assert.equal(binary.mimeType, 'video/mp4');
		const bytes = readFileSync(n8n.binaryPath(binary));
		assert.ok(isMp4(bytes), 'stored file is not an MP4');
		// The workflow went on past the trigger.
		assert.ok(exec.data.resultData.runData.Received, 'the node after the trigger did not run');
	});

	test('video.failed: the execution carries the failed job and its error, no file', async () => {
		const known = new Set((await server.executions(WORKFLOW_ID)).map((e) => e.id));
		const job = await emulator.api('POST', '/videos', {
			prompt: 'This one is blocked FAIL_MODERATION',
			model: 'sora-2',
			seconds: '4',
			size: '720x1280',
		});
		const delivery = await deliveryFor(job.id);
		assert.equal(delivery.type, 'video.failed');
		assert.equal(delivery.status, 200);
		const { item } = await server.executionFor(WORKFLOW_ID, TRIGGER, job.id, known);
		assert.equal(item.json.status, 'failed');
		assert.equal(item.json.error?.code, 'moderation_blocked');
		assert.equal(item.binary, undefined);
	});

	test('a captured delivery re-sent as is, or under a new webhook-id, starts no second run', async () => {
		// Capture the provider's delivery on its way, then play it to n8n ourselves.
		const capture = await startCapture();
		let captured;
		let job;
		try {
			await emulator.setWebhook(capture.url, secret);
			job = await emulator.api('POST', '/videos', { prompt: 'A paper boat on a rainy window', model: 'sora-2', seconds: '4', size: '720x1280' });
			captured = await capture.next((event) => event.data?.id === job.id, `the captured webhook for ${job.id}`);
		} finally {
			await emulator.setWebhook(webhookUrl, secret);
			await capture.close();
		}
		const known = new Set((await server.executions(WORKFLOW_ID)).map((e) => e.id));
		const first = await resend(webhookUrl, captured);
		assert.equal(first.status, 200, JSON.stringify(first.json));
		await server.executionFor(WORKFLOW_ID, TRIGGER, job.id, known);

		const body = captured.raw.toString('utf8');
		const timestamp = String(Math.floor(Date.now() / 1000));
		const copies = {
			'the same bytes and headers': {},
			'a new webhook-id, signed anew (the provider resends the event as a new message)': {
				'webhook-id': 'msg_resent_by_provider',
				'webhook-timestamp': timestamp,
				'webhook-signature': signWebhook(secret, 'msg_resent_by_provider', timestamp, body),
			},
		};
		for (const [what, changes] of Object.entries(copies)) {
			const copy = await resend(webhookUrl, captured, changes);
			assert.deepEqual([copy.status, copy.json], [200, { received: true, duplicate: true }], what);
		}
		// A new webhook-id under the captured signature does not verify at all.
		assert.equal((await resend(webhookUrl, captured, { 'webhook-id': 'msg_forged_id' })).status, 401);
		const runs = (await server.executions(WORKFLOW_ID)).filter((e) => !known.has(e.id));
		assert.equal(runs.length, 1, `expected one execution for ${job.id}, got ${runs.length}`);
	});

	test('a delivery with a wrong signature is refused and starts nothing', async () => {
		const before = (await server.executions(WORKFLOW_ID)).length;
		const body = JSON.stringify({
			id: 'evt_forged',
			object: 'event',
			created_at: Math.floor(Date.now() / 1000),
			type: 'video.completed',
			data: { id: 'video_forged' },
		});
		const res = await fetch(webhookUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_forged',
				'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
				'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
			},
			body,
			signal: AbortSignal.timeout(30_000),
		});
		assert.equal(res.status, 401);
		await new Promise((r) => setTimeout(r, 1000));
		assert.equal((await server.executions(WORKFLOW_ID)).length, before);
	});
});
