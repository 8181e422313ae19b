/** The path of one video on every dialect's server. */
import { encodeIdForPath } from './model/ids';

/** `/videos/<id>` with the id as one path segment: `/`, `+` and `=` arrive as the server wrote them. */
export function videoPath(videoId: string): string {
	return `/videos/${encodeIdForPath(videoId)}`;
}
