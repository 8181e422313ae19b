/**
 * Follows the list cursor: `after = last_id` until `has_more` is false or the limit is reached.
 * Pages are read by the neutral model; a job already seen is dropped, and a page that brings
 * nothing new ends the listing (a server that ignores `after` answers the same page again).
 */
import type { SoraContext, VideoObject } from '../transport';
import { listVideos, outputOf, unseenJobs } from '../transport';

export const MAX_PAGE_SIZE = 100;

export async function listAllVideos(
	ctx: SoraContext,
	query: { limit?: number; order?: string },
	itemIndex?: number,
): Promise<VideoObject[]> {
	const videos: VideoObject[] = [];
	const seen = new Set<string>();
	let after: string | undefined;
	while (query.limit === undefined || videos.length < query.limit) {
		const wanted = query.limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, query.limit - videos.length);
		const page = await listVideos(ctx, { limit: wanted, order: query.order, after }, itemIndex);
		const fresh = unseenJobs(seen, page.jobs);
		videos.push(...fresh.map(outputOf));
		const cursor = page.lastId;
		if (!page.hasMore || fresh.length === 0 || !cursor || cursor === after) break;
		after = cursor;
	}
	return query.limit === undefined ? videos : videos.slice(0, query.limit);
}
