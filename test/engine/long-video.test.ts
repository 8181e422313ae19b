// Create Long Video through n8n's real engine against the emulator: a first clip and its
// continuations, planned, priced and checked before any request, stitched by the server,
// resumable from the last finished segment. OpenAI contract (POST /videos/extensions) and
// OpenRouter (previous_job_id).
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, continueOnFail, logs, runWorkflow, type NodeSpec, type RunResult, type RunWorkflowOptions } from '../harness';
import { FAST_OPTIONS, soraNode, useEmulator } from '../harness/sora';
import { readMp4 } from '../emulator/helpers';

jest.setTimeout(120_000);

const model = (value: string) => ({ __rl: true, mode: 'id', value });

function ok(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	return result.outputs.Sora;
}

type Segment = { segment: number; id: string; seconds: number; totalSeconds?: number; status: string; estimatedCostUsd?: number; costUsd?: number };
const segmentsOf = (item: INodeExecutionData) => item.json.segments as Segment[];

/** Runs one Create Long Video node: the describe's defaults, the test's parameters, fast polling. */
function longVideo(credentials: () => RunWorkflowOptions['credentials'], defaults: IDataObject) {
	return (parameters: IDataObject, node = (n: NodeSpec) => n) =>
		runWorkflow({
			nodes: [
				node(
					soraNode({
						operation: 'createLong',
						...defaults,
						...parameters,
						options: { ...FAST_OPTIONS, ...((parameters.options as IDataObject) ?? {}) },
					}),
				),
			],
			credentials: credentials(),
		});
}

const bodyOf = (entry: { rawBody?: string | null }): IDataObject => JSON.parse(Buffer.from(String(entry.rawBody), 'base64').toString('utf8'));

describe('Create Long Video on the OpenAI contract (engine)', () => {
	const ctx = useEmulator({}, { eachTest: { durationMs: 300 } });
	const paid = () => ctx.emulator.requests().filter((r) => r.kind === 'create' || r.kind === 'extend');
	const long = longVideo(() => ctx.credentials(), {
		prompt: 'a paper boat drifts down a rainy street',
		model: model('sora-2'),
		size: '1280x720',
		seconds: '12',
		targetSeconds: 60,
	});

	it('a 60 s target from a 12 s first clip: one create and three 16 s extensions, stitched to a 60 s MP4', async () => {
		logs.length = 0;
		// Jobs long enough for the wait to see them running (its floor between checks is 500 ms).
		ctx.emulator.setOptions({ durationMs: 1500 });
		const [item] = ok(await long({ options: { priceTable: '{"sora-2": 0.1}' } }));
		const requests = paid();
		expect(requests.map((r) => [r.kind, bodyOf(r).seconds])).toEqual([
			['create', '12'],
			['extend', '16'],
			['extend', '16'],
			['extend', '16'],
		]);
		const segments = segmentsOf(item);
		expect(segments.map((s) => [s.segment, s.seconds, s.totalSeconds, s.status])).toEqual([
			[1, 12, 12, 'completed'],
			[2, 16, 28, 'completed'],
			[3, 16, 44, 'completed'],
			[4, 16, 60, 'completed'],
		]);
		// Each extension continues the segment before it; the output is the last one, the stitched video.
		expect(requests.slice(1).map((r) => (bodyOf(r).video as IDataObject).id)).toEqual(segments.slice(0, 3).map((s) => s.id));
		expect(item.json).toMatchObject({ id: segments[3].id, status: 'completed', seconds: '60', targetSeconds: 60 });
		expect(segments.map((s) => s.estimatedCostUsd)).toEqual([1.2, 1.6, 1.6, 1.6]);
		expect(item.json.estimatedCostUsd).toBeCloseTo(6, 6);
		expect(ctx.emulator.jobs().find((j) => j.id === segments[3].id)?.seconds).toBe('60');
		const mp4 = await binaryBuffer(item, 'data');
		expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${segments[3].id}.mp4` });
		expect(readMp4(mp4).seconds).toBe(60);
		// Progress per segment, through the wait's own progress lines.
		const progress = logs.map((l) => l.message).filter((m) => m.includes('long video, segment'));
		for (const n of [1, 2, 3, 4]) expect(progress.some((m) => m.includes(`segment ${n} of 4: started`))).toBe(true);
		expect(progress.some((m) => /segment 3 of 4: \S+ in_progress \d+%$/.test(m))).toBe(true);
		expect(progress.some((m) => m.includes('segment 4 of 4: completed') && m.includes('60 of 60 s'))).toBe(true);
	});

	it('a target above the server limit is refused before any request', async () => {
		const result = await long({ targetSeconds: 150 });
		expect(result.error?.message).toMatch(/^Target Length \(Seconds\): 150 s is longer than the 120 s a continued video may reach .*\(item 0\)$/);
		expect(ctx.emulator.requests()).toEqual([]);
		// More scene prompts than the plan has continuations is a mistake caught before paying too.
		const extra = await long({ targetSeconds: 28, extensionPrompts: ['one', 'two'] });
		expect(extra.error?.message).toBe('Extension Prompts: 2 prompts given, but the plan has 1 continuation(s) (16 s after 12 s) (item 0)');
		expect(ctx.emulator.requests()).toEqual([]);
	});

	it('Max Spend per Run below the whole chain refuses before any request', async () => {
		const result = await long({ options: { maxSpendUsd: 5 } });
		expect(result.error?.message).toBe('Max Spend per Run: the 4 job(s) of this run are estimated at $6.00, over the limit of $5.00; no job was started');
		expect(ctx.emulator.requests()).toEqual([]);
		// The same chain under a cap that covers it runs.
		const [item] = ok(await long({ targetSeconds: 28, options: { maxSpendUsd: 2.8 } }));
		expect(item.json).toMatchObject({ seconds: '28', estimatedCostUsd: 2.8 });
	});

	it('a failure at segment 3 keeps ids 1-2, names the resume point, and the resume step finishes the video', async () => {
		const prompts = ['the boat reaches a gutter', 'FAIL_MODERATION the boat sinks', 'the boat sails out to sea'];
		const failed = await long({ extensionPrompts: prompts }, continueOnFail);
		const [item] = ok(failed);
		const segments = segmentsOf(item);
		expect(segments.map((s) => [s.segment, s.seconds, s.status])).toEqual([
			[1, 12, 'completed'],
			[2, 16, 'completed'],
			[3, 16, 'failed'],
		]);
		const error = item.json.error as IDataObject;
		expect(error.message).toMatch(/^Long video stopped at segment 3 of 4: Video \S+ ended with status "failed".*Last finished segment: 2 \(\S+, 28 s\)\.$/);
		expect(error.description).toContain(`Resume From Video ID ${segments[1].id}, Resume From Length 28`);
		expect(error.description).toContain('the same Target Length 60');
		expect(item.json).toMatchObject({ id: segments[2].id, resumeFromVideoId: segments[1].id, resumeFromSeconds: 28 });
		// Nothing was started twice: one create, one extension per finished segment and the failed one.
		expect(paid().map((r) => r.kind)).toEqual(['create', 'extend', 'extend']);

		const before = paid().length;
		const [resumed] = ok(await long({ resumeFromVideoId: segments[1].id, extensionPrompts: prompts.slice(1).map((p) => p.replace('FAIL_MODERATION ', '')) }));
		const rest = paid().slice(before);
		expect(rest.map((r) => [r.kind, bodyOf(r).seconds, bodyOf(r).prompt])).toEqual([
			['extend', '16', 'the boat sinks'],
			['extend', '16', 'the boat sails out to sea'],
		]);
		expect((bodyOf(rest[0]).video as IDataObject).id).toBe(segments[1].id);
		expect(resumed.json).toMatchObject({ seconds: '60', resumedFrom: { id: segments[1].id, seconds: 28 } });
		expect(segmentsOf(resumed).map((s) => [s.seconds, s.totalSeconds])).toEqual([
			[16, 44],
			[16, 60],
		]);
		expect(readMp4(await binaryBuffer(resumed, 'data')).seconds).toBe(60);
	});

	it('a fault while waiting for a segment keeps its id and names the resume point', async () => {
		ctx.emulator.setOptions({ durationMs: 1500 });
		const run = long({ targetSeconds: 44 }, continueOnFail);
		// Once segment 2 has been started, every status check answers 404 (which ends a wait at once).
		const deadline = Date.now() + 60_000;
		while (ctx.emulator.jobs().length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
		ctx.emulator.setFaults([{ match: { kind: 'get' }, fault: { type: 'status', status: 404, message: 'gone for a moment' } }]);
		const [item] = ok(await run);
		const [first, second] = ctx.emulator.jobs();
		expect(segmentsOf(item).map((s) => s.id)).toEqual([first.id, second.id]);
		expect(item.json).toMatchObject({ id: second.id, resumeFromVideoId: first.id, resumeFromSeconds: 12 });
		const error = item.json.error as IDataObject;
		expect(error.message).toMatch(new RegExp(`^Long video stopped at segment 2 of 3: Checking video ${second.id} failed: .*gone for a moment`));
		expect(error.description).toContain(`Video ${second.id} may still be running on the server: when it completes, resume from it instead (Resume From Length 28)`);
		expect(paid().map((r) => r.kind)).toEqual(['create', 'extend']);
	});

	it('a continuation whose request may have reached the server is not sent again', async () => {
		ctx.emulator.setFaults([{ match: { kind: 'extend' }, fault: { type: 'statusAfterCreate', status: 502 } }]);
		const result = await long({ targetSeconds: 28 });
		const [first, second] = ctx.emulator.jobs();
		expect(paid().map((r) => r.kind)).toEqual(['create', 'extend']);
		expect(result.error?.message).toMatch(/^Long video stopped at segment 2 of 2: it could not be started: .*Last finished segment: 1 \(\S+, 12 s\)\.$/);
		expect(result.error?.message).toContain(first.id);
		expect(String(result.error?.description)).toContain(`Resume From Video ID ${first.id}`);
		expect(String(result.error?.description)).toMatch(/List/);
		// The server did start it: the job exists, and was not doubled by a retry.
		expect(second).toBeDefined();
		expect(ctx.emulator.jobs()).toHaveLength(2);
	});

	it('without Continue On Fail the run fails naming every segment id', async () => {
		const result = await long({ targetSeconds: 28, extensionPrompts: 'FAIL_MODERATION at once' });
		const ids = paid().map((r) => r.kind);
		expect(ids).toEqual(['create', 'extend']);
		const first = ctx.emulator.jobs()[0].id;
		expect(result.error?.message).toContain(`Last finished segment: 1 (${first}, 12 s)`);
		expect(String(result.error?.description)).toContain(`Resume From Video ID ${first}`);
		expect(String(result.error?.description)).toContain(`2: ${ctx.emulator.jobs()[1].id} (16 s, failed)`);
	});
});

describe('Create Long Video on OpenRouter (previous_job_id, engine)', () => {
	const ctx = useEmulator({ profile: 'openrouter' }, { eachTest: { durationMs: 300 } });
	const credentials = () => ctx.credentials({ dialect: 'openrouter' });
	const creates = () => ctx.emulator.requests().filter((r) => r.kind === 'create');
	const long = longVideo(credentials, {
		prompt: 'a lighthouse keeper climbs the stairs',
		model: model('google/veo-3.1'),
		size: '1280x720',
		seconds: 'custom',
		customSeconds: '8',
		targetSeconds: 40,
	});

	it('continues each segment by previous_job_id in the model\'s published durations, to a 40 s MP4 with its costs', async () => {
		const [item] = ok(await long({}));
		const bodies = creates().map(bodyOf);
		expect(bodies.map((b) => b.duration)).toEqual([8, 8, 8, 8, 8]);
		const segments = segmentsOf(item);
		expect(bodies.slice(1).map((b) => b.previous_job_id)).toEqual(segments.slice(0, 4).map((s) => s.id));
		expect(bodies.slice(1).every((b) => b.model === 'google/veo-3.1')).toBe(true);
		expect(segments.map((s) => s.totalSeconds)).toEqual([8, 16, 24, 32, 40]);
		expect(segments.map((s) => s.costUsd)).toEqual([3.2, 3.2, 3.2, 3.2, 3.2]);
		expect(item.json.costUsd).toBeCloseTo(16, 6);
		expect(item.json.estimatedCostUsd).toBeCloseTo(16, 6);
		expect(item.json.seconds).toBe('40');
		expect(readMp4(await binaryBuffer(item, 'data')).seconds).toBe(40);
	});

	it('a target the count limit cannot reach is refused before any paid request', async () => {
		const result = await long({ targetSeconds: 64 });
		expect(result.error?.message).toMatch(/^Target Length \(Seconds\): 64 s cannot be reached from 8 s within 6 continuation\(s\) of 4\/6\/8 s .*google\/veo-3.1's published durations/);
		expect(creates()).toEqual([]);
	});

	it('a failure mid-chain resumes from the last finished segment with its length', async () => {
		const [item] = ok(await long({ targetSeconds: 24, extensionPrompts: ['the stairs turn', 'FAIL_MODERATION the lamp'] }, continueOnFail));
		const segments = segmentsOf(item);
		expect(segments.map((s) => s.status)).toEqual(['completed', 'completed', 'failed']);
		expect(item.json).toMatchObject({ resumeFromVideoId: segments[1].id, resumeFromSeconds: 16 });
		const noLength = await long({ targetSeconds: 24, resumeFromVideoId: segments[1].id });
		expect(noLength.error?.message).toMatch(/^Resume From Length \(Seconds\): the server does not report how long video/);
		const [resumed] = ok(await long({ targetSeconds: 24, resumeFromVideoId: segments[1].id, resumeFromSeconds: 16 }));
		expect(creates().map(bodyOf).at(-1)).toMatchObject({ duration: 8, previous_job_id: segments[1].id });
		expect(resumed.json.seconds).toBe('24');
		expect(readMp4(await binaryBuffer(resumed, 'data')).seconds).toBe(24);
	});
});
