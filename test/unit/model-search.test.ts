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
