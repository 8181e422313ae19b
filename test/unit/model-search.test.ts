// The model list of the Model field: the server's GET /models where it has one, else Sora's ids.
import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { SoraVideo } from '../../nodes/SoraVideo/SoraVideo.node';

function context(answer: { statusCode: number; body: unknown }) {
	const requests: Array<{ url: string }> = [];
	const ctx = {
		getNode: () => ({ name: 'Sora Video' }),
		getCredentials: async () => ({ apiKey: 'sk-test', baseUrl: 'https://gw.example.com/v1' }),
		logger: { debug() {}, warn() {} },
		helpers: {
			async httpRequestWithAuthentication(_type: string, request: { url: string }) {
				requests.push(request);
				return { headers: {}, ...answer };
			},
		},
	};
	return { ctx: ctx as unknown as ILoadOptionsFunctions, requests };
}

const search = (ctx: ILoadOptionsFunctions, filter?: string) =>
	new SoraVideo().methods.listSearch.searchModels.call(ctx, filter);

describe('model search', () => {
	it("lists the server's models first, then Sora's ids, and filters by text", async () => {
		const { ctx, requests } = context({
			statusCode: 200,
			body: { object: 'list', data: [{ id: 'openai/sora-2' }, { id: 'gemini/veo-3.0-generate-preview' }] },
		});
		const all = await search(ctx);
		expect(requests[0].url).toBe('/models');
		expect(all.results.slice(0, 2).map((r) => r.value)).toEqual(['openai/sora-2', 'gemini/veo-3.0-generate-preview']);
		expect(all.results.map((r) => r.value)).toContain('sora-2-pro');
		const veo = await search(ctx, 'VEO');
		expect(veo.results.map((r) => r.value)).toEqual(['gemini/veo-3.0-generate-preview']);
	});

	it("falls back to Sora's ids when the server has no model list", async () => {
		const { ctx } = context({ statusCode: 404, body: { error: { message: 'Not found' } } });
		const result = await search(ctx);
		expect(result.results.map((r) => r.value)).toEqual([
			'sora-2',
			'sora-2-pro',
			'sora-2-2025-10-06',
			'sora-2-pro-2025-10-06',
			'sora-2-2025-12-08',
		]);
	});
});

describe('model search on a merged /models list (OpenAI, LiteLLM)', () => {
	it('puts video models first, then the Sora ids it lacks, then the other models, marked', async () => {
		const { ctx } = context({
			statusCode: 200,
			body: { data: [{ id: 'gpt-4o' }, { id: 'whisper-1' }, { id: 'sora-2' }, { id: 'text-embedding-3-small' }, { id: 'vertex_ai/veo-3.0-generate-001' }] },
		});
		const results = (await search(ctx)).results;
		const values = results.map((r) => r.value);
		expect(values.slice(0, 2)).toEqual(['sora-2', 'vertex_ai/veo-3.0-generate-001']);
		// Sora's other ids before any chat model; the chat models last, said to be no known video model.
		expect(values.indexOf('sora-2-pro')).toBeLessThan(values.indexOf('gpt-4o'));
		expect(values.slice(-3)).toEqual(['gpt-4o', 'whisper-1', 'text-embedding-3-small']);
		expect(results.find((r) => r.value === 'gpt-4o')?.name).toBe('gpt-4o (not a known video model)');
		expect(results.find((r) => r.value === 'sora-2')?.name).toBe('sora-2');
	});
});

// Seconds and Size lists: the chosen model's published values (OpenRouter's /videos/models),
// else Sora's; never an error, whatever the server does.
describe('duration and size lists', () => {
	const veo = {
		id: 'google/veo-3.1',
		name: 'Google: Veo 3.1',
		supported_durations: [4, 6, 8],
		supported_sizes: ['1280x720', '720x1280'],
		supported_resolutions: ['720p'],
		supported_aspect_ratios: ['16:9', '9:16'],
		pricing_skus: {},
	};
	const seedance = {
		id: 'bytedance/seedance-1.5-pro',
		name: 'ByteDance: Seedance 1.5 Pro',
		supported_durations: [5, 10],
		supported_sizes: null,
		supported_resolutions: ['480p', '720p'],
		supported_aspect_ratios: ['16:9', '1:1'],
		pricing_skus: {},
	};

	function loadContext(baseUrl: string, answer: (url: string) => { statusCode: number; body: unknown }, parameters: Record<string, unknown>) {
		const ctx = {
			getNode: () => ({ name: 'Sora Video' }),
			getCredentials: async () => ({ apiKey: 'sk-test', baseUrl }),
			getCurrentNodeParameter: (name: string) => parameters[name],
			logger: { debug() {}, warn() {} },
			helpers: {
				async httpRequestWithAuthentication(_type: string, request: { url: string }) {
					return { headers: {}, ...answer(request.url) };
				},
			},
		};
		return ctx as unknown as ILoadOptionsFunctions;
	}
	const methods = new SoraVideo().methods.loadOptions;
	const values = (options: Array<{ value: unknown }>) => options.map((o) => o.value);
	// A distinct Base URL per case: the published list is cached per Base URL.
	let n = 0;
	const openRouter = (parameters: Record<string, unknown>) =>
		loadContext(`https://openrouter.ai/api/v1?case=${n++}`, () => ({ statusCode: 200, body: { data: [veo, seedance] } }), parameters);

	it("offers the model's published durations and sizes on OpenRouter, with Custom", async () => {
		expect(values(await methods.durations.call(openRouter({ model: 'google/veo-3.1' })))).toEqual(['4', '6', '8', 'custom']);
		expect(values(await methods.sizes.call(openRouter({ model: 'google/veo-3.1' })))).toEqual(['1280x720', '720x1280', 'custom']);
		expect(values(await methods.extensionDurations.call(openRouter({ continuationModel: 'google/veo-3.1' })))).toEqual(['4', '6', '8', 'custom']);
	});

	it('makes sizes from resolutions and aspect ratios for a model that publishes no sizes', async () => {
		const sizes = await methods.sizes.call(openRouter({ model: 'bytedance/seedance-1.5-pro' }));
		expect(values(sizes)).toEqual(['854x480', '480x480', '1280x720', '720x720', 'custom']);
		expect(sizes[0].name).toBe('Landscape 854x480');
		expect(sizes[1].name).toBe('Square 480x480');
	});

	it("gives Sora's values for a model the server does not list, or when no model is chosen yet", async () => {
		expect(values(await methods.durations.call(openRouter({ model: 'someone/unknown' })))).toEqual(['4', '8', '12', 'custom']);
		expect(values(await methods.extensionDurations.call(openRouter({ continuationModel: '' })))).toEqual(['4', '8', '12', '16', '20', 'custom']);
	});

	it("gives Sora's values per Sora model on a server that publishes no capabilities", async () => {
		const openAi = (model: string) => loadContext('https://gw.example.com/v1', () => ({ statusCode: 200, body: { data: [] } }), { model });
		expect(values(await methods.durations.call(openAi('sora-2')))).toEqual(['4', '8', '12', 'custom']);
		expect(values(await methods.sizes.call(openAi('sora-2')))).toEqual(['720x1280', '1280x720', '1024x1792', '1792x1024', 'custom']);
		expect(values(await methods.sizes.call(openAi('sora-2-pro')))).toEqual([
			'720x1280', '1280x720', '1024x1792', '1792x1024', '1920x1080', '1080x1920', 'custom',
		]);
		const other = await methods.sizes.call(openAi('my-video-model'));
		expect(other.find((o) => o.value === '1920x1080')?.name).toBe('Landscape 1920x1080 (Sora-2-Pro)');
	});

	it("falls back to Sora's values, without an error, when the model list cannot be read", async () => {
		const broken = loadContext('https://openrouter.ai/api/v1?case=broken', () => ({ statusCode: 404, body: 'Not Found' }), { model: 'google/veo-3.1' });
		expect(values(await methods.durations.call(broken))).toEqual(['4', '8', '12', 'custom']);
		expect(values(await methods.sizes.call(broken))).toContain('custom');
		// An expression in the model field is not a model name.
		expect(values(await methods.durations.call(openRouter({ model: '={{ $json.model }}' })))).toEqual(['4', '8', '12', 'custom']);
	});
});
