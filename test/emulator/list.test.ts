// GET /videos: cursor pagination in both orders, limits, and parameter errors.
import { call, createVideo, Emu, startEmulator } from './helpers';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('list videos', () => {
	let emu: Emu;
	let ids: string[] = [];
	beforeAll(async () => {
		emu = await startEmulator({ durationMs: 100 });
		for (let i = 0; i < 7; i++) ids.push((await createVideo(emu, { prompt: `video ${i}` })).id);
	});
	afterAll(() => emu.close());

	async function pageAll(order: string | undefined, limit: number) {
		const seen: string[] = [];
		let after: string | null = null;
		let pages = 0;
		for (;;) {
			const q = new URLSearchParams({ limit: String(limit) });
			if (order) q.set('order', order);
			if (after) q.set('after', after);
			const r = await call(emu, 'GET', `/videos?${q}`);
			expect(r.status).toBe(200);
			expect(Object.keys(r.json).sort()).toEqual(['data', 'first_id', 'has_more', 'last_id', 'object']);
			expect(r.json.object).toBe('list');
			expect(r.json.first_id).toBe(r.json.data[0]?.id ?? null);
			expect(r.json.last_id).toBe(r.json.data.at(-1)?.id ?? null);
			seen.push(...r.json.data.map((v: any) => v.id));
			pages++;
			if (!r.json.has_more) break;
			after = r.json.last_id;
		}
		return { seen, pages };
	}

	test('default order is desc (newest first) and pages follow after=last_id', async () => {
		const { seen, pages } = await pageAll(undefined, 3);
		expect(seen).toEqual([...ids].reverse());
		expect(pages).toBe(3);
	});

	test('order=asc pages oldest first', async () => {
		const { seen, pages } = await pageAll('asc', 2);
		expect(seen).toEqual(ids);
		expect(pages).toBe(4);
	});

	test('an exact last page says has_more false', async () => {
		const r = await call(emu, 'GET', '/videos?limit=7');
		expect(r.json.data).toHaveLength(7);
		expect(r.json.has_more).toBe(false);
	});

	test('default limit is 20; limit=0 gives an empty page; limit=100 is allowed', async () => {
		const r = await call(emu, 'GET', '/videos');
		expect(r.json.data).toHaveLength(7);
		const zero = await call(emu, 'GET', '/videos?limit=0');
		expect(zero.json).toEqual({ object: 'list', data: [], first_id: null, last_id: null, has_more: true });
		expect((await call(emu, 'GET', '/videos?limit=100')).status).toBe(200);
	});

	test('list items are full Video objects', async () => {
		const r = await call(emu, 'GET', '/videos?limit=1&order=asc');
		expect(r.json.data[0]).toMatchObject({ id: ids[0], object: 'video', prompt: 'video 0' });
		expect(Object.keys(r.json.data[0])).toHaveLength(13);
	});

	test.each([
		['limit=101', 'limit'],
		['limit=-1', 'limit'],
		['limit=abc', 'limit'],
		['limit=2.5', 'limit'],
		['order=newest', 'order'],
		['after=video_unknown', 'after'],
	])('%s -> 400 naming %s', async (query, param) => {
		const r = await call(emu, 'GET', `/videos?${query}`);
		expect(r.status).toBe(400);
		expect(r.json.error).toMatchObject({ type: 'invalid_request_error', param });
	});
});
