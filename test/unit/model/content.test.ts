// Reading downloaded content: sniffing media and text from the bytes, which content is accepted
// for each variant, JSON answers that carry a link, and refusing error pages served as media.
import { checkContent, findContentUrl } from '../../../nodes/SoraVideo/transport/model/content';
import { sniffMedia, sniffText } from '../../../nodes/SoraVideo/transport/model/sniff';

const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom\0\0\x02\0isomiso2avc1mp41', 'latin1')]);
const mov = Buffer.concat([Buffer.from([0, 0, 0, 0x14]), Buffer.from('ftypqt  \0\0\0\0qt  ', 'latin1')]);
const fragment = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('stypmsdh\0\0\0\0', 'latin1')]);
const webp = Buffer.from('RIFF\x24\0\0\0WEBPVP8 ', 'latin1');
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const gif = Buffer.from('GIF89a\x01\0\x01\0', 'latin1');
const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]), Buffer.from('webm', 'latin1')]);

describe('sniffing', () => {
	it.each([
		[mp4, 'video/mp4', 'mp4'],
		[mov, 'video/quicktime', 'mov'],
		[fragment, 'video/mp4', 'mp4'],
		[webp, 'image/webp', 'webp'],
		[jpeg, 'image/jpeg', 'jpg'],
		[png, 'image/png', 'png'],
		[gif, 'image/gif', 'gif'],
		[webm, 'video/webm', 'webm'],
	])('recognises %#', (bytes, mimeType, extension) => {
		expect(sniffMedia(bytes)).toMatchObject({ mimeType, extension });
	});

	it('tells text kinds from binary', () => {
		expect(sniffText(Buffer.from('\uFEFF  {"url": 1}'))).toBe('json');
		expect(sniffText(Buffer.from('<!DOCTYPE html><title>x</title>'))).toBe('html');
		expect(sniffText(Buffer.from('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'))).toBe('xml');
		expect(sniffText(Buffer.from('Not Found'))).toBe('text');
		expect(sniffText(Buffer.from([1, 2, 3, 0, 5]))).toBeUndefined();
		expect(sniffText(Buffer.from([0x81, 0x82, 0x83, 0x84, 0x85, 0x86]))).toBeUndefined();
	});
});

describe('checkContent', () => {
	it('accepts the expected type of each variant whatever the header says', () => {
		expect(checkContent(mp4, 'application/octet-stream', 'video')).toEqual({ kind: 'ok', mimeType: 'video/mp4', extension: 'mp4', sniffed: true });
		expect(checkContent(webp, 'video/mp4', 'thumbnail')).toMatchObject({ kind: 'ok', mimeType: 'image/webp', extension: 'webp' });
		expect(checkContent(jpeg, undefined, 'spritesheet')).toMatchObject({ kind: 'ok', mimeType: 'image/jpeg', extension: 'jpg' });
	});

	it("names the video bytes a gateway sent for a thumbnail (LiteLLM ignores variant), under the real type", () => {
		const check = checkContent(mp4, 'video/mp4', 'thumbnail');
		expect(check).toMatchObject({ kind: 'otherMedia', mimeType: 'video/mp4', extension: 'mp4' });
		expect(check.kind === 'otherMedia' && check.warning).toMatch(/MP4 video for the thumbnail.*ignore the variant.*\.mp4/);
		expect(checkContent(mp4, 'image/jpeg', 'spritesheet')).toMatchObject({ kind: 'otherMedia', extension: 'mp4' });
	});

	it('stores another image or container under what it really is', () => {
		expect(checkContent(png, 'image/webp', 'thumbnail')).toMatchObject({ kind: 'otherMedia', mimeType: 'image/png', extension: 'png' });
		expect(checkContent(webm, 'video/mp4', 'video')).toMatchObject({ kind: 'otherMedia', mimeType: 'video/webm', extension: 'webm' });
		const check = checkContent(jpeg, 'video/mp4', 'video');
		expect(check.kind === 'otherMedia' && check.warning).not.toMatch(/ignore the variant/);
	});

	it('follows a JSON answer carrying a link, preferring the variant’s own key', () => {
		const json = (value: unknown) => Buffer.from(JSON.stringify(value));
		expect(checkContent(json({ url: 'https://cdn.example/v.mp4' }), 'application/json', 'video')).toEqual({ kind: 'url', url: 'https://cdn.example/v.mp4' });
		expect(checkContent(json({ data: { download_url: 'https://x/y' } }), 'video/mp4', 'video')).toEqual({ kind: 'url', url: 'https://x/y' });
		expect(checkContent(json({ unsigned_urls: ['https://or/1.mp4'] }), undefined, 'video')).toEqual({ kind: 'url', url: 'https://or/1.mp4' });
		expect(checkContent(json({ data: [{ url: 'https://a/b' }] }), undefined, 'video')).toEqual({ kind: 'url', url: 'https://a/b' });
		expect(checkContent(json({ thumbnail_url: 'https://t/1.webp', url: 'https://v/1.mp4' }), undefined, 'thumbnail')).toEqual({ kind: 'url', url: 'https://t/1.webp' });
		expect(findContentUrl(['https://first', 'https://second'], 'video')).toBe('https://first');
	});

	it('never follows a link that is not absolute http(s)', () => {
		const check = checkContent(Buffer.from('{"url": "file:///etc/passwd"}'), 'application/json', 'video');
		expect(check.kind).toBe('notMedia');
		expect(checkContent(Buffer.from('{"url": "/relative/path"}'), undefined, 'video').kind).toBe('notMedia');
	});

	it('refuses JSON, HTML, XML and text as media, with the server words and the served type', () => {
		expect(checkContent(Buffer.from('{"error":{"message":"not ready"}}'), 'application/json', 'video')).toEqual({
			kind: 'notMedia',
			description: 'a JSON document ("not ready"), served as application/json',
		});
		expect(checkContent(Buffer.from('<html><head><title>502 Bad Gateway</title></head></html>'), 'video/mp4', 'video')).toEqual({
			kind: 'notMedia',
			description: 'an HTML page ("502 Bad Gateway"), served as video/mp4',
		});
		const xml = checkContent(Buffer.from('<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'), 'application/xml', 'video');
		expect(xml.kind === 'notMedia' && xml.description).toMatch(/^an XML document \("AccessDenied"\)/);
		expect(checkContent(Buffer.from('Not Found'), 'text/plain; charset=utf-8', 'thumbnail')).toEqual({
			kind: 'notMedia',
			description: 'a text answer ("Not Found"), served as text/plain',
		});
		expect(checkContent(Buffer.alloc(0), 'video/mp4', 'video')).toEqual({ kind: 'notMedia', description: 'an empty body, served as video/mp4' });
	});

	it('keeps unknown binary bytes under the variant’s type, marked as not sniffed', () => {
		expect(checkContent(Buffer.from([0, 1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11]), 'video/mp4', 'video')).toEqual({
			kind: 'ok',
			mimeType: 'video/mp4',
			extension: 'mp4',
			sniffed: false,
		});
	});
});
