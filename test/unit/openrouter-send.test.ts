// What the OpenRouter transport sends, against a recording fake of n8n's HTTP helper: the body
// follows the model entry the request was checked against (no second lookup at send time), and
// the credential's extra header values never reach an error.
import { toCapabilities } from '../../nodes/SoraVideo/transport/dialects/openrouter';
import { startOpenRouterJob as startJob } from '../../nodes/SoraVideo/transport/dialects/openrouterApi';
import { createVideo, getVideo } from '../../nodes/SoraVideo/transport/videos';
import { fakeExecuteContext } from '../fixtures/execute-context';

const SEEDANCE = toCapabilities({
	id: 'bytedance/seedance-1.5-pro',
	supported_durations: [5, 10],
	supported_resolutions: ['480p', '720p'],
	supported_aspect_ratios: ['16:9', '9:16'],
	supported_sizes: null,
	pricing_skus: { 'per-video-second-720p': '0.05' },
});

type Sent = { method: string; url: string; body?: unknown; headers?: Record<string, unknown> };

function fakeContext(answer: (sent: Sent) => { statusCode: number; body: unknown }, credentials: Record<string, unknown> = {}) {
	const sent: Sent[] = [];
	const reads = { credentials: 0 };
	// A Base URL of its own per test: the model list cache is per Base URL.
	const baseUrl = `http://127.0.0.1:9/${Math.random()}`;
	const ctx = fakeExecuteContext(
		(request) => {
			const entry = { method: request.method, url: request.url, body: request.body, headers: request.headers };
			sent.push(entry);
			return { headers: {}, ...answer(entry) };
		},
		() => {
			reads.credentials++;
			return { apiKey: 'sk-or-test-key', baseUrl, dialect: 'openrouter', ...credentials };
		},
	);
	return { ctx, sent, reads };
}

describe('OpenRouter create at send time', () => {
	it('builds the body from the checked model entry, without looking the model up again', async () => {
		// The model list would fail now: before, the body then fell back to the raw size.
		const { ctx, sent } = fakeContext((request) =>
			request.url === '/videos/models' ? { statusCode: 503, body: { error: { message: 'down' } } } : { statusCode: 200, body: { id: 'job_1', status: 'pending' } },
		);
		const fields = { model: SEEDANCE.id, prompt: 'a wave', seconds: '5', size: '1280x720' };
		const started = await startJob(ctx, fields, 0, {}, SEEDANCE);
		expect(started.video.id).toBe('job_1');
		expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /videos']);
		expect(sent[0].body).toEqual({ model: SEEDANCE.id, prompt: 'a wave', duration: 5, resolution: '720p', aspect_ratio: '16:9' });
	});
});

describe('errors of a create', () => {
	const fields = { model: SEEDANCE.id, prompt: 'a wave', seconds: '5' };

	it('never show an Extra Headers value, even when the server echoes it', async () => {
		const tenantKey = 'tenant-secret-4f9a2c';
		const { ctx, sent } = fakeContext(
			(request) => ({ statusCode: 400, body: { error: { message: `bad request from tenant ${String(request.headers?.['X-Tenant-Key'])}` } } }),
			{ extraHeaders: `X-Tenant-Key: ${tenantKey}` },
		);
		const error = (await startJob(ctx, fields, 0, {}, SEEDANCE).catch((e: unknown) => e)) as Error & { description?: string };
		expect(sent[0].headers?.['X-Tenant-Key']).toBe(tenantKey);
		expect(error.message).toMatch(/bad request from tenant \[redacted\]/);
		expect(JSON.stringify({ message: error.message, description: error.description })).not.toContain(tenantKey);
	});

	it('on OpenRouter, point at the trigger rather than the List operation OpenRouter has not got', async () => {
		const { ctx } = fakeContext(() => ({ statusCode: 502, body: { error: { message: 'upstream timeout' } } }));
		const error = (await startJob(ctx, fields, 0, {}, SEEDANCE).catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.description).toMatch(/may have reached the server/);
		expect(error.description).toMatch(/no video list.*Sora Video Trigger/);
		expect(error.description).not.toMatch(/List operation/);
	});
});

describe('the credential', () => {
	it('is read once per execution context, however many requests and dialect checks it makes', async () => {
		const { ctx, sent, reads } = fakeContext((request) =>
			request.method === 'POST' ? { statusCode: 200, body: { id: 'job_9', status: 'pending' } } : { statusCode: 200, body: { id: 'job_9', status: 'in_progress' } },
		);
		await createVideo(ctx, { model: SEEDANCE.id, prompt: 'once', seconds: '5' }, 0, {}, SEEDANCE);
		await getVideo(ctx, 'job_9', 0);
		await getVideo(ctx, 'job_9', 0);
		expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /videos', 'GET /videos/job_9', 'GET /videos/job_9']);
		expect(reads.credentials).toBe(1);
	});
});
