// Estimates before a job starts: published prices per second and resolution, Sora's default
// table with its overrides, and the run's spend cap.
import { SORA_PRICES, checkSpend, estimateUsd, parsePriceTable } from '../../nodes/SoraVideo/helpers/cost';
import { toCapabilities } from '../../nodes/SoraVideo/transport/dialects/openrouter';

const seedance = toCapabilities({ id: 'bytedance/seedance-1.5-pro', pricing_skus: { 'per-video-second-480p': '0.02', 'per-video-second-720p': '0.05' } });

describe('cost estimates', () => {
	it("prices Sora from the default table by the size's resolution, dated snapshots as their family", () => {
		expect(estimateUsd({ model: 'sora-2', seconds: '8', size: '720x1280' })).toBeCloseTo(0.8, 6);
		expect(estimateUsd({ model: 'sora-2-pro', seconds: '4', size: '1792x1024' })).toBeCloseTo(4 * SORA_PRICES['sora-2-pro']['1024p'], 6);
		expect(estimateUsd({ model: 'sora-2-pro-2025-10-06', seconds: '12', size: '1280x720' })).toBeCloseTo(3.6, 6);
		expect(estimateUsd({ model: 'openai/sora-2', seconds: '4', size: '1280x720' })).toBeCloseTo(0.4, 6);
	});

	it('prices a published model per resolution, and knows nothing of an unpublished one', () => {
		expect(estimateUsd({ model: seedance.id, seconds: '10', size: '854x480' }, seedance)).toBeCloseTo(0.2, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '5', resolution: '720p' }, seedance)).toBeCloseTo(0.25, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '5', resolution: '1080p' }, seedance)).toBeUndefined();
		expect(estimateUsd({ model: 'veo-3', seconds: '8', size: '1280x720' })).toBeUndefined();
	});

	it('prices a resolution an entry does not list at its default, and not at all without one', () => {
		expect(estimateUsd({ model: 'sora-2-pro', seconds: '4', size: '1344x768' })).toBeUndefined();
		expect(estimateUsd({ model: 'sora-2', seconds: '4', size: '1344x768' })).toBeCloseTo(0.4, 6);
		const partial = parsePriceTable('{"sora-2-pro": {"720p": 0.3, "1080p": 0.7}}');
		expect(estimateUsd({ model: 'sora-2-pro', seconds: '4', size: '1792x1024' }, undefined, partial)).toBeUndefined();
		const complete = parsePriceTable('{"sora-2-pro": {"720p": 0.3, "1024p": 0.5, "1080p": 0.7, "default": 0.7}}');
		expect(estimateUsd({ model: 'sora-2-pro', seconds: '4', size: '1792x1024' }, undefined, complete)).toBeCloseTo(2, 6);
		expect(estimateUsd({ model: 'sora-2-pro', seconds: '4', size: '1344x768' }, undefined, complete)).toBeCloseTo(2.8, 6);
	});

	it('lets the Price Table replace defaults and published prices', () => {
		const table = parsePriceTable('{"sora-2": 0.08, "bytedance/seedance-1.5-pro": {"default": 0.01}}');
		expect(estimateUsd({ model: 'sora-2', seconds: '10', size: '720x1280' }, undefined, table)).toBeCloseTo(0.8, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '5', resolution: '720p' }, seedance, table)).toBeCloseTo(0.05, 6);
		expect(() => parsePriceTable('{"sora-2": "cheap"}')).toThrow(/Price Table \(JSON\): must map each model/);
		expect(() => parsePriceTable('not json')).toThrow(/Price Table/);
	});

	it('refuses a batch over the cap or with a job of unknown price', () => {
		const jobs = [
			{ itemIndex: 0, model: 'sora-2', usd: 0.4 },
			{ itemIndex: 1, model: 'sora-2', usd: 0.4 },
		];
		expect(() => checkSpend(jobs, 0.8)).not.toThrow();
		expect(() => checkSpend(jobs, 0.79)).toThrow('Max Spend per Run: the 2 job(s) of this run are estimated at $0.80, over the limit of $0.79; no job was started');
		expect(() => checkSpend([...jobs, { itemIndex: 2, model: 'veo-3', usd: undefined }], 10)).toThrow(/item 2 cannot be estimated.*no price is known for veo-3; add the model to the Price Table/);
	});

	it('asks for Source Model, not a Price Table entry, when the model of the source video is not known', () => {
		const refusal = () => checkSpend([{ itemIndex: 0, model: undefined, usd: undefined }], 10);
		expect(refusal).toThrow(/item 0 cannot be estimated.*the model of the source video is not known; set Source Model/);
		expect(refusal).not.toThrow(/Price Table/);
	});

	it('prices a job whose resolution the server picks (aspect ratio alone) at the dearest published price', () => {
		const veo = toCapabilities({ id: 'google/veo-3.1', pricing_skus: { 'per-video-second': '0.40', 'per-video-second-1080p': '0.60' } });
		// Size 1280x720 is not sent with an aspect ratio alone: its 720p price would under-count.
		expect(estimateUsd({ model: veo.id, seconds: '8', size: '1280x720', anyResolution: true }, veo)).toBeCloseTo(4.8, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '10', anyResolution: true }, seedance)).toBeCloseTo(0.5, 6);
	});
});
