// The cursor loop with a fake HTTP helper: which pages are asked for, and when it stops.
import { listAllVideos } from '../../nodes/SoraVideo/helpers/pagination';
import { fakeExecuteContext } from '../fixtures/execute-context';

type Query = { limit?: number; order?: string; after?: string };

function fakeServer(total: number, options: { repeatCursor?: boolean } = {}) {
	const ids = Array.from({ length: total }, (_, i) => `video_${String(i).padStart(3, '0')}`);
	const queries: Query[] = [];
	const ctx = fakeExecuteContext((request) => {
		const qs = request.qs as Query;
		queries.push({ ...qs });
		const start = qs.after && !options.repeatCursor ? ids.indexOf(qs.after) + 1 : 0;
		const data = ids.slice(start, start + (qs.limit ?? 20)).map((id) => ({ id, status: 'completed' }));
		return {
			statusCode: 200,
			headers: {},
			body: {
				object: 'list',
				data,
				first_id: data[0]?.id ?? null,
				last_id: data[data.length - 1]?.id ?? null,
				has_more: start + data.length < ids.length,
			},
		};
	});
	return { ctx, queries };
}

describe('list pagination', () => {
	it('Return All follows after=last_id until has_more is false', async () => {
		const { ctx, queries } = fakeServer(250);
		const videos = await listAllVideos(ctx, { order: 'asc' });
		expect(videos).toHaveLength(250);
		expect(new Set(videos.map((v) => v.id)).size).toBe(250);
		expect(queries).toEqual([
			{ limit: 100, order: 'asc' },
			{ limit: 100, order: 'asc', after: 'video_099' },
			{ limit: 100, order: 'asc', after: 'video_199' },
		]);
	});

	it('a Limit asks only for what it needs', async () => {
		const { ctx, queries } = fakeServer(250);
		const videos = await listAllVideos(ctx, { limit: 130 });
		expect(videos.map((v) => v.id)).toEqual(Array.from({ length: 130 }, (_, i) => `video_${String(i).padStart(3, '0')}`));
		expect(queries.map((q) => q.limit)).toEqual([100, 30]);
	});

	it('stops on an empty list and on a server that repeats its cursor', async () => {
		expect(await listAllVideos(fakeServer(0).ctx, {})).toEqual([]);
		const { ctx, queries } = fakeServer(250, { repeatCursor: true });
		await listAllVideos(ctx, {});
		expect(queries).toHaveLength(2);
	});
});
