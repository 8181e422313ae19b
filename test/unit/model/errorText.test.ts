// The server's words in an error answer, from every body shape servers send (OpenAI, FastAPI,
// validator lists, RFC 7807, reseller envelopes, text, HTML pages), capped and without secrets.
import { htmlWords, serverError, serverWords } from '../../../nodes/SoraVideo/transport/model/errorText';

describe('server error words', () => {
	it("reads OpenAI's error object with its code, type and param", () => {
		expect(
			serverError({ error: { message: 'Invalid size', code: 'invalid_value', type: 'invalid_request_error', param: 'size' } }),
		).toEqual({ message: 'Invalid size', code: 'invalid_value', type: 'invalid_request_error', param: 'size' });
	});

	it("reads FastAPI's detail as a string and as a list of violations", () => {
		expect(serverWords({ detail: 'Not Found' })).toBe('Not Found');
		expect(
			serverWords({
				detail: [
					{ loc: ['body', 'prompt'], msg: 'field required', type: 'value_error.missing' },
					{ loc: ['body', 'seconds'], msg: 'unexpected value; permitted: 4, 8, 12' },
				],
			}),
		).toBe('prompt: field required; seconds: unexpected value; permitted: 4, 8, 12');
	});

	it('reads validator lists and field maps', () => {
		expect(serverWords({ errors: [{ field: 'size', message: 'must be 1280x720' }, 'prompt is empty'] })).toBe(
			'size: must be 1280x720; prompt is empty',
		);
		expect(serverWords({ errors: { prompt: ['is too long', 'has a banned word'] } })).toBe(
			'prompt: is too long; has a banned word',
		);
		expect(serverWords([{ msg: 'bad' }, { msg: 'worse' }])).toBe('bad; worse');
	});

	it('reads {message}, {msg}, {error: string} and reseller envelopes with a code', () => {
		expect(serverWords({ message: 'quota exceeded' })).toBe('quota exceeded');
		expect(serverError({ code: 500, msg: 'upstream busy' })).toEqual({ message: 'upstream busy', code: '500' });
		expect(serverWords({ error: 'model not found' })).toBe('model not found');
		expect(serverWords({ error: { message: '' }, message: 'outer words' })).toBe('outer words');
		expect(serverWords({ detail: { error: { message: 'nested' } } })).toBe('nested');
	});

	it('reads an RFC 7807 problem as title and detail', () => {
		expect(serverWords({ type: 'about:blank', title: 'Bad Request', detail: 'prompt too long', status: 400 })).toBe(
			'Bad Request: prompt too long',
		);
	});

	it('keeps an unknown JSON shape as compact JSON rather than dropping it', () => {
		expect(serverWords({ status: 'nope', reason_code: 7 })).toBe('{"status":"nope","reason_code":7}');
		expect(serverWords({})).toBeNull();
	});

	it('reads plain text, JSON text and buffers', () => {
		expect(serverWords('  upstream connect error\n or disconnect  ')).toBe('upstream connect error or disconnect');
		expect(serverWords('{"detail":"Method Not Allowed"}')).toBe('Method Not Allowed');
		expect(serverWords(Buffer.from('{"error":{"message":"from a stream"}}'))).toBe('from a stream');
		expect(serverWords('{not json')).toBe('{not json');
	});

	it("reads a proxy's HTML page by its title, else its heading, else its text", () => {
		const nginx =
			'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>';
		expect(serverWords(nginx)).toBe('502 Bad Gateway');
		expect(serverWords('<!DOCTYPE html><body><h1>Gateway  Timeout</h1><p>later</p></body>')).toBe('Gateway Timeout');
		expect(htmlWords('<html><body><p>Service &amp; more</p><script>var x=1</script></body></html>')).toBe('Service & more');
	});

	it('gives null for an empty body', () => {
		for (const body of [undefined, null, '', '   \n', Buffer.alloc(0), []]) expect(serverError(body)).toBeNull();
	});

	it('caps long words and never shows credentials', () => {
		const long = serverWords('x'.repeat(5000), { maxLength: 100 })!;
		expect(long.length).toBe(100);
		expect(long.endsWith('…')).toBe(true);
		const secret = 'sk-live-1234567890abcdef';
		const redact = (text: string) => text.split(secret).join('[redacted]');
		expect(serverWords({ error: { message: `Incorrect API key provided: ${secret}` } }, { redact })).toBe(
			'Incorrect API key provided: [redacted]',
		);
		expect(serverWords({ detail: 'got header Authorization: Bearer abcdefgh12345678' })).toBe(
			'got header Authorization: Bearer [redacted]',
		);
		expect(serverError({ error: { message: 'm', code: secret } }, { redact })!.code).toBe('[redacted]');
	});
});
