// The transport's pure pieces: Base URL normalisation, the Extra Headers parser, the multipart
// body (text fields, bracket keys, file parts with exact bytes), secret redaction, and the plain
// words for network error codes.
import { normalizeBaseUrl, parseExtraHeaders, plainErrorText, redact, toFormData } from '../../nodes/SoraVideo/transport';

describe('Base URL', () => {
	it.each([
		['https://api.openai.com/v1', 'https://api.openai.com/v1'],
		['https://api.openai.com/v1/', 'https://api.openai.com/v1'],
		['https://api.openai.com', 'https://api.openai.com/v1'],
		['https://api.openai.com/', 'https://api.openai.com/v1'],
		['  https://gw.example.com/v1/videos/ ', 'https://gw.example.com/v1'],
		['https://res.openai.azure.com/openai/v1/', 'https://res.openai.azure.com/openai/v1'],
		['http://127.0.0.1:4010/v1', 'http://127.0.0.1:4010/v1'],
		['https://litellm.internal:4000', 'https://litellm.internal:4000/v1'],
		['https://res.openai.azure.com', 'https://res.openai.azure.com/openai/v1'],
		['https://res.openai.azure.com/openai/', 'https://res.openai.azure.com/openai/v1'],
	])('%s -> %s', (raw, expected) => expect(normalizeBaseUrl(raw)).toBe(expected));

	it.each(['api.openai.com/v1', 'ftp://x.example.com', '', 'https://'])('rejects %j', (raw) => {
		expect(() => normalizeBaseUrl(raw)).toThrow(/http:\/\/ or https:\/\//);
	});
});

describe('extra headers', () => {
	it('parses Name: value lines and skips blank ones', () => {
		expect(parseExtraHeaders('X-Route: video\n\n  X-Team : growth:blue \r\n')).toEqual({
			'X-Route': 'video',
			'X-Team': 'growth:blue',
		});
		expect(parseExtraHeaders(undefined)).toEqual({});
	});

	it('refuses a line that is not a header', () => {
		expect(() => parseExtraHeaders('just text')).toThrow(/not a "Name: value" line/);
		expect(() => parseExtraHeaders('Bad Name: x')).toThrow(/not a "Name: value" line/);
	});
});

describe('multipart body', () => {
	async function parse(form: FormData) {
		// Round-trip through the platform's own multipart encoder and parser.
		const request = new Request('http://localhost/', { method: 'POST', body: form });
		return await request.formData();
	}

	it('sends text fields as strings and nested objects with bracket keys', async () => {
		const parsed = await parse(
			toFormData({
				prompt: 'a cat',
				seconds: '8',
				size: '1280x720',
				input_reference: { image_url: 'https://example.com/a.png' },
				video: { id: 'video_123' },
				skipped: undefined,
			}),
		);
		expect(parsed.get('prompt')).toBe('a cat');
		expect(parsed.get('seconds')).toBe('8');
		expect(parsed.get('input_reference[image_url]')).toBe('https://example.com/a.png');
		expect(parsed.get('video[id]')).toBe('video_123');
		expect(parsed.has('skipped')).toBe(false);
	});

	it('sends uploads as file parts with their name, type and exact bytes', async () => {
		const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
		const parsed = await parse(
			toFormData({ prompt: 'p', input_reference: { data: bytes, fileName: 'ref.png', mimeType: 'image/png' } }),
		);
		const file = parsed.get('input_reference') as File;
		expect(file.name).toBe('ref.png');
		expect(file.type).toBe('image/png');
		expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
	});
});

describe('redact', () => {
	it('removes every occurrence of each secret', () => {
		expect(redact('key sk-abc123 and sk-abc123 again; whsec_zz', ['sk-abc123', 'whsec_zz', undefined])).toBe(
			'key [redacted] and [redacted] again; [redacted]',
		);
	});
});

describe('plainErrorText', () => {
	it("spells out the network codes n8n would swap for a generic message", () => {
		expect(plainErrorText('connect ECONNREFUSED 127.0.0.1:1')).toBe('connect connection refused 127.0.0.1:1');
		expect(plainErrorText('read ECONNRESET; getaddrinfo ENOTFOUND x')).toBe(
			'read connection reset; host name lookup failed host not found x',
		);
		expect(plainErrorText('Sora API error 503: busy')).toBe('Sora API error 503: busy');
	});
});
