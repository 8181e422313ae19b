// Webhook signing (a fixed test vector, the same one the trigger's unit tests use, and the
// standardwebhooks library as an independent verifier) and delivery on job completion,
// failure and on demand.
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { signWebhook } from '../../emulator';
import { call, createVideo, Emu, sleep, startEmulator } from './helpers';

const SECRET = 'whsec_c3ludGhldGljLXdlYmhvb2stc2VjcmV0';

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

		beforeAll(async () => {
			server = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (c) => chunks.push(c));
				req.on('end', () => {
					received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
					res.statusCode = answer;
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
		beforeEach(() => {
			received.length = 0;
			answer = 204;
		});

		const waitFor = async (n: number) => {
			for (let i = 0; i < 250 && received.length < n; i++) await sleep(20); // up to 5 s on a loaded machine
			return received;
		};

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
			expect(emu.webhookDeliveries().at(-1)).toMatchObject({ videoId: v.id, type: 'video.completed', status: 204 });
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
			try {
				const rec = await emu.sendWebhook('video_x', 'video.completed');
				expect(rec.error).toEqual(expect.any(String));
			} finally {
				emu.setOptions({ webhook: { url, secret: SECRET } });
			}
		});

		test('a job deleted before it finishes sends nothing', async () => {
			emu.setOptions({ durationMs: 200 });
			const v = await createVideo(emu);
			await call(emu, 'DELETE', `/videos/${v.id}`);
			await sleep(350);
			expect(received).toHaveLength(0);
			emu.setOptions({ durationMs: 150 });
		});
	});
});
