// readJob: a video job from every answer shape (id aliases, envelopes, missing status), its
// state and error words, timestamps, progress and cost, and unreadable answers as faults.
import { NO_REASON, readJob } from '../../../nodes/SoraVideo/transport/model/job';
import type { JobReading, VideoJob } from '../../../nodes/SoraVideo/transport/model/job';

function job(reading: JobReading): VideoJob {
	if (!reading.ok) throw new Error(`expected a job, got: ${reading.reason}`);
	return reading.job;
}
function fault(reading: JobReading): string {
	if (reading.ok) throw new Error(`expected a fault, got job ${reading.job.id}`);
	return reading.reason;
}
const poll = (body: unknown) => readJob(body, { expectedId: 'video_1', context: 'poll' });
const create = (body: unknown) => readJob(body, { context: 'create' });

describe('readJob', () => {
	it("reads OpenAI's video object", () => {
		const raw = { id: 'video_1', object: 'video', status: 'in_progress', progress: 33, created_at: 1764600000, error: null };
		expect(job(create(raw))).toEqual({ id: 'video_1', state: 'running', status: 'in_progress', progress: 33, createdAt: 1764600000, raw });
	});

	it('finds the handle under task_id, video_id, job_id or generation_id, and inside a data envelope', () => {
		expect(job(create({ task_id: 'abc', status: 'NOT_START' })).id).toBe('abc');
		expect(job(create({ video_id: 'v', status: 'queued' })).id).toBe('v');
		expect(job(create({ job_id: 123456, status: 'queued' })).id).toBe('123456');
		expect(job(create({ generation_id: 'g' })).id).toBe('g');
		const wrapped = job(create({ code: 0, status: 'success', data: { task_id: 't-9', status: 'SUBMITTED' } }));
		expect(wrapped).toMatchObject({ id: 't-9', state: 'running', status: 'SUBMITTED' });
		expect(wrapped.raw).toEqual({ task_id: 't-9', status: 'SUBMITTED' });
	});

	it('prefers id, skipping an alias whose value cannot be an id', () => {
		expect(job(create({ id: 'video_a', task_id: 'other', status: 'queued' })).id).toBe('video_a');
		expect(job(create({ id: { nested: true }, task_id: 'tt', status: 'queued' })).id).toBe('tt');
		expect(job(create({ id: '  ', video_id: 'vv' })).id).toBe('vv');
	});

	it('keeps an id holding / + = exactly as given', () => {
		expect(job(create({ id: 'video_bGl0ZWxsbTp/+ab==', status: 'queued' })).id).toBe('video_bGl0ZWxsbTp/+ab==');
	});

	it('reads a create answer with no status as a running job', () => {
		expect(job(create({ id: 'x' }))).toMatchObject({ state: 'running', status: '' });
	});

	it('refuses a create answer with no id, naming what came', () => {
		expect(fault(create({ status: 'queued', model: 'sora-2' }))).toBe('an answer without a video id (keys: status, model)');
		expect(fault(create({}))).toMatch(/empty object/);
	});

	it('never lets a poll answer replace the watched id', () => {
		expect(job(poll({ id: 'video_other', status: 'completed' })).id).toBe('video_1');
		expect(job(poll({ status: 'processing' })).id).toBe('video_1');
		expect(job(poll({ data: { status: 'succeeded' } }))).toMatchObject({ id: 'video_1', state: 'completed' });
	});

	it('turns unreadable answers into transient faults that say what came', () => {
		expect(fault(poll(undefined))).toBe('an empty answer');
		expect(fault(poll(''))).toBe('an empty answer');
		expect(fault(poll(Buffer.alloc(0)))).toBe('an empty answer');
		expect(fault(poll('<html><head><title>504 Gateway Time-out</title></head></html>'))).toBe(
			'an HTML page ("504 Gateway Time-out")',
		);
		expect(fault(poll('upstream overloaded'))).toBe('a text answer ("upstream overloaded")');
		expect(fault(poll([{ id: 'video_1' }]))).toBe('a JSON list instead of an object');
		expect(fault(poll(42))).toBe('a bare value ("42")');
		expect(fault(poll('{"id": "video_1", "status": '))).toMatch(/^a text answer/);
		expect(fault(poll({ code: 503, message: 'busy, try later' }))).toBe('an answer without a status ("busy, try later")');
	});

	it('reads JSON text and bytes', () => {
		expect(job(poll('{"status":"completed"}')).state).toBe('completed');
		expect(job(poll(Buffer.from('{"status":"failed","error":"boom"}'))).error).toEqual({ message: 'boom' });
	});

	it('keeps the raw status word next to the state', () => {
		expect(job(poll({ status: 'warming_up' }))).toMatchObject({ state: 'running', status: 'warming_up' });
		expect(job(poll({ status: 'CANCELLED' }))).toMatchObject({ state: 'failed', status: 'CANCELLED', error: { message: NO_REASON } });
		expect(job(poll({ state: 'expired' }))).toMatchObject({ state: 'failed', status: 'expired' });
	});

	it("gives the server's words for error as an object, a string, a reason field, or says none was given", () => {
		expect(job(poll({ status: 'failed', error: { code: 'moderation_blocked', message: 'Blocked by moderation' } })).error).toEqual({
			code: 'moderation_blocked',
			message: 'Blocked by moderation',
		});
		expect(job(poll({ status: 'failed', error: 'Provider quota exhausted' })).error).toEqual({ message: 'Provider quota exhausted' });
		expect(job(poll({ status: 'FAILURE', fail_reason: 'prompt rejected' })).error).toEqual({ message: 'prompt rejected' });
		expect(job(poll({ status: 'failed', failure_reason: 'gpu lost' })).error).toEqual({ message: 'gpu lost' });
		expect(job(poll({ status: 'failed', error: null, message: 'quota' })).error).toEqual({ message: 'quota' });
		expect(job(poll({ status: 'failed', error: { code: 'internal_error' } })).error).toEqual({
			code: 'internal_error',
			message: `${NO_REASON} (code internal_error)`,
		});
		expect(job(poll({ status: 'failed', error: { code: null, message: null } })).error).toEqual({ message: NO_REASON });
		expect(job(poll({ status: 'failed', error: {} })).error).toEqual({ message: NO_REASON });
		expect(job(poll({ status: 'failed' })).error).toEqual({ message: NO_REASON });
	});

	it('treats a running job that carries an error as failed (Veo behind LiteLLM never says failed)', () => {
		expect(job(poll({ status: 'processing', error: { message: 'Veo: unsafe content' } }))).toMatchObject({
			state: 'failed',
			status: 'processing',
			error: { message: 'Veo: unsafe content' },
		});
		expect(job(poll({ status: 'processing', error: null, message: 'working on it' }))).toMatchObject({ state: 'running' });
		expect(job(poll({ status: 'processing', error: {}, fail_reason: '' })).state).toBe('running');
		expect(job(poll({ status: 'completed', error: 'stale' })).error).toBeUndefined();
	});

	it('reads timestamps in seconds, milliseconds, microseconds and ISO dates', () => {
		const reading = job(poll({ status: 'completed', created_at: 1764600000123, completed_at: '1764600100', expires_at: 1764686400 }));
		expect(reading).toMatchObject({ createdAt: 1764600000, completedAt: 1764600100, expiresAt: 1764686400 });
		expect(job(poll({ status: 'queued', created_at: 1764600000123456 })).createdAt).toBe(1764600000);
		expect(job(poll({ status: 'queued', created_at: '2025-12-01T14:40:00Z' })).createdAt).toBe(1764600000);
		const none = job(poll({ status: 'queued', created_at: null, completed_at: 0, expires_at: 'never' }));
		expect(none).not.toHaveProperty('createdAt');
		expect(none).not.toHaveProperty('completedAt');
		expect(none).not.toHaveProperty('expiresAt');
	});

	it('reads progress as a number, a string, a percent or a fraction', () => {
		expect(job(poll({ status: 'running', progress: '45' })).progress).toBe(45);
		expect(job(poll({ status: 'running', progress: '45%' })).progress).toBe(45);
		expect(job(poll({ status: 'running', progress: 0.45 })).progress).toBe(45);
		expect(job(poll({ status: 'running', progress: 250 })).progress).toBe(100);
		expect(job(poll({ status: 'running', progress: -1 }))).not.toHaveProperty('progress');
		expect(job(poll({ status: 'running', progress: 'soon' }))).not.toHaveProperty('progress');
	});

	it("reads the cost from OpenRouter's usage or a top-level cost", () => {
		expect(job(poll({ status: 'completed', usage: { cost: 0.4 } })).costUsd).toBe(0.4);
		expect(job(poll({ status: 'completed', cost: '1.25' })).costUsd).toBe(1.25);
		expect(job(poll({ status: 'completed', usage: { prompt_tokens: 3 } }))).not.toHaveProperty('costUsd');
	});
});
