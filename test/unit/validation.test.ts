// Input checks before any paid request (prompt, ids, seconds, size, Sora's own rules, character
// names) and the image header reader behind the reference-image size check.
import {
	InputError,
	checkCharacterName,
	checkId,
	checkPrompt,
	checkReferenceImage,
	checkSeconds,
	checkSize,
	checkSoraRules,
	isOpenAiHost,
} from '../../nodes/SoraVideo/helpers/validation';
import { readImageInfo } from '../../nodes/SoraVideo/helpers/imageHeader';
import { jpegHeader, webpVp8lHeader } from '../fixtures/image-headers';
import { makePng as png } from '../fixtures/png';

describe('input checks', () => {
	it('prompt: 1 to 32000 characters', () => {
		expect(checkPrompt('a cat')).toBe('a cat');
		expect(checkPrompt('x'.repeat(32_000))).toHaveLength(32_000);
		expect(() => checkPrompt('')).toThrow('Prompt: must not be empty');
		expect(() => checkPrompt('   ')).toThrow('Prompt: must not be empty');
		expect(() => checkPrompt(undefined)).toThrow(InputError);
		expect(() => checkPrompt('x'.repeat(32_001))).toThrow(/32001 characters long; the maximum is 32000/);
	});

	it('size: any WxH, nothing else', () => {
		expect(checkSize('1344x768')).toBe('1344x768');
		for (const bad of ['1280*720', '1280x', 'x720', '0x720', 'big', '', '1280 x 720']) {
			expect(() => checkSize(bad)).toThrow(/^Size: /);
		}
	});

	it('seconds: a whole number, always returned as a string', () => {
		expect(checkSeconds('8')).toBe('8');
		expect(checkSeconds(6)).toBe('6');
		expect(checkSeconds('08')).toBe('8');
		for (const bad of ['0', '-4', '4.5', 'four', '']) expect(() => checkSeconds(bad)).toThrow(/^Seconds: /);
	});

	it('Sora rules: sizes per model and the allowed durations', () => {
		expect(() => checkSoraRules({ model: 'sora-2', size: '1280x720', seconds: '12' })).not.toThrow();
		expect(() => checkSoraRules({ model: 'sora-2-pro', size: '1920x1080', seconds: '4' })).not.toThrow();
		expect(() => checkSoraRules({ model: 'sora-2', size: '1920x1080' })).toThrow(/need sora-2-pro/);
		expect(() => checkSoraRules({ model: 'sora-2', size: '1344x768' })).toThrow(/^Size: /);
		expect(() => checkSoraRules({ model: 'sora-2', seconds: '6' })).toThrow(/^Seconds: 6 is not offered/);
		expect(() => checkSoraRules({ model: 'veo-3', size: '1280x720' })).toThrow(/^Model: /);
		expect(() => checkSoraRules({ seconds: '20', extension: true })).not.toThrow();
		expect(() => checkSoraRules({ seconds: '20' })).toThrow(/^Seconds: /);
	});

	it('ids and character names', () => {
		expect(checkId(' video_1 ', 'Video ID')).toBe('video_1');
		expect(() => checkId('', 'Video ID')).toThrow('Video ID: must not be empty');
		// Issue 12: ids a server gave may hold / + = (LiteLLM); only what cannot be an id is refused.
		expect(checkId('video_a/b+c=', 'Video ID')).toBe('video_a/b+c=');
		expect(() => checkId('a\nb', 'Video ID')).toThrow(/not a valid ID/);
		expect(() => checkId('..', 'Video ID')).toThrow(/not a valid ID/);
		expect(checkCharacterName('Mia')).toBe('Mia');
		expect(() => checkCharacterName('')).toThrow(/1 to 80/);
		expect(() => checkCharacterName('x'.repeat(81))).toThrow(/got 81/);
	});

	it("strict checks are automatic only on OpenAI's own host", () => {
		expect(isOpenAiHost('https://api.openai.com/v1')).toBe(true);
		expect(isOpenAiHost('https://api.openai.com.evil.example/v1')).toBe(false);
		expect(isOpenAiHost('https://res.openai.azure.com/openai/v1')).toBe(false);
		expect(isOpenAiHost('http://127.0.0.1:4010/v1')).toBe(false);
	});
});

describe('image headers', () => {
	it('reads type and pixel size from PNG, JPEG and WebP', () => {
		expect(readImageInfo(png(1280, 720))).toEqual({ mimeType: 'image/png', width: 1280, height: 720 });
		expect(readImageInfo(jpegHeader(720, 1280))).toEqual({ mimeType: 'image/jpeg', width: 720, height: 1280 });
		expect(readImageInfo(webpVp8lHeader(1792, 1024))).toEqual({ mimeType: 'image/webp', width: 1792, height: 1024 });
		expect(readImageInfo(Buffer.from('GIF89a......................'))).toBeUndefined();
	});

	it('a reference image must match the video size', () => {
		expect(checkReferenceImage(png(1280, 720), '1280x720', 'Image').width).toBe(1280);
		expect(() => checkReferenceImage(png(720, 1280), '1280x720', 'Image')).toThrow(
			'Image: the image is 720x1280 pixels but the video size is 1280x720; they must match',
		);
		expect(() => checkReferenceImage(Buffer.from('not an image at all, really'), '1280x720', 'Image')).toThrow(
			'Image: is not a JPEG, PNG or WebP image',
		);
	});
});
