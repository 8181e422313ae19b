// OpenRouter's pricing_skus read by family, and the SKU a request is billed at: names of the
// docs' example (`per-video-second-1080p`) and of the live catalog (`duration_seconds_with_audio_720p`,
// `text_to_video_duration_seconds_480p`, `cents_per_second_output_1080p`, `generate`, `video_tokens`...).
// The live names below are the shapes public code quotes from the live catalog (2026).
import { estimateUsd, unpricedWhy } from '../../nodes/SoraVideo/helpers/cost';
import { toCapabilities } from '../../nodes/SoraVideo/transport/dialects/openrouter';
import { readSku } from '../../nodes/SoraVideo/transport/dialects/openrouterPricing';

const model = (id: string, pricing_skus: Record<string, string>, extra: Record<string, unknown> = {}) => toCapabilities({ id, pricing_skus, ...extra });

describe('SKU names by family', () => {
	it.each([
		['per-video-second', '0.40', { unit: 'second', usd: 0.4 }],
		['per-video-second-1080p', '0.60', { unit: 'second', usd: 0.6, resolution: '1080p' }],
		['duration_seconds', '0.13', { unit: 'second', usd: 0.13 }],
		['duration_seconds_720p', '0.30', { unit: 'second', usd: 0.3, resolution: '720p' }],
		['duration_seconds_with_audio', '0.40', { unit: 'second', usd: 0.4, audio: true }],
		['duration_seconds_without_audio_720p', '0.03', { unit: 'second', usd: 0.03, audio: false, resolution: '720p' }],
		['duration_seconds_with_audio_4k', '0.60', { unit: 'second', usd: 0.6, audio: true, resolution: '2160p' }],
		['text_to_video_duration_seconds_480p', '0.02', { unit: 'second', usd: 0.02, input: 'text', resolution: '480p' }],
		['image_to_video_duration_seconds_1080p', '0.12', { unit: 'second', usd: 0.12, input: 'image', resolution: '1080p' }],
		['cents_per_second_output_1080p', '29', { unit: 'second', usd: 0.29, resolution: '1080p' }],
		['cents_per_video_output_second_720p', '10', { unit: 'second', usd: 0.1, resolution: '720p' }],
		['cents_per_second_video_continuation_720p', '41', { unit: 'second', usd: 0.41, resolution: '720p', continuation: true }],
		['generate', '0.50', { unit: 'video', usd: 0.5 }],
		['video_tokens', '0.0000107', { unit: 'token', usd: 0.0000107 }],
		['reference_images', '0.04', { unit: 'referenceImage', usd: 0.04 }],
	])('%s', (name, value, expected) => {
		expect(readSku(name, value)).toEqual({ name, ...expected });
	});

	it('skips names of no known family and prices that are not numbers', () => {
		expect(readSku('discount', '0.1')).toBeUndefined();
		expect(readSku('duration_seconds', 'free')).toBeUndefined();
		expect(model('m', { mystery: '1', duration_seconds: '0.1' }).prices.map((s) => s.name)).toEqual(['duration_seconds']);
	});
});

describe('the SKU a request is billed at', () => {
	const veoLite = model('google/veo-3.1-lite', {
		duration_seconds_with_audio: '0.08',
		duration_seconds_without_audio: '0.05',
		duration_seconds_with_audio_720p: '0.05',
		duration_seconds_without_audio_720p: '0.03',
	});

	it('the most specific name the request matches: resolution and audio', () => {
		expect(estimateUsd({ model: veoLite.id, seconds: '4', resolution: '720p', audio: false }, veoLite)).toBeCloseTo(0.12, 6);
		expect(estimateUsd({ model: veoLite.id, seconds: '4', resolution: '720p', audio: true }, veoLite)).toBeCloseTo(0.2, 6);
		// 1080p has no name of its own: the plain audio price applies, never the 720p one.
		expect(estimateUsd({ model: veoLite.id, seconds: '4', size: '1920x1080', audio: true }, veoLite)).toBeCloseTo(0.32, 6);
	});

	it('audio left to the model: the dearest of with and without', () => {
		expect(estimateUsd({ model: veoLite.id, seconds: '4', resolution: '720p' }, veoLite)).toBeCloseTo(0.2, 6);
	});

	it('a resolution the server picks: the dearest resolution that could apply', () => {
		const veo = model('google/veo-3.1', { duration_seconds_with_audio: '0.40', duration_seconds_without_audio: '0.20', duration_seconds_with_audio_4k: '0.60' });
		expect(estimateUsd({ model: veo.id, seconds: '8', anyResolution: true, audio: true }, veo)).toBeCloseTo(4.8, 6);
		expect(estimateUsd({ model: veo.id, seconds: '8', size: '1280x720', audio: true }, veo)).toBeCloseTo(3.2, 6);
		expect(estimateUsd({ model: veo.id, seconds: '8', size: '3840x2160', audio: false }, veo)).toBeCloseTo(1.6, 6);
	});

	it('text or image to video by what the job starts from', () => {
		const seedance = model('bytedance/seedance-1.5-pro', { text_to_video_duration_seconds_720p: '0.05', image_to_video_duration_seconds_720p: '0.06' });
		expect(estimateUsd({ model: seedance.id, seconds: '10', resolution: '720p', input: 'text' }, seedance)).toBeCloseTo(0.5, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '10', resolution: '720p', input: 'image' }, seedance)).toBeCloseTo(0.6, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '10', resolution: '720p' }, seedance)).toBeCloseTo(0.6, 6);
		expect(estimateUsd({ model: seedance.id, seconds: '10', resolution: '1080p', input: 'text' }, seedance)).toBeUndefined();
	});

	it('cents, continuation prices for a continuation only', () => {
		const flux = model('black-forest-labs/flux-3-video', {
			cents_per_second_output: '17',
			cents_per_second_output_1080p: '29',
			cents_per_second_video_continuation_720p: '41',
			cents_per_second_video_continuation_1080p: '53',
		});
		expect(estimateUsd({ model: flux.id, seconds: '5', resolution: '720p' }, flux)).toBeCloseTo(0.85, 6);
		expect(estimateUsd({ model: flux.id, seconds: '5', resolution: '1080p' }, flux)).toBeCloseTo(1.45, 6);
		expect(estimateUsd({ model: flux.id, seconds: '5', resolution: '720p', continuation: true }, flux)).toBeCloseTo(2.05, 6);
		// A continuation of a source of unknown size: the dearest continuation price.
		expect(estimateUsd({ model: flux.id, seconds: '5', anyResolution: true, continuation: true }, flux)).toBeCloseTo(2.65, 6);
	});

	it('per video, and reference images added per image', () => {
		const flat = model('x/flat', { generate: '0.50' });
		expect(estimateUsd({ model: flat.id, seconds: '8' }, flat)).toBeCloseTo(0.5, 6);
		const hailuo = model('minimax/hailuo-3', { duration_seconds: '0.13', reference_images: '0.04' });
		expect(estimateUsd({ model: hailuo.id, seconds: '5', referenceImages: 2 }, hailuo)).toBeCloseTo(0.73, 6);
		expect(estimateUsd({ model: hailuo.id, seconds: '5' }, hailuo)).toBeCloseTo(0.65, 6);
	});

	it('a model priced per token has no estimate, and says why', () => {
		const tokens = model('bytedance/seedance-2.0-fast', { video_tokens: '0.0000107', video_tokens_without_audio: '0.0000107' });
		expect(estimateUsd({ model: tokens.id, seconds: '5' }, tokens)).toBeUndefined();
		expect(unpricedWhy({ model: tokens.id, seconds: '5' }, tokens)).toMatch(/priced per video token/);
	});

	it('the docs style keeps working: per-video-second and its resolutions', () => {
		const veo = model('google/veo-3.1', { 'per-video-second': '0.40', 'per-video-second-1080p': '0.60' });
		expect(estimateUsd({ model: veo.id, seconds: '8', size: '1280x720' }, veo)).toBeCloseTo(3.2, 6);
		expect(estimateUsd({ model: veo.id, seconds: '8', size: '1920x1080' }, veo)).toBeCloseTo(4.8, 6);
	});
});
