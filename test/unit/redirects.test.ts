// The redirect loop on its own, with a fake n8n helper pair: which helper each hop goes through
// (with the credential or without), its method and body per redirect status, origins compared by
// scheme, host and port. The engine suite (test/engine/redirects.test.ts) runs it over real HTTP.
import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import type { Connection } from '../../nodes/SoraVideo/transport/config';
import { StreamedForm } from '../../nodes/SoraVideo/transport/multipart';
import { MAX_REDIRECTS, isCredentialOrigin, originOf, sendFollowingRedirects } from '../../nodes/SoraVideo/transport/redirects';

interface Hop {
	helper: 'withCredential' | 'plain';
	method: string;
	url: string;
	body?: unknown;
	headers: Record<string, unknown>;
}

/** A fake server: `answers` maps a URL to [status, location?]; anything else is 200. */
function fakeContext(answers: Record<string, [number, string?]>) {
	const hops: Hop[] = [];
	const answer = (helper: Hop['helper'], options: IHttpRequestOptions) => {
		const url = options.baseURL ? `${options.baseURL}${options.url}` : options.url;
		hops.push({ helper, method: String(options.method ?? 'GET'), url, body: options.body, headers: { ...(options.headers ?? {}) } });
		const [statusCode, location] = answers[url] ?? [200];
		return { statusCode, headers: location ? { location } : {}, body: {} };
	};
	const ctx = {
		getNode: () => ({ name: 'Sora Video', type: 'soraVideo', typeVersion: 1, parameters: {} }),
		helpers: {
			async httpRequestWithAuthentication(_type: string, options: IHttpRequestOptions) {
				return answer('withCredential', options);
			},
			async httpRequest(options: IHttpRequestOptions) {
				return answer('plain', options);
			},
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, hops };
}

const connection: Connection = {
	baseURL: 'https://api.example.com/v1',
	headers: { 'OpenAI-Organization': 'org-1', 'X-Gateway-Key': 'gw-1' },
	secrets: [],
};

describe('origins', () => {
	it.each([
		['https://api.example.com/v1/videos', true],
		['https://API.example.com:443/files/a', true],
		['http://api.example.com/v1', false],
		['https://api.example.com:8443/v1', false],
		['https://cdn.example.com/v1', false],
		['https://api.example.com.evil.test/v1', false],
		['not a url', false],
	])('%s is the Base URL origin: %s', (url, same) => {
		expect(isCredentialOrigin(connection, url)).toBe(same);
	});

	it('reads an origin with its port, and nothing from what is not a URL', () => {
		expect(originOf('http://127.0.0.1:4010/v1')).toBe('http://127.0.0.1:4010');
		expect(originOf('')).toBe('');
	});
});

describe('the hop loop', () => {
	const post = (body: unknown): IHttpRequestOptions => ({ method: 'POST', baseURL: connection.baseURL, url: '/videos', body: body as IHttpRequestOptions['body'], json: true });

	it('a 307 on the same origin repeats the POST with its body, through the credential helper', async () => {
		const { ctx, hops } = fakeContext({ 'https://api.example.com/v1/videos': [307, '/v2/videos'] });
		await sendFollowingRedirects(ctx, connection, post({ prompt: 'p' }));
		expect(hops.map((h) => [h.helper, h.method, h.url, h.body])).toEqual([
			['withCredential', 'POST', 'https://api.example.com/v1/videos', { prompt: 'p' }],
			['withCredential', 'POST', 'https://api.example.com/v2/videos', { prompt: 'p' }],
		]);
		expect(hops[1].headers).toMatchObject({ 'OpenAI-Organization': 'org-1', 'X-Gateway-Key': 'gw-1' });
	});

	it.each([301, 302, 303])('a %i after a POST becomes a GET without the body', async (status) => {
		const { ctx, hops } = fakeContext({ 'https://api.example.com/v1/videos': [status, 'https://api.example.com/v1/videos/abc'] });
		await sendFollowingRedirects(ctx, connection, post({ prompt: 'p' }));
		expect(hops[1]).toMatchObject({ method: 'GET', url: 'https://api.example.com/v1/videos/abc' });
		expect(hops[1].body).toBeUndefined();
	});

	it('a hop to another origin goes through the plain helper with none of the credential headers', async () => {
		const { ctx, hops } = fakeContext({ 'https://api.example.com/v1/videos/a/content': [302, 'https://cdn.example.com/a.mp4'] });
		await sendFollowingRedirects(ctx, connection, { method: 'GET', baseURL: connection.baseURL, url: '/videos/a/content' });
		expect(hops.map((h) => h.helper)).toEqual(['withCredential', 'plain']);
		expect(hops[1].headers).toEqual({});
	});

	it('a streamed upload is not sent twice: the 307 is returned as it came', async () => {
		const { ctx, hops } = fakeContext({ 'https://api.example.com/v1/videos': [307, '/v2/videos'] });
		const form = new StreamedForm();
		const response = await sendFollowingRedirects(ctx, connection, post(form));
		expect(response.statusCode).toBe(307);
		expect(hops).toHaveLength(1);
	});

	it(`stops after ${MAX_REDIRECTS} redirects with an error naming the subject`, async () => {
		const loop: Record<string, [number, string?]> = {};
		for (let i = 0; i <= MAX_REDIRECTS + 1; i++) loop[`https://api.example.com/v1/l${i}`] = [302, `/v1/l${i + 1}`];
		const { ctx, hops } = fakeContext(loop);
		await expect(
			sendFollowingRedirects(ctx, connection, { method: 'GET', baseURL: connection.baseURL, url: '/l0' }, { subject: 'Download of video video_9, video', videoId: 'video_9' }),
		).rejects.toThrow(/Download of video video_9, video: the server redirected more than 5 times/);
		expect(hops).toHaveLength(MAX_REDIRECTS + 1);
	});
});
