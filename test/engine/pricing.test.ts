// The spend guard on real catalogs, through n8n's engine against the emulator:
// - OpenRouter's live pricing_skus names (emulator option pricingStyle 'live'): the estimate the
//   node makes before the job equals the cost the server bills (usage.cost) for the SKU the job
//   falls under (audio on or off, text or first frame, resolution), and the dearest SKU that could
//   apply when the request leaves it open;
// - Extend priced at the source video's resolution (read before any paid request when a cap is
//   set), else at the dearest price; Edit refused under a cap on OpenAI servers;
// - GET /key, the route OpenRouter's credential test now asks.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../harness';
import { parseWithSdk } from '../harness/openrouter-schemas';
import { untilFinished } from '../fixtures/jobs';
import { emulatorJson, FAST_OPTIONS, soraNode, useEmulator } from '../harness/sora';

jest.setTimeout(60_000);

const model = (value: string) => ({ __rl: true, mode: 'id', value });

function ok(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	return result.outputs.Sora;
}

describe('OpenRouter live catalog names (pricingStyle live)', () => {
	const ctx = useEmulator({ profile: 'openrouter' }, { eachTest: { durationMs: 300, pricingStyle: 'live' } });
	const credentials = () => ctx.credentials({ dialect: 'openrouter' });
	const creates = () => ctx.emulator.requests().filter((r) => r.kind === 'create');

	const create = (parameters: IDataObject, options: IDataObject = {}) =>
		runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: 'a harbour at dusk', options: { ...FAST_OPTIONS, ...options }, ...parameters })],
			credentials: credentials(),
		});

	it('the emulator publishes live names that @openrouter/sdk accepts', async () => {
		const list = await emulatorJson(ctx.emulator, 'GET', '/videos/models');
		expect((await parseWithSdk('VideoModelsListResponse', list)).issues).toEqual([]);
		const veo = (list.data as IDataObject[]).find((m) => m.id === 'google/veo-3.1');
		expect(Object.keys(veo?.pricing_skus as IDataObject)).toContain('duration_seconds_with_audio_1080p');
	});

	it.each<[string, IDataObject, number]>([
		// Veo: 6 s at 720p, audio off -> duration_seconds_without_audio = $0.20/s.
		['Veo, audio off', { model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '6', size: '1280x720', modelOptions: { generateAudio: false } }, 1.2],
		// Audio on at 1080p -> duration_seconds_with_audio_1080p = $0.60/s.
		['Veo, audio on, 1080p', { model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '6', size: '1920x1080', modelOptions: { generateAudio: true } }, 3.6],
		// Audio left to the model (it makes sound by default): the dearest of with/without = with.
		['Veo, audio left to the model', { model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '4', size: '1280x720' }, 1.6],
		// Seedance from a first frame at 720p -> image_to_video_duration_seconds_720p = $0.06/s.
		[
			'Seedance, first frame',
			{ model: model('bytedance/seedance-1.5-pro'), seconds: 'custom', customSeconds: '5', size: '1280x720', inputReference: 'imageUrl', imageUrl: 'https://example.com/first.png' },
			0.3,
		],
		['Seedance, text only', { model: model('bytedance/seedance-1.5-pro'), seconds: 'custom', customSeconds: '5', size: '1280x720' }, 0.25],
		// Hailuo in cents: cents_per_second_output_1080p = 8 cents/s.
		['Hailuo, cents', { model: model('minimax/hailuo-2.3'), seconds: 'custom', customSeconds: '6', size: '1920x1080' }, 0.48],
	])('%s: the estimate is what the server bills', async (_name, parameters, usd) => {
		const [item] = ok(await create(parameters, { maxSpendUsd: 50 }));
		expect(item.json.estimatedCostUsd).toBeCloseTo(usd, 6);
		expect(item.json.costUsd).toBeCloseTo(usd, 6);
	});

	it('a capped request is priced, not refused with "no price is known"', async () => {
		const result = await create({ model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '8', size: '1920x1080' }, { maxSpendUsd: 4 });
		expect(result.error?.message).toBe('Max Spend per Run: the 1 job(s) of this run are estimated at $4.80, over the limit of $4.00; no job was started');
		expect(creates()).toEqual([]);
	});

	it('Extend of a job of unknown size is capped at the dearest continuation price', async () => {
		// openai/sora-2-pro continues at cents_per_second_video_continuation_1080p = $0.70/s at most: 8 s = $5.60.
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'extend', videoId: 'job_unknown', prompt: 'on', seconds: '8', continuationModel: 'openai/sora-2-pro', options: { maxSpendUsd: 5 } })],
			credentials: credentials(),
		});
		expect(result.error?.message).toMatch(/estimated at \$5\.60, over the limit of \$5\.00/);
		expect(creates()).toEqual([]);
	});

	it('GET /key: authenticated, in the SDK shape, with the usage so far', async () => {
		ok(await create({ model: model('google/veo-3.1'), seconds: 'custom', customSeconds: '4', size: '1280x720', modelOptions: { generateAudio: false } }));
		ctx.emulator.setOptions({ keyLimitUsd: 10 });
		const key = await emulatorJson(ctx.emulator, 'GET', '/key');
		expect((await parseWithSdk('GetCurrentKeyResponse', key)).issues).toEqual([]);
		expect(key.data).toMatchObject({ limit: 10, usage: 0.8, limit_remaining: 9.2 });
		const refused = await fetch(`${ctx.emulator.baseUrl}/key`, { headers: { Authorization: 'Bearer sk-or-wrong' } });
		expect(refused.status).toBe(401);
	});
});

describe('continuations under a cap on OpenAI servers', () => {
	const ctx = useEmulator({}, { eachTest: { durationMs: 300, pollAfterMs: 50 } });
	const paid = () => ctx.emulator.requests().filter((r) => r.method === 'POST');

	const extend = (videoId: string, maxSpendUsd: number, extra: IDataObject = {}) =>
		runWorkflow({
			nodes: [soraNode({ operation: 'extend', videoSource: 'id', videoId, prompt: 'the scene goes on', seconds: '8', waitForCompletion: false, options: { maxSpendUsd }, ...extra })],
			credentials: ctx.credentials(),
		});

	async function source(size: string) {
		const video = await emulatorJson(ctx.emulator, 'POST', '/videos', { prompt: 'a source', model: 'sora-2-pro', seconds: '4', size });
		const read = () => emulatorJson(ctx.emulator, 'GET', `/videos/${String(video.id)}`);
		return await untilFinished(read, { intervalMs: 50, first: video });
	}

	it('Extend of a 1080p sora-2-pro video is priced at $0.70/s, read from the source (8 s = $5.60)', async () => {
		const video = await source('1920x1080');
		const before = paid().length;
		const refused = await extend(String(video.id), 5);
		expect(refused.error?.message).toBe('Max Spend per Run: the 1 job(s) of this run are estimated at $5.60, over the limit of $5.00; no job was started');
		expect(paid()).toHaveLength(before);
		const [item] = ok(await extend(String(video.id), 6));
		expect(item.json.estimatedCostUsd).toBeCloseTo(5.6, 6);
		expect(paid()).toHaveLength(before + 1);
	});

	it('Extend of a 720p source is priced at its own $0.30/s (8 s = $2.40), with no Source Model needed', async () => {
		const video = await source('1280x720');
		const [item] = ok(await extend(String(video.id), 3));
		expect(item.json.estimatedCostUsd).toBeCloseTo(2.4, 6);
	});

	it('Extend of a source that cannot be read is priced at the dearest price of the Source Model', async () => {
		const result = await extend('video_not_here', 5, { continuationModel: 'sora-2-pro' });
		expect(result.error?.message).toMatch(/estimated at \$5\.60, over the limit of \$5\.00/);
		expect(paid()).toEqual([]);
	});

	it('Edit under a cap is refused before any request: its duration is not known beforehand', async () => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'edit', videoSource: 'id', videoId: 'video_abc', prompt: 'snow', options: { maxSpendUsd: 100 } })],
			credentials: ctx.credentials(),
		});
		expect(result.error?.message).toMatch(/Max Spend per Run: the cost of item 0 cannot be estimated.*an edit keeps the source video's duration/);
		expect(ctx.emulator.requests()).toEqual([]);
	});
});
