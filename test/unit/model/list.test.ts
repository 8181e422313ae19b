// readList: list pages in OpenAI's and other shapes, refusing an answer without a list, and
// dropping jobs already seen for servers that ignore the `after` cursor.
import { readList, unseenJobs } from '../../../nodes/SoraVideo/transport/model/list';

describe('readList', () => {
	it("reads OpenAI's list page", () => {
		const reading = readList({
			object: 'list',
			data: [
				{ id: 'video_1', status: 'completed', created_at: 1764600000000 },
				{ id: 'video_2', status: 'succeeded' },
			],
			first_id: 'video_1',
			last_id: 'video_2',
			has_more: true,
		});
		expect(reading.ok && reading.page).toMatchObject({ hasMore: true, lastId: 'video_2', skipped: 0 });
		expect(reading.ok && reading.page.jobs.map((job) => [job.id, job.state, job.createdAt])).toEqual([
			['video_1', 'completed', 1764600000],
			['video_2', 'completed', undefined],
		]);
	});

	it('reads a bare list, wrapped lists, and skips entries that are no job', () => {
		const bare = readList([{ task_id: 'a', status: 'NOT_START' }, 'junk', { status: 'queued' }]);
		expect(bare.ok && bare.page).toMatchObject({ hasMore: false, lastId: 'a', skipped: 2 });
		const wrapped = readList({ code: 0, data: { items: [{ id: 'x' }], has_more: false } });
		expect(wrapped.ok && wrapped.page.jobs.map((job) => job.id)).toEqual(['x']);
		expect(readList('{"videos":[{"id":"v"}],"has_more":"true"}')).toMatchObject({ ok: true, page: { hasMore: true } });
	});

	it('refuses an answer that holds no list', () => {
		expect(readList({ id: 'video_1', status: 'completed' })).toEqual({ ok: false, reason: 'an answer without a list of videos' });
		expect(readList('<html><title>502 Bad Gateway</title></html>')).toEqual({ ok: false, reason: 'an HTML page ("502 Bad Gateway")' });
	});

	it('drops jobs already seen, for servers that ignore after', () => {
		const seen = new Set<string>();
		const page = readList({ data: [{ id: 'a' }, { id: 'b' }], has_more: true });
		const again = readList({ data: [{ id: 'b' }, { id: 'c' }], has_more: true });
		if (!page.ok || !again.ok) throw new Error('unreadable');
		expect(unseenJobs(seen, page.page.jobs).map((job) => job.id)).toEqual(['a', 'b']);
		expect(unseenJobs(seen, again.page.jobs).map((job) => job.id)).toEqual(['c']);
		expect(unseenJobs(seen, again.page.jobs)).toEqual([]);
	});
});
