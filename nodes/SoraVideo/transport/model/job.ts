/**
 * The neutral job: every answer about one job (create, poll, list entry) is read here first.
 * A job keeps the id it was started with; an answer that cannot be read is a transient fault
 * for the caller to wait out, never a new job state.
 */
import { serverError } from './errorText';
import { isAcceptableId, normalizeId } from './ids';
import { isObject } from './json';
import type { JsonObject } from './json';
import { parseObject, pick, toNumber, toUnixSeconds } from './parse';
import { stateOf } from './status';
import type { JobState } from './status';

export interface VideoJob {
	id: string;
	state: JobState;
	/** The server's own word, kept for the output. */
	status: string;
	progress?: number;
	error?: { code?: string; message: string };
	/** Unix seconds, whatever unit the server used. */
	createdAt?: number;
	completedAt?: number;
	expiresAt?: number;
	costUsd?: number;
	/** The server's job object, for the output. */
	raw: JsonObject;
}

export type JobContext = 'create' | 'poll' | 'list';

export interface ReadJobOptions {
	/** The id being watched; a poll answer never replaces it. */
	expectedId?: string;
	context: JobContext;
}

export type JobReading = { ok: true; job: VideoJob } | { ok: false; reason: string };

export const NO_REASON = 'the server gave no reason';

const ID_KEYS = ['id', 'task_id', 'video_id', 'job_id', 'generation_id', 'taskId', 'videoId', 'jobId'];
const STATUS_KEYS = ['status', 'state', 'task_status', 'job_status'];
const REASON_KEYS = ['error', 'fail_reason', 'failure_reason', 'error_message', 'failReason', 'reason', 'message'];
/** Fields whose presence alone means the job failed, whatever its status word. */
const FAILURE_KEYS = ['error', 'fail_reason', 'failure_reason', 'error_message'];

/** Resellers wrap the job: `{code: 0, data: {task_id, status}}`; the envelope's own status is not the job's. */
function jobObject(body: JsonObject): JsonObject {
	if (pick(body, ID_KEYS) !== undefined) return body;
	for (const key of ['data', 'result']) {
		const inner = body[key];
		if (isObject(inner) && (pick(inner, ID_KEYS) !== undefined || pick(inner, STATUS_KEYS) !== undefined)) return inner;
	}
	return body;
}

function idOf(object: JsonObject): string | undefined {
	const value = ID_KEYS.map((key) => object[key]).find(isAcceptableId);
	return value === undefined ? undefined : normalizeId(value as string | number);
}

/** What the server said about a failure: an object, a string, or one of the reason fields. */
function failureOf(object: JsonObject, keys: readonly string[]): VideoJob['error'] | undefined {
	for (const key of keys) {
		const value = object[key];
		if (value === undefined || value === null || value === '' || (isObject(value) && !Object.keys(value).length)) continue;
		const said = serverError(value);
		if (!said) continue;
		const onlyCode = isObject(value) && said.code && said.message.startsWith('{');
		if (onlyCode) return { code: said.code, message: `${NO_REASON} (code ${said.code})` };
		if (isObject(value) && said.message.startsWith('{')) continue;
		return said.code ? { code: said.code, message: said.message } : { message: said.message };
	}
	return undefined;
}

function progressOf(object: JsonObject): number | undefined {
	const value = toNumber(pick(object, ['progress', 'percent', 'percentage']));
	if (value === undefined || value < 0) return undefined;
	// Runway-style fractions: 0.45 means 45 %.
	const percent = value > 0 && value < 1 ? value * 100 : value;
	return Math.min(100, Math.round(percent));
}

function costOf(object: JsonObject): number | undefined {
	const usage = isObject(object.usage) ? object.usage : {};
	const value = toNumber(pick(usage, ['cost', 'total_cost', 'cost_usd']) ?? pick(object, ['cost', 'cost_usd']));
	return value !== undefined && value >= 0 ? value : undefined;
}

function timesOf(object: JsonObject): Pick<VideoJob, 'createdAt' | 'completedAt' | 'expiresAt'> {
	const times = {
		createdAt: toUnixSeconds(pick(object, ['created_at', 'createdAt', 'create_time', 'created'])),
		completedAt: toUnixSeconds(pick(object, ['completed_at', 'completedAt', 'finished_at', 'finish_time', 'end_time'])),
		expiresAt: toUnixSeconds(pick(object, ['expires_at', 'expiresAt', 'expire_time', 'expiration'])),
	};
	for (const key of Object.keys(times) as Array<keyof typeof times>) if (times[key] === undefined) delete times[key];
	return times;
}

/** Reads one job answer. */
export function readJob(body: unknown, options: ReadJobOptions): JobReading {
	const parsed = parseObject(body);
	if (!parsed.ok) return { ok: false, reason: parsed.reason };
	const object = jobObject(parsed.object);
	const id = options.expectedId ?? idOf(object);
	if (id === undefined) return { ok: false, reason: `an answer without a video id (${describeKeys(parsed.object)})` };
	const rawStatus = pick(object, STATUS_KEYS);
	const status = typeof rawStatus === 'string' || typeof rawStatus === 'number' ? String(rawStatus) : '';
	if (!status && options.context === 'poll') {
		const said = serverError(parsed.object)?.message;
		return { ok: false, reason: `an answer without a status${said ? ` ("${said.slice(0, 120)}")` : ''}` };
	}
	let state = stateOf(status);
	// Veo behind LiteLLM never says failed: a running job that carries an error has ended.
	const failure = failureOf(object, FAILURE_KEYS);
	if (state === 'running' && failure) state = 'failed';
	const job: VideoJob = { id, state, status, raw: object, ...timesOf(object) };
	const progress = progressOf(object);
	if (progress !== undefined) job.progress = progress;
	const cost = costOf(object);
	if (cost !== undefined) job.costUsd = cost;
	if (state === 'failed') job.error = failure ?? failureOf(object, REASON_KEYS) ?? { message: NO_REASON };
	return { ok: true, job };
}

function describeKeys(object: JsonObject): string {
	const keys = Object.keys(object).slice(0, 8);
	return keys.length ? `keys: ${keys.join(', ')}` : 'an empty object';
}
