// The Sora Video Trigger in a RUNNING n8n with an OpenRouter-dialect credential: jobs created
// with callback_url = the trigger's production URL are reported by the emulator's openrouter
// profile as signed video.generation.* callbacks (X-OpenRouter-Signature), and each one starts
// an execution carrying the job and its MP4. A forged signature is refused.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, beforeEach, describe, test } from 'node:test';

import openrouterEmulator from '../../emulator/openrouter/index.js';
import { createN8n, isMp4, loadWorkflow, resend, soraCredential, startCapture, startEmulator, workflowFile } from './lib/harness.mjs';

const { signCallback } = openrouterEmulator;

const WORKFLOW_ID = 'e2eWebhookTrigger';
const TRIGGER = 'Sora Video Trigger';

describe('Sora Video Trigger with OpenRouter callbacks in a running n8n', { timeout: 600_000 }, () => {
	let emulator;
	let n8n;
	let server;
	let webhookUrl;
	const secret = `or-${randomBytes(24).toString('hex')}`;

	before(async () => {
		emulator = await startEmulator(['--profile', 'openrouter', '--duration-ms', '1000', '--queued-ms', '100']);
		n8n = createN8n('openrouter-callbacks');
		await n8n.importCredentials([soraCredential(emulator, { webhookSecret: secret, dialect: 'openrouter' })]);
		const wf = loadWorkflow(workflowFile('webhook-trigger'));
		const trigger = wf.nodes.find((n) => n.name === TRIGGER);
		await n8n.importWorkflows([wf]);
		await n8n.cli(['publish:workflow', `--id=${WORKFLOW_ID}`]);
		server = await n8n.start();
		await server.setupOwner();
		webhookUrl = `${server.url}/webhook/${trigger.webhookId}/sora`;
	});

	// Each test sets what it relies on: no jobs or pending callbacks of the test before, jobs of
	// a second, the markers, and no workspace default URL (every job names its own
	// callback_url; only the secret is set).
	beforeEach(async () => {
		await emulator.reset();
		await emulator.setOptions({ durationMs: 1000, queuedMs: 100, failPrompts: ['FAIL_MODERATION'], webhook: { url: null, secret } });
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});


	const deliveryFor = (videoId) => emulator.finalDelivery(videoId);

	const createJob = (prompt) =>
		emulator.api('POST', '/videos', { model: 'google/veo-3.1', prompt, duration: 4, size: '1280x720', callback_url: webhookUrl });

	test('video.generation.completed: the execution carries the job and the MP4', async () => {
		const known = new Set((await server.executions(WORKFLOW_ID)).map((e) => e.id));
		const job = await createJob('A kingfisher dives into a clear river');
		const delivery = await deliveryFor(job.id);
		assert.equal(delivery.type, 'video.generation.completed');
		assert.equal(delivery.signed, true);
		assert.equal(delivery.status, 200, `delivery failed: ${JSON.stringify(delivery)}\n${server.output().slice(-3000)}`);
		const { exec, item } = await server.executionFor(WORKFLOW_ID, TRIGGER, job.id, known);
		assert.equal(exec.status, 'success');
		assert.equal(item.json.status, 'completed');
		assert.equal(item.json.provider_status, 'completed');
		assert.equal(item.json.costUsd, 1.6);
		const bytes = readFileSync(n8n.binaryPath(item.binary.data));
		assert.ok(isMp4(bytes), 'stored file is not an MP4');
	});

	test('video.generation.cancelled: the execution carries the failed job, no file', async () => {
		const known = new Set((await server.executions(WORKFLOW_ID)).map((e) => e.id));
		const job = await createJob('OR_CANCELLED by the provider');
		const delivery = await deliveryFor(job.id);
		assert.equal(delivery.type, 'video.generation.cancelled');
		assert.equal(delivery.status, 200);
		const { item } = await server.executionFor(WORKFLOW_ID, TRIGGER, job.id, known);
		assert.equal(item.json.status, 'failed');
		assert.equal(item.json.provider_status, 'cancelled');
		assert.equal(item.binary, undefined);
	});

	test('a captured callback re-sent under a new or missing X-OpenRouter-Idempotency-Key starts no second run', async () => {
		// The job's callback goes to a capture first; we then play it to n8n, and play it again.
		const capture = await startCapture();
		let captured;
		let job;
		try {
			job = await emulator.api('POST', '/videos', { model: 'google/veo-3.1', prompt: 'A heron waits in the reeds', duration: 4, size: '1280x720', callback_url: capture.url });
			captured = await capture.next((event) => event.data?.id === job.id, `the captured callback for ${job.id}`);
		} finally {
			await capture.close();
		}
		assert.equal(captured.headers['x-openrouter-idempotency-key'], `${job.id}-completed`);
		const known = new Set((await server.executions(WORKFLOW_ID)).map((e) => e.id));
		const first = await resend(webhookUrl, captured);
		assert.equal(first.status, 200, JSON.stringify(first.json));
		await server.executionFor(WORKFLOW_ID, TRIGGER, job.id, known);

		// The signature covers t and the body only: the key can be changed or dropped without breaking it.
		const body = captured.raw.toString('utf8');
		const copies = {
			'the same bytes and headers': {},
			'a new idempotency key': { 'x-openrouter-idempotency-key': 'replayed-under-a-new-key' },
			'no idempotency key': { 'x-openrouter-idempotency-key': undefined },
			"OpenRouter's own retry, signed at a new time": { 'x-openrouter-signature': signCallback(secret, Math.floor(Date.now() / 1000) + 1, body) },
		};
		for (const [what, changes] of Object.entries(copies)) {
			const copy = await resend(webhookUrl, captured, changes);
			assert.deepEqual([copy.status, copy.json], [200, { received: true, duplicate: true }], what);
		}
		const runs = (await server.executions(WORKFLOW_ID)).filter((e) => !known.has(e.id));
		assert.equal(runs.length, 1, `expected one execution for ${job.id}, got ${runs.length}`);
	});

	test('a forged X-OpenRouter-Signature is refused with 401 and starts nothing', async () => {
		const before = (await server.executions(WORKFLOW_ID)).length;
		const t = Math.floor(Date.now() / 1000);
		const res = await fetch(webhookUrl, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'x-openrouter-signature': `t=${t},v1=${randomBytes(32).toString('hex')}`,
				'x-openrouter-idempotency-key': 'forged-completed',
			},
			body: JSON.stringify({ type: 'video.generation.completed', created_at: new Date().toISOString(), data: { id: 'forged', status: 'completed' } }),
			signal: AbortSignal.timeout(30_000),
		});
		assert.equal(res.status, 401);
		await new Promise((r) => setTimeout(r, 1000));
		assert.equal((await server.executions(WORKFLOW_ID)).length, before);
	});
});
