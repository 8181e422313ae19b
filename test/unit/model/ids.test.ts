// Job ids: which are accepted and why others are refused, encoding one as a single path segment,
// and turning any id into a safe, distinct, stable file name.
import {
	encodeIdForPath,
	idProblem,
	isAcceptableId,
	normalizeId,
	safeFileName,
} from '../../../nodes/SoraVideo/transport/model/ids';

// The shape of a LiteLLM id: "video_" + standard base64 of the provider, model and upstream id.
const LITELLM_ID = `video_${Buffer.from('litellm:custom_llm_provider:openai;model_id:abc+/?;video_id:video_68d2').toString('base64')}`;

describe('ids', () => {
	it('accepts every id servers hand out', () => {
		expect(LITELLM_ID).toMatch(/[+/=]/);
		for (const id of [LITELLM_ID, 'video_123', 'sora-2-123456', 'a/b', 'a+b=', 'task id with spaces', 'ünïcødé', '42', 42]) {
			expect(isAcceptableId(id)).toBe(true);
		}
	});

	it('refuses only what cannot be an id, and says why', () => {
		expect(idProblem('')).toBe('is empty');
		expect(idProblem('   ')).toBe('is empty');
		expect(idProblem(undefined)).toBe('is not text');
		expect(idProblem({ id: 'x' })).toBe('is not text');
		expect(idProblem('abc\ndef')).toMatch(/control character/);
		expect(idProblem('abc\u0000')).toMatch(/control character/);
		// URL parsers resolve dot segments even percent-encoded, so they can never reach a server.
		expect(idProblem('..')).toMatch(/dot/);
		expect(idProblem('.')).toMatch(/dot/);
		expect(isAcceptableId('...')).toBe(true);
		expect(idProblem('x'.repeat(5000))).toMatch(/longer than/);
	});

	it('trims only surrounding whitespace', () => {
		expect(normalizeId('  a/b+c= \n')).toBe('a/b+c=');
		expect(normalizeId(123)).toBe('123');
	});

	it('encodes an id as one path segment that decodes back to the same id', () => {
		for (const id of [LITELLM_ID, 'a/b', 'a+b=', 'a?b#c', '100%', 'x y', '../etc']) {
			const segment = encodeIdForPath(id);
			expect(segment).not.toMatch(/[/?#+= ]/);
			expect(decodeURIComponent(segment)).toBe(id);
		}
		expect(encodeIdForPath('video_123')).toBe('video_123');
		expect(new URL(`http://h/v1/videos/${encodeIdForPath('a/b')}/content`).pathname).toBe('/v1/videos/a%2Fb/content');
	});

	it('keeps a plain id as the file name', () => {
		expect(safeFileName('video_123', 'mp4')).toBe('video_123.mp4');
		expect(safeFileName('sora-2-123456', '.webp')).toBe('sora-2-123456.webp');
	});

	it('keeps the whole id of an unsafe one, without separators, and stable', () => {
		const name = safeFileName(LITELLM_ID, 'mp4');
		expect(name).not.toMatch(/[/\\:+=?*"<>| ]/);
		expect(name.startsWith(LITELLM_ID.slice(0, 20).replace(/[+/=]/g, '_'))).toBe(true);
		expect(safeFileName(LITELLM_ID, 'mp4')).toBe(name);
		expect(safeFileName('a/b/c', 'mp4')).toMatch(/^a_b_c-[0-9a-f]{8}\.mp4$/);
	});

	it('gives different ids different names even when their safe forms match', () => {
		const names = new Set(['a/b', 'a+b', 'a=b', 'a_b', 'a b'].map((id) => safeFileName(id, 'mp4')));
		expect(names.size).toBe(5);
	});

	it('never makes a hidden, parent or over-long name', () => {
		expect(safeFileName('../../etc/passwd', 'mp4')).not.toMatch(/^\.|\//);
		expect(safeFileName('.hidden', 'jpg').startsWith('.')).toBe(false);
		const long = safeFileName('x'.repeat(1000), 'mp4');
		expect(long.length).toBeLessThanOrEqual(140);
		expect(long).not.toBe(safeFileName('x'.repeat(999), 'mp4'));
		expect(safeFileName('', 'mp4')).toBe('video.mp4');
		expect(safeFileName('abc', '../x')).toBe('abc.x');
	});
});
