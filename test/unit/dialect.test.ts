// The OpenRouter dialect's pure parts: choosing the dialect, the Base URL, the create body,
// the capability list with prices, and the checks made against it before any request.
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { SoraApi } from '../../credentials/SoraApi.credentials';
import { checkCapabilities, requireListed } from '../../nodes/SoraVideo/helpers/capabilities';
import { SoraVideo } from '../../nodes/SoraVideo/SoraVideo.node';
import { dialectOf, normalizeBaseUrl } from '../../nodes/SoraVideo/transport';
import { createBody, toCapabilities } from '../../nodes/SoraVideo/transport/dialects/openrouter';

const evaluate = (expression: string, credentials: Record<string, unknown>): unknown =>
	new Function('$credentials', `return (${/^=\{\{([\s\S]*)\}\}$/.exec(expression)![1]});`)(credentials);

const VEO = toCapabilities({
	id: 'google/veo-3.1',
	name: 'Google: Veo 3.1',
	supported_durations: [4, 6, 8],
	supported_resolutions: ['720p', '1080p'],
	supported_aspect_ratios: ['16:9', '9:16'],
	supported_sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
	supported_frame_images: ['first_frame', 'last_frame'],
	generate_audio: true,
	seed: true,
	pricing_skus: { 'per-video-second': '0.40', 'per-video-second-1080p': '0.60' },
	allowed_passthrough_parameters: ['negativePrompt'],
});
const SEEDANCE = toCapabilities({
	id: 'bytedance/seedance-1.5-pro',
	supported_durations: [5, 10],
	supported_resolutions: ['480p', '720p'],
	supported_aspect_ratios: ['16:9', '1:1'],
	supported_sizes: null,
	supported_frame_images: ['first_frame'],
	generate_audio: false,
	seed: false,
	pricing_skus: { 'per-video-second-720p': '0.05' },
});

describe('dialect choice and Base URL', () => {
	it.each([
		[{ baseUrl: 'https://openrouter.ai/api/v1' }, 'openrouter'],
		[{ baseUrl: 'https://openrouter.ai', dialect: 'auto' }, 'openrouter'],
		[{ baseUrl: 'https://eu.openrouter.ai/api/v1' }, 'openrouter'],
		[{ baseUrl: 'https://openrouter.ai.evil.example/api/v1' }, 'openai'],
		[{ baseUrl: 'https://api.openai.com/v1' }, 'openai'],
		[{ baseUrl: 'http://127.0.0.1:4010/api/v1', dialect: 'openrouter' }, 'openrouter'],
		[{ baseUrl: 'https://openrouter.ai/api/v1', dialect: 'openai' }, 'openai'],
	])('%j speaks %s', (credentials, dialect) => {
		expect(dialectOf(credentials)).toBe(dialect);
	});

	it("puts a bare openrouter.ai host under /api/v1, in the node and in the credential's test", () => {
		const credential = new SoraApi();
		expect(normalizeBaseUrl('https://openrouter.ai/')).toBe('https://openrouter.ai/api/v1');
		expect(evaluate(credential.test.request.baseURL as string, { baseUrl: 'https://openrouter.ai/' })).toBe('https://openrouter.ai/api/v1');
		const url = credential.test.request.url as string;
		expect(evaluate(url, { baseUrl: 'https://openrouter.ai/api/v1', dialect: 'auto' })).toBe('/key');
		expect(evaluate(url, { baseUrl: 'http://127.0.0.1:1/api/v1', dialect: 'openrouter' })).toBe('/key');
		expect(evaluate(url, { baseUrl: 'https://api.openai.com/v1', dialect: 'auto' })).toBe('/videos');
	});
});

describe('OpenRouter create body', () => {
	it('maps size to resolution + aspect ratio for a model without sizes, keeps it for one with sizes', () => {
		expect(createBody({ model: 'm', prompt: 'p', seconds: '5', size: '1280x720' }, {}, SEEDANCE)).toEqual({
			model: 'm', prompt: 'p', duration: 5, resolution: '720p', aspect_ratio: '16:9',
		});
		expect(createBody({ model: 'm', prompt: 'p', seconds: '4', size: '1280x720' }, {}, VEO)).toMatchObject({ size: '1280x720' });
		expect(createBody({ model: 'm', prompt: 'p', size: '1280x720' }, { resolution: '1080p', aspectRatio: '9:16' }, VEO)).toEqual({
			model: 'm', prompt: 'p', resolution: '1080p', aspect_ratio: '9:16',
		});
	});

	it('puts a reference image in input_references and the callback URL in callback_url', () => {
		const body = createBody(
			{ model: 'm', prompt: 'p', input_reference: { image_url: 'https://x.test/a.png' } },
			{ imageRole: 'reference', callbackUrl: 'https://n8n.test/webhook/1' },
		);
		expect(body.input_references).toEqual([{ type: 'image_url', image_url: { url: 'https://x.test/a.png' } }]);
		expect(body.frame_images).toBeUndefined();
		expect(body.callback_url).toBe('https://n8n.test/webhook/1');
	});

	it('refuses what OpenRouter cannot take: a file ID, an uploaded video, fractional seconds', () => {
		expect(() => createBody({ model: 'm', prompt: 'p', input_reference: { file_id: 'file-1' } })).toThrow(/Input Reference.*not a file ID/);
		const upload = { data: Buffer.from('x'), fileName: 'a.mp4', mimeType: 'video/mp4' };
		expect(() => createBody({ model: 'm', prompt: 'p', video: upload })).toThrow(/Source Video/);
		expect(() => createBody({ model: 'm', prompt: 'p', seconds: '4.5' })).toThrow(/whole seconds/);
	});

	it('reads prices per second and per resolution from pricing_skus', () => {
		expect(VEO.prices).toEqual([
			{ name: 'per-video-second', unit: 'second', usd: 0.4 },
			{ name: 'per-video-second-1080p', unit: 'second', usd: 0.6, resolution: '1080p' },
		]);
		expect(SEEDANCE.prices).toEqual([{ name: 'per-video-second-720p', unit: 'second', usd: 0.05, resolution: '720p' }]);
		expect(VEO.name).toBe('Google: Veo 3.1');
	});
});

describe('capability checks', () => {
	it.each([
		[{ seconds: '5' }, /Seconds: "5" is not offered by google\/veo-3.1; allowed: "4", "6", "8"/],
		[{ size: '1792x1024' }, /Size: "1792x1024" is not offered .* allowed: "1280x720", "720x1280"/],
		[{ extras: { resolution: '4K' } }, /Resolution: "4K" .* allowed: "720p", "1080p"/],
		[{ extras: { aspectRatio: '1:1' } }, /Aspect Ratio: "1:1" .* allowed: "16:9", "9:16"/],
		[{ extras: { providerOptions: { vertex: { parameters: { foo: 1 } } } } }, /Provider Options.*"foo" not allowed.*"negativePrompt"/],
	])('refuses %j on Veo with the allowed values', (wanted, message) => {
		expect(() => checkCapabilities(VEO, { model: VEO.id, ...wanted })).toThrow(message);
	});

	it.each([
		[{ size: '1920x1080' }, /Size: 1920x1080 is 1080p, which bytedance\/seedance-1.5-pro does not offer; resolutions: "480p", "720p"/],
		[{ size: '720x1280' }, /Size: 720x1280 is 9:16.*aspect ratios: "16:9", "1:1"/],
		[{ extras: { lastFrame: { image_url: 'https://x.test/b.png' } } }, /Last Frame: .* does not take a last frame; frame images it takes: "first_frame"/],
		[{ extras: { generateAudio: true } }, /Generate Audio: .* does not generate audio/],
		[{ extras: { seed: 1 } }, /Seed: .* does not take a seed/],
	])('refuses %j on Seedance with what it offers', (wanted, message) => {
		expect(() => checkCapabilities(SEEDANCE, { model: SEEDANCE.id, ...wanted })).toThrow(message);
	});

	it('accepts what the model publishes, and lists the video models for an unknown one', () => {
		expect(() => checkCapabilities(VEO, { model: VEO.id, seconds: '8', size: '1080x1920', firstFrame: true, extras: { seed: 3, generateAudio: true } })).not.toThrow();
		expect(() => checkCapabilities(SEEDANCE, { model: SEEDANCE.id, seconds: '10', size: '1280x720', firstFrame: true })).not.toThrow();
		expect(() => requireListed([VEO, SEEDANCE], 'openai/gpt-4o')).toThrow(/Model: "openai\/gpt-4o" is not one of this server's video models: "google\/veo-3.1", "bytedance\/seedance-1.5-pro"/);
	});
});

describe('model search on OpenRouter', () => {
	it('lists /videos/models with their names, and no Sora ids beside them', async () => {
		const urls: string[] = [];
		const ctx = {
			getNode: () => ({ name: 'Sora Video' }),
			getCredentials: async () => ({ apiKey: 'k', baseUrl: 'https://openrouter.ai/api/v1', dialect: 'auto' }),
			logger: { debug() {}, warn() {} },
			helpers: {
				async httpRequestWithAuthentication(_type: string, request: { baseURL: string; url: string }) {
					urls.push(`${request.baseURL}${request.url}`);
					return { statusCode: 200, headers: {}, body: { data: [{ id: 'google/veo-3.1', name: 'Google: Veo 3.1' }, { id: 'alibaba/wan-2.7', name: 'Alibaba: Wan 2.7' }] } };
				},
			},
		} as unknown as ILoadOptionsFunctions;
		const found = await new SoraVideo().methods.listSearch.searchModels.call(ctx, 'wan');
		expect(urls).toEqual(['https://openrouter.ai/api/v1/videos/models']);
		expect(found.results).toEqual([{ name: 'Alibaba: Wan 2.7 (alibaba/wan-2.7)', value: 'alibaba/wan-2.7' }]);
	});
});
