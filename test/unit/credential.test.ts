// The credential's test request normalises the Base URL in an n8n expression; the node does it
// in TypeScript. Both must agree, or "Test" would pass for a URL the node then gets wrong.
import { SoraApi } from '../../credentials/SoraApi.credentials';
import { normalizeBaseUrl } from '../../nodes/SoraVideo/transport';

function evaluate(expression: string, credentials: Record<string, unknown>): unknown {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(expression)?.[1];
	if (!body) throw new Error(`not an expression: ${expression}`);
	// The expression is plain JavaScript over $credentials, as n8n evaluates it.
	return new Function('$credentials', `return (${body});`)(credentials);
}

describe('Sora API credential', () => {
	const credential = new SoraApi();

	it.each([
		'https://api.openai.com/v1',
		'https://api.openai.com/v1/',
		'https://api.openai.com',
		' https://gw.example.com/v1/videos ',
		'http://127.0.0.1:4010',
		'http://127.0.0.1:4010/v1//',
		'https://res.openai.azure.com',
		'https://res.openai.azure.com/openai',
		'https://res.openai.azure.com/openai/v1/',
		'https://litellm.example.com/proxy/v1',
	])('the test request and the node agree on %j', (baseUrl) => {
		expect(evaluate(credential.test.request.baseURL as string, { baseUrl })).toBe(normalizeBaseUrl(baseUrl));
	});

	it('sends the key in one header, chosen by Send Key As', () => {
		const headers = credential.authenticate.properties.headers as Record<string, string>;
		const entries = Object.entries(headers);
		expect(entries).toHaveLength(1);
		const [name, value] = entries[0];
		expect(evaluate(name, { authType: 'bearer' })).toBe('Authorization');
		expect(evaluate(value, { authType: 'bearer', apiKey: 'k1' })).toBe('Bearer k1');
		expect(evaluate(name, { authType: 'apiKeyHeader' })).toBe('api-key');
		expect(evaluate(value, { authType: 'apiKeyHeader', apiKey: 'k1' })).toBe('k1');
	});

	it('keeps the key and the webhook secret in password fields', () => {
		for (const name of ['apiKey', 'webhookSecret']) {
			expect(credential.properties.find((p) => p.name === name)?.typeOptions?.password).toBe(true);
		}
	});
});
