/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code */
// The BUILT Sora Video Trigger in n8n-core's real WebhookContext and WorkflowExecute: the emulator
// signs and POSTs video.* events to a loopback server that plays n8n's webhook server
// (test/harness/webhook.ts); the trigger verifies the raw bytes, fetches the video and downloads
// the MP4 with the same credential over real HTTP, and the run's items carry them.
import { randomBytes } from 'node:crypto';

import { signWebhook } from '../../emulator';
import { binaryBuffer, binaryOf } from '../harness';
import { emulatorContent, emulatorJson, useEmulator, type Emulator } from '../harness/sora';
import { startTriggerServer, type TriggerServer } from '../harness/webhook';
import { eventually, SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // every test waits on the emulator's webhooks and a run

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const VIDEO_KEYS = [
	'id',
	'object',
	'model',
	'status',
	'progress',
	'created_at',
	'completed_at',
	'expires_at',
	'prompt',
	'size',
	'seconds',
	'remixed_from_video_id',
	'error',
];

const harness = useEmulator({}, { eachTest: {} }); // no job, webhook target or retry of one test reaches the next
let emulator: Emulator;
const servers: TriggerServer[] = [];

beforeAll(() => {
	emulator = harness.emulator;
});

afterAll(async () => {
	await Promise.all(servers.map((s) => s.close()));
});

function signedHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	return {
		'content-type': 'application/json',
		'webhook-id': String(headers['webhook-id']),
		'webhook-timestamp': String(headers['webhook-timestamp']),
		'webhook-signature': String(headers['webhook-signature']),
	};
}

/** Starts a job without waiting (the emulator delivers its webhook when it ends, ~0.4 s). */
async function startJob(prompt = 'a calm lake at dawn') {
	return await emulatorJson(emulator, 'POST', '/videos', { prompt, model: 'sora-2', seconds: '4', size: '720x1280' });
}

/** A trigger workflow (trigger -> Echo) listening on loopback, and the emulator pointed at it. */
async function listen(parameters: object, secret = newSecret(), credentialSecret = secret, binaryMode?: 'default' | 'filesystem') {
	const server = await startTriggerServer({
		trigger: { name: 'Sora Trigger', type: 'soraVideoTrigger', parameters: parameters as never },
		credentials: () => ({ soraApi: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, webhookSecret: credentialSecret } }),
		binaryMode,
	});
	servers.push(server);
	emulator.setOptions({ webhook: { url: server.url, secret } });
	return server;
}

describe('Sora Video Trigger in n8n-core', () => {
	it('video.completed -> the run gets the video object and the MP4 (video/mp4) the emulator serves', async () => {
		const server = await listen({ events: ['video.completed', 'video.failed'], output: 'videoAndBinary' });
		// The emulator pushes a signed video.completed when the job ends, as a provider does.
		const video = await startJob('a lighthouse in a storm');
		const [delivery] = await server.waitForDeliveries(1);
		// the emulator records its side once its request has settled
		expect(await eventually(() => emulator.webhookDeliveries().find((d) => d.videoId === video.id), `the emulator's record of ${String(video.id)}`)).toMatchObject({
			type: 'video.completed',
			status: 200,
		});
		expect(delivery.status).toBe(200);
		// the trigger answered itself, before it fetched (n8n's own answer would be "Workflow was started")
		expect(delivery.responseBody).toEqual({ received: true });
		expect(delivery.run?.status).toBe('success');

		const [item] = delivery.run!.outputs['Sora Trigger'];
		expect(item.json.id).toBe(video.id);
		expect(item.json.status).toBe('completed');
		// The Video object, its output state, and the keys that name the delivery for a downstream upsert.
		expect(Object.keys(item.json).sort()).toEqual([...VIDEO_KEYS, 'state', 'deliveryId', 'idempotencyKey'].sort());
		expect(item.json.state).toBe('completed');
		expect(item.json.idempotencyKey).toBe(`video.completed:${String(video.id)}`);
		expect(item.json.deliveryId).toBe(delivery.headers['webhook-id']);
		const binary = binaryOf(item, 'data');
		expect(binary.mimeType).toBe('video/mp4');
		expect(binary.fileName).toBe(`${String(video.id)}.mp4`);
		const served = await emulatorContent(emulator, String(video.id));
		expect((await binaryBuffer(item, 'data')).equals(served.bytes)).toBe(true);

		// the item flowed on into the next node of the run
		const [echoed] = delivery.run!.outputs.Echo;
		expect(echoed.json.seenBinaryKeys).toEqual(['data']);

		// the raw bytes verified were exactly what the emulator signed
		expect(JSON.parse(delivery.rawBody.toString()).data.id).toBe(video.id);
	});

	it('fire-and-forget batch: jobs created without waiting each start one run when they finish', async () => {
		const server = await listen({ output: 'videoAndBinary', binaryPropertyName: 'video', options: { downloadThumbnail: true } });
		const prompts = ['dawn over the sea', 'a fox in the snow', 'FAIL_MODERATION please'];
		const created = await Promise.all(prompts.map((prompt) => startJob(prompt)));
		// The emulator pushes video.completed / video.failed itself when each job ends.
		const deliveries = await server.waitForDeliveries(3);
		const items = deliveries.map((d) => {
			expect(d.status).toBe(200);
			expect(d.run?.status).toBe('success');
			return d.run!.outputs['Sora Trigger'][0];
		});
		const byId = new Map(items.map((item) => [item.json.id, item]));
		expect([...byId.keys()].sort()).toEqual(created.map((v) => v.id).sort());

		for (const video of created.slice(0, 2)) {
			const item = byId.get(video.id)!;
			expect(item.json.status).toBe('completed');
			expect(binaryOf(item, 'video').mimeType).toBe('video/mp4');
			expect(binaryOf(item, 'thumbnail').mimeType).toBe('image/webp');
		}
		const failed = byId.get(created[2].id)!;
		expect(failed.json.status).toBe('failed');
		expect(failed.json.error).toMatchObject({ code: 'moderation_blocked' });
		expect(failed.binary).toBeUndefined();
	});

	it('output "event" emits the delivered event and makes no API call', async () => {
		const server = await listen({ output: 'event' });
		const before = emulator.requests().length;
		await emulator.sendWebhook('video_never_fetched', 'video.failed');
		const [delivery] = await server.waitForDeliveries(1);
		const [item] = delivery.run!.outputs['Sora Trigger'];
		expect(item.json).toMatchObject({ object: 'event', type: 'video.failed', data: { id: 'video_never_fetched' } });
		expect(emulator.requests().length).toBe(before);
	});

	it('a delivery signed with another secret is answered 401 and starts nothing', async () => {
		const server = await listen({ output: 'event' }, newSecret(), newSecret());
		const sent = await emulator.sendWebhook('video_x', 'video.completed');
		expect(sent.status).toBe(401);
		const [delivery] = await server.waitForDeliveries(1);
		expect(delivery.responseBody).toEqual({ error: 'Invalid webhook signature' }); // the node answered itself
		expect(delivery.result).toEqual({ noWebhookResponse: true });
		expect(delivery.run).toBeUndefined();
	});

	it('without a secret in the credential: 401, nothing starts', async () => {
		const server = await listen({ output: 'event' }, newSecret(), '');
		expect((await emulator.sendWebhook('video_y', 'video.completed')).status).toBe(401);
		const [delivery] = await server.waitForDeliveries(1);
		expect(delivery.run).toBeUndefined();
	});

	it('a replayed delivery (same webhook-id and signature) is answered 200 and starts no second run', async () => {
		const server = await listen({ output: 'video' });
		const video = await startJob();
		const [first] = await server.waitForDeliveries(1);
		expect(first.run!.outputs['Sora Trigger'][0].json.id).toBe(video.id);
		expect(first.run?.status).toBe('success');

		const replay = await fetch(server.url, {
			method: 'POST',
			headers: {
				...signedHeaders(first.headers),
			},
			body: new Uint8Array(first.rawBody),
		});
		expect(replay.status).toBe(200);
		const [, second] = await server.waitForDeliveries(2);
		expect(second.run).toBeUndefined();

		// the same bytes with one character changed are refused
		const tampered = await fetch(server.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': `${String(first.headers['webhook-id'])}x`,
				'webhook-timestamp': String(first.headers['webhook-timestamp']),
				'webhook-signature': String(first.headers['webhook-signature']),
			},
			body: new Uint8Array(first.rawBody),
		});
		expect(tampered.status).toBe(401);
	});

	it('the same event resent under a new webhook-id (signed anew) is answered 200 and starts no second run', async () => {
		const secret = newSecret();
		const server = await listen({ output: 'video' }, secret);
		const video = await startJob('resent under a new message id');
		const [first] = await server.waitForDeliveries(1);
		expect(first.run?.status).toBe('success');
		expect(first.run!.outputs['Sora Trigger'][0].json.id).toBe(video.id);

		// The provider sends the captured event again as a new message: new webhook-id, fresh timestamp.
		const body = first.rawBody.toString();
		const resend = async (webhookId: string) => {
			const timestamp = Math.floor(Date.now() / 1000);
			return await fetch(server.url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'webhook-id': webhookId,
					'webhook-timestamp': String(timestamp),
					'webhook-signature': signWebhook(secret, webhookId, timestamp, body),
				},
				body,
			});
		};
		for (const webhookId of ['msg_resent_1', 'msg_resent_2']) {
			const answer = await resend(webhookId);
			expect(answer.status).toBe(200);
			expect(await answer.json()).toEqual({ received: true, duplicate: true });
		}
		const deliveries = await server.waitForDeliveries(3);
		expect(deliveries.map((d) => d.run !== undefined)).toEqual([true, false, false]);

		// Another event for the same video (here video.failed) is a new event, not a copy.
		const failedBody = body.replace('"video.completed"', '"video.failed"');
		const timestamp = Math.floor(Date.now() / 1000);
		const other = await fetch(server.url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'webhook-id': 'msg_other_event',
				'webhook-timestamp': String(timestamp),
				'webhook-signature': signWebhook(secret, 'msg_other_event', timestamp, failedBody),
			},
			body: failedBody,
		});
		expect(other.status).toBe(200);
		const [, , , fourth] = await server.waitForDeliveries(4);
		expect(fourth.run?.status).toBe('success');
	});

	it('an unselected event is acknowledged (200) and starts nothing', async () => {
		const server = await listen({ events: ['video.completed'], output: 'video' });
		expect((await emulator.sendWebhook('video_z', 'video.failed')).status).toBe(200);
		const [delivery] = await server.waitForDeliveries(1);
		expect(delivery.run).toBeUndefined();
	});

	// Issue 21: this used to be answered 500 after the fetch failed (the provider retried, no run
	// started); now the answer comes first and the run carries the id and the error.
	it('a video the API cannot find: answered 200, the run starts with the id and the error, a retry is a duplicate', async () => {
		const server = await listen({ output: 'video' });
		const sent = await emulator.sendWebhook('video_does_not_exist', 'video.completed');
		expect(sent.status).toBe(200);
		const [delivery] = await server.waitForDeliveries(1);
		expect(delivery.responseBody).toEqual({ received: true });
		expect(delivery.run?.status).toBe('success');
		const [item] = delivery.run!.outputs['Sora Trigger'];
		expect(item.json).toMatchObject({
			id: 'video_does_not_exist',
			idempotencyKey: 'video.completed:video_does_not_exist',
			error: { status: 404, videoId: 'video_does_not_exist' },
		});
		expect(String((item.json.error as { message: string }).message)).toMatch(/404/);
		expect(JSON.stringify(item.json)).not.toContain(emulator.apiKey);
		// the provider delivers the same message id again: the run already started, so it starts no second one
		const retry = await fetch(server.url, { method: 'POST', headers: signedHeaders(delivery.headers), body: new Uint8Array(delivery.rawBody) });
		expect(retry.status).toBe(200);
		expect(await retry.json()).toEqual({ received: true, duplicate: true });
	});

	it('a large MP4 served slowly: the delivery is answered before the download, and the run gets every byte', async () => {
		const server = await listen({ output: 'videoAndBinary' }, newSecret(), undefined, 'filesystem');
		emulator.setOptions({ mp4Bytes: 24_000_000 });
		// 24 MB at 8 MB/s: the download takes 3 s, the answer must not wait for it
		emulator.setFaults([{ match: { kind: 'content' }, fault: { type: 'slow', bytesPerSec: 8_000_000 } }]);
		try {
			const video = await startJob('a glacier calving, slow');
			const [delivery] = await server.waitForDeliveries(1, 45_000);
			const answeredMs = delivery.answeredAt! - delivery.receivedAt;
			const ranMs = delivery.settledAt! - delivery.receivedAt;
			expect(delivery.status).toBe(200);
			expect(answeredMs).toBeLessThan(ranMs - 2_000);
			const [item] = delivery.run!.outputs['Sora Trigger'];
			expect(item.json.error).toBeNull();
			expect(binaryOf(item, 'data').id).toMatch(/^filesystem/);
			const stored = await binaryBuffer(item, 'data');
			expect(stored.length).toBe(24_000_000);
			expect(stored.equals((await emulatorContent(emulator, String(video.id))).bytes)).toBe(true);
		} finally {
			emulator.setFaults([]);
			emulator.setOptions({ mp4Bytes: null });
		}
	}, 60_000);

	it('a content download that fails (500) after the answer: 200 to the provider, the run has the video and the error', async () => {
		const server = await listen({ output: 'videoAndBinary' });
		emulator.setFaults([{ match: { kind: 'content' }, fault: { type: 'status', status: 500 } }]);
		try {
			const video = await startJob('a kite over the dunes');
			const [delivery] = await server.waitForDeliveries(1, 45_000);
			expect(delivery.status).toBe(200);
			expect(delivery.responseBody).toEqual({ received: true });
			const [item] = delivery.run!.outputs['Sora Trigger'];
			expect(item.json).toMatchObject({ id: video.id, object: 'video', status: 'completed', error: { status: 500, videoId: video.id } });
			expect(item.binary).toBeUndefined();
			// the next node ran: the workflow can route on `error` to retry or alert
			expect(delivery.run!.outputs.Echo).toHaveLength(1);
		} finally {
			emulator.setFaults([]);
		}
	}, 60_000);

	it('filesystem binary mode: the MP4 is stored by n8n-core and reads back byte for byte', async () => {
		const server = await listen({ output: 'videoAndBinary' }, newSecret(), undefined, 'filesystem');
		const video = await startJob();
		const [delivery] = await server.waitForDeliveries(1);
		const [item] = delivery.run!.outputs['Sora Trigger'];
		const binary = binaryOf(item, 'data');
		expect(binary.id).toMatch(/^filesystem/);
		const served = await emulatorContent(emulator, String(video.id));
		expect((await binaryBuffer(item, 'data')).equals(served.bytes)).toBe(true);
	});
});
