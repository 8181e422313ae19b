// Prompt text: length counted in code points as the contract does, and when a request goes as
// JSON rather than multipart (and why that keeps newlines intact).
import { bodyFormatFor, countCharacters, promptLengthProblem } from '../../../nodes/SoraVideo/transport/model/text';

describe('prompt text', () => {
	it('counts code points as the contract does, not UTF-16 units', () => {
		expect(countCharacters('abc')).toBe(3);
		expect('👋'.length).toBe(2);
		expect(countCharacters('👋')).toBe(1);
		expect(countCharacters('a😀b𝄞')).toBe(4);
		expect(countCharacters('')).toBe(0);
		expect(countCharacters('line\nline')).toBe(9);
	});

	it('accepts 32000 emoji and refuses 32001 characters', () => {
		expect(promptLengthProblem('😀'.repeat(32_000))).toBeUndefined();
		expect(promptLengthProblem('x'.repeat(32_001))).toBe('is 32001 characters long; the maximum is 32000');
		expect(promptLengthProblem('😀'.repeat(3), 2)).toMatch(/^is 3 characters/);
	});

	it('sends JSON unless a file goes with the request', () => {
		expect(bodyFormatFor({ prompt: 'a\nb', model: 'sora-2', seconds: '4' })).toBe('json');
		expect(bodyFormatFor({ prompt: 'x', video: { id: 'video_1' } })).toBe('json');
		expect(bodyFormatFor({ prompt: 'x', input_reference: { data: Buffer.from('img'), fileName: 'a.png', mimeType: 'image/png' } })).toBe(
			'multipart',
		);
		expect(bodyFormatFor({ prompt: 'x', video: { file: { data: Buffer.alloc(1) } } })).toBe('multipart');
		expect(bodyFormatFor({ prompt: 'x', blob: new Blob(['a']) })).toBe('multipart');
	});

	it('shows why: FormData sends a newline as CRLF, JSON keeps it', async () => {
		const form = new FormData();
		form.append('prompt', 'one\ntwo');
		const sent = await new Response(form).text();
		expect(sent).toContain('one\r\ntwo');
		expect(JSON.parse(JSON.stringify({ prompt: 'one\ntwo' })).prompt).toBe('one\ntwo');
	});
});
