/** Follows the list cursor: `after = last_id` until `has_more` is false or the limit is reached. */
import { listVideos } from '../transport';
import type { SoraContext, SoraVideo } from '../transport';

export const MAX_PAGE_SIZE = 100;

export async function listAllVideos(
	ctx: SoraContext,
	query: { limit?: number; order?: string },
	itemIndex?: number,
): Promise<SoraVideo[]> {
	const videos: SoraVideo[] = [];
	let after: string | undefined;
	while (query.limit === undefined || videos.length < query.limit) {
		const wanted = query.limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, query.limit - videos.length);
		const page = await listVideos(ctx, { limit: wanted, order: query.order, after }, itemIndex);
		const data = Array.isArray(page.data) ? page.data : [];
		videos.push(...data);
		const cursor = page.last_id ?? data[data.length - 1]?.id;
		// Stop on the last page, and on a server that repeats a cursor rather than loop forever.
		if (!page.has_more || data.length === 0 || !cursor || cursor === after) break;
		after = cursor;
	}
	return query.limit === undefined ? videos : videos.slice(0, query.limit);
}
