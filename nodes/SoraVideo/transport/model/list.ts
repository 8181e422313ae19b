/** A page of the video list, read into neutral jobs; duplicates from a server that ignores `after` are dropped. */
import { readJob } from './job';
import type { VideoJob } from './job';
import { isObject } from './json';
import type { JsonObject } from './json';
import { parseObject } from './parse';

export interface ListPage {
	jobs: VideoJob[];
	hasMore: boolean;
	/** The cursor for the next page. */
	lastId?: string;
	/** Entries that were no readable job (no id). */
	skipped: number;
}

export type ListReading = { ok: true; page: ListPage } | { ok: false; reason: string };

const LIST_KEYS = ['data', 'items', 'videos', 'results', 'list'];

function entriesOf(object: JsonObject): unknown[] | undefined {
	for (const key of LIST_KEYS) {
		const value = object[key];
		if (Array.isArray(value)) return value;
		if (isObject(value)) {
			const inner = entriesOf(value);
			if (inner) return inner;
		}
	}
	return undefined;
}

export function readList(body: unknown): ListReading {
	const parsed = Array.isArray(body) ? { ok: true as const, object: { data: body } } : parseObject(body);
	if (!parsed.ok) return { ok: false, reason: parsed.reason };
	const entries = entriesOf(parsed.object);
	if (!entries) return { ok: false, reason: 'an answer without a list of videos' };
	const jobs: VideoJob[] = [];
	for (const entry of entries) {
		const reading = readJob(entry, { context: 'list' });
		if (reading.ok) jobs.push(reading.job);
	}
	const envelope = isObject(parsed.object.data) ? parsed.object.data : parsed.object;
	const more = envelope.has_more ?? parsed.object.has_more ?? envelope.hasMore;
	const cursor = envelope.last_id ?? parsed.object.last_id;
	const lastId = typeof cursor === 'string' && cursor ? cursor : jobs[jobs.length - 1]?.id;
	return { ok: true, page: { jobs, hasMore: more === true || more === 'true', lastId, skipped: entries.length - jobs.length } };
}

/** Keeps the jobs not seen on earlier pages, and remembers them. */
export function unseenJobs(seen: Set<string>, jobs: VideoJob[]): VideoJob[] {
	const fresh: VideoJob[] = [];
	for (const job of jobs) {
		if (seen.has(job.id)) continue;
		seen.add(job.id);
		fresh.push(job);
	}
	return fresh;
}
