// Webhook signing (a fixed test vector, the same one the trigger's unit tests use, and the
// standardwebhooks library as an independent verifier) and delivery on job completion,
// failure and on demand.
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { signWebhook } from '../../emulator';
import { call, createVideo, Emu, startEmulator } from './helpers';
import { eventually, SERVER_TEST_MS } from '../fixtures/wait';

const SECRET = 'whsec_c3ludGhldGljLXdlYmhvb2stc2VjcmV0';

jest.setTimeout(SERVER_TEST_MS); // every delivery test waits on the emulator's timer and a receiver

interface Received {
	headers: IncomingMessage['headers'];
	body: string;
}

describe('webhooks', () => {
	test('the signer reproduces the fixed test vector', () => {
		const body = '{"id":"evt_abc123","object":"event","created_at":1750000000,"type":"video.completed","data":{"id":"video_abc123"}}';
		expect(signWebhook(SECRET, 'evt_synthetic', 1750000000, body)).toBe('v1,YbZnNfRMjivJTZ6aMychLuZHPhj+mU7mRxAySpzxxL4=');
	});

	describe('delivery', () => {
		let emu: Emu;
		let server: Server;
		let url: string;
		const received: Received[] = [];
		let answer = 204;
		let answers: number[] = []; // answered in turn before `answer`

		beforeAll(async () => {
			server = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c) => chunks.push(c));
				req.on('end', () => {
					received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
					res.statusCode = answers.shift() ?? answer;
					res.end();
				});
			});
			await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
			url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
			emu = await startEmulator({ durationMs: 150, webhook: { url, secret: SECRET } });
		});
		afterAll(async () => {
			await emu.close();
			server.closeAllConnections();
			await new Promise((r) => server.close(r));
		});
		// Each test starts from the same emulator state: no jobs, no pending events, the
		// options every test relies on.
		beforeEach(() => {
			emu.reset();
			emu.setOptions({ durationMs: 150, webhook: { url, secret: SECRET }, webhookRetryMs: null });
			received.length = 0;
			answer = 204;
			answers = [];
		});
		afterEach(() => jest.restoreAllMocks());

		const waitFor = (n: number) => eventually(() => received.length >= n && received, `${n} webhook(s) at the receiver`);
		const bodyOf = (i: number) => JSON.parse(received[i].body);

		test('video.completed is delivered, signed per Standard Webhooks', async () => {
			const v = await createVideo(emu);
			const [hit] = await waitFor(1);
			const event = new Webhook(SECRET).verify(hit.body, {
				'webhook-id': String(hit.headers['webhook-id']),
				'webhook-timestamp': String(hit.headers['webhook-timestamp']),
				'webhook-signature': String(hit.headers['webhook-signature']),
			}) as any;
			expect(event).toEqual({ id: expect.stringMatching(/^evt_/), object: 'event', created_at: expect.any(Number), type: 'video.completed', data: { id: v.id } });
			expect(hit.headers['content-type']).toBe('application/json');
			expect(Math.abs(Number(hit.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(5);
			expect(String(hit.headers['webhook-signature'])).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
			const record = await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === v.id), `the emulator's record of ${v.id}`);
			expect(record).toMatchObject({ videoId: v.id, type: 'video.completed', status: 204, attempt: 1, final: true });
		});

		test('video.failed for a moderated prompt', async () => {
			const v = await createVideo(emu, { prompt: 'FAIL_MODERATION' });
			const [hit] = await waitFor(1);
			expect(JSON.parse(hit.body)).toMatchObject({ type: 'video.failed', data: { id: v.id } });
		});

		test('a tampered body does not verify', async () => {
			await createVideo(emu);
			const [hit] = await waitFor(1);
			const headers = {
				'webhook-id': String(hit.headers['webhook-id']),
				'webhook-timestamp': String(hit.headers['webhook-timestamp']),
				'webhook-signature': String(hit.headers['webhook-signature']),
			};
			expect(() => new Webhook(SECRET).verify(hit.body.replace('video.completed', 'video.failed'), headers)).toThrow();
		});

		test('sendWebhook delivers on demand; receiver errors are recorded, not thrown', async () => {
			answer = 500;
			const rec = await emu.sendWebhook('video_manual', 'video.failed');
			expect(rec).toMatchObject({ videoId: 'video_manual', type: 'video.failed', status: 500 });
			expect(JSON.parse(received[0].body).data.id).toBe('video_manual');
		});

		test('an unreachable receiver is logged as an error', async () => {
			emu.setOptions({ webhook: { url: 'http://127.0.0.1:1/unreachable', secret: SECRET } });
			const rec = await emu.sendWebhook('video_x', 'video.completed');
			expect(rec.error).toEqual(expect.any(String));
		});

		test('sendWebhook without a type refuses a running job rather than calling it completed', async () => {
			emu.setOptions({ durationMs: 60_000 });
			const v = await createVideo(emu);
			await expect(emu.sendWebhook(v.id)).rejects.toThrow(/in_progress|queued/);
			expect(received).toHaveLength(0);
		});

		test('a job deleted before it finishes sends nothing', async () => {
			const v = await createVideo(emu);
			await call(emu, 'DELETE', `/videos/${v.id}`);
			// Events go out in the order jobs end: once a later job's has arrived, the deleted one's would have too.
			const later = await createVideo(emu, { prompt: 'a later job' });
			await waitFor(1);
			expect(received.map((_, i) => bodyOf(i).data.id)).toEqual([later.id]);
		});

		// Node's timers run on a monotonic clock in whole ms, job status on Date.now(): about one
		// timer in a hundred fires a millisecond before Date.now() reaches the job's end. Set the
		// wall clock 20 ms behind to make that certain.
		test('an event whose timer fires before Date.now() reaches the job end still carries the terminal state', async () => {
			const v = await createVideo(emu, { prompt: 'FAIL_MODERATION' });
			const now = Date.now.bind(Date);
			jest.spyOn(Date, 'now').mockImplementation(() => now() - 20);
			await waitFor(1);
			expect(bodyOf(0)).toMatchObject({ type: 'video.failed', data: { id: v.id } });
		});

		test('a receiver that does not take the event gets it again with backoff, same webhook-id, each attempt recorded', async () => {
			emu.setOptions({ webhookRetryMs: [50, 100] });
			answers = [503, 429];
			const v = await createVideo(emu);
			// The record of an attempt is written once its answer is back: wait for the final one.
			await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === v.id && d.final), 'the final attempt');
			expect(received.map((r) => r.headers['webhook-id'])).toEqual(Array(3).fill(received[0].headers['webhook-id']));
			expect(received.map((_, i) => bodyOf(i))).toEqual(Array(3).fill(bodyOf(0)));
			const attempts = emu.webhookDeliveries().filter((d) => d.videoId === v.id);
			expect(attempts.map((d) => [d.attempt, d.status, d.final])).toEqual([[1, 503, false], [2, 429, false], [3, 204, true]]);
		});

		test('retries are bounded; a 4xx refusal is final at once', async () => {
			emu.setOptions({ webhookRetryMs: [20] });
			answer = 500;
			const failing = await createVideo(emu);
			await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === failing.id && d.final), 'the last attempt');
			expect(emu.webhookDeliveries().map((d) => [d.attempt, d.status, d.final])).toEqual([[1, 500, false], [2, 500, true]]);
			answer = 401;
			const refused = await createVideo(emu);
			const record = await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === refused.id), 'the refused event');
			expect([record.attempt, record.status, record.final]).toEqual([1, 401, true]);
		});

		test('reset ends a retry chain: nothing of the old job reaches the receiver or the records after it', async () => {
			emu.setOptions({ webhookRetryMs: [300] });
			answers = [503];
			const old = await createVideo(emu);
			await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === old.id), 'the first attempt');
			emu.reset();
			const fresh = await createVideo(emu);
			await eventually(() => emu.webhookDeliveries().find((d) => d.videoId === fresh.id), 'the new job\'s event');
			await new Promise((r) => setTimeout(r, 400)); // past the old chain's retry, had it survived
			expect(emu.webhookDeliveries().map((d) => d.videoId)).toEqual([fresh.id]);
			expect(received.map((_, i) => bodyOf(i).data.id)).toEqual([old.id, fresh.id]);
		});
	});
});
