/**
 * Status words of the dialects servers speak, mapped to the three states the node acts on.
 * OpenAI: queued, in_progress, completed, failed. OpenRouter adds pending, cancelled, expired.
 * LiteLLM/Veo: processing. Resellers and task APIs: NOT_START, SUBMITTED, SUCCESS, FAILURE...
 * An unknown word means "still running": waiting longer is safer than giving up on a paid job,
 * and Max Wait still bounds it. The raw word is always kept next to the state.
 */
export type JobState = 'running' | 'completed' | 'failed';

/**
 * The state put on every output that carries a job, one word whatever the server said (the raw
 * word stays beside it): a workflow routes on it without listing every dialect's words.
 */
export type OutputState = 'queued' | 'in_progress' | 'completed' | 'failed';

const RUNNING = [
	'queued', 'queueing', 'in_queue', 'pending', 'in_progress', 'inprogress', 'progress', 'processing',
	'running', 'not_start', 'not_started', 'submitted', 'starting', 'started', 'created', 'accepted',
	'waiting', 'scheduled', 'generating', 'preprocessing', 'postprocessing', 'uploading', 'initializing',
];
/** Running words that mean the job has not started yet. */
const NOT_STARTED = new Set([
	'queued', 'queueing', 'in_queue', 'pending', 'not_start', 'not_started', 'submitted', 'created', 'accepted',
	'waiting', 'scheduled',
]);
const COMPLETED = [
	'completed', 'complete', 'succeeded', 'succeed', 'success', 'successful', 'done', 'finished',
	'finish', 'ready',
];
const FAILED = [
	'failed', 'fail', 'failure', 'error', 'errored', 'cancelled', 'canceled', 'cancel', 'expired',
	'rejected', 'timeout', 'timed_out', 'moderated', 'blocked', 'aborted', 'terminated', 'deleted',
	'content_filtered', 'content_policy_violation',
];

const TABLE = new Map<string, JobState>([
	...RUNNING.map((word) => [word, 'running'] as const),
	...COMPLETED.map((word) => [word, 'completed'] as const),
	...FAILED.map((word) => [word, 'failed'] as const),
]);

/** `In Progress`, `in-progress` and `IN_PROGRESS` are the same word. */
export function normalizeStatusWord(status: unknown): string {
	if (typeof status !== 'string' && typeof status !== 'number') return '';
	return String(status).trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The state a status word means; unknown or missing words are "running". */
export function stateOf(status: unknown): JobState {
	return TABLE.get(normalizeStatusWord(status)) ?? 'running';
}

/**
 * The output state of a job: its state (which may say failed where the word does not, e.g. a
 * running job that carries an error), with "running" split into queued and in_progress.
 */
export function outputStateOf(status: unknown, state: JobState = stateOf(status)): OutputState {
	if (state !== 'running') return state;
	return NOT_STARTED.has(normalizeStatusWord(status)) ? 'queued' : 'in_progress';
}
