// Stopping a run that waits (n8n's Stop button) and giving up after Max Wait.
//
// Cancelling (n8n's Stop button: the run's PCancelable, which aborts the execution's signal)
// while the node sleeps between polls, sits out a 429's Retry-After, or waits on a slow answer
// ends the run within about a second, sends nothing more to the server, and reports the ids of
// the videos already started (they keep running, and are paid for).
//
// Max Wait: the node gives up on one video after the configured time with an error that names
// the video and says how to resume; with Continue On Fail the item carries the job as last
// seen, and the Wait for Completion operation later picks it up and returns the MP4.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, continueOnFail, logs, runWorkflow, type RunResult } from '../harness';
import { emulatorContent, soraNode, useEmulator, type Emulator, type RequestLogEntry } from '../harness/sora';
import { SERVER_TEST_MS, SERVER_WAIT_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS);

// Every test starts from an empty emulator whose jobs take a minute: the runs are stopped first.
const harness = useEmulator({}, { eachTest: { durationMs: 60_000, pollAfterMs: 100, queuedMs: null } });
let emu: Emulator;
beforeAll(() => {
	emu = harness.emulator;
});
beforeEach(() => {
	logs.length = 0;
});

const credentials = () => harness.credentials();
const log = () => emu.requests();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Aborts `delayMs` after the first logged request that satisfies `when` (polling the log). */
function cancelWhen(when: (requests: RequestLogEntry[]) => boolean, delayMs: number): AbortController {
	const controller = new AbortController();
	const deadline = Date.now() + SERVER_WAIT_MS;
	const tick = () => {
		if (controller.signal.aborted) return;
		if (when(log())) {
			setTimeout(() => controller.abort(), delayMs);
		} else if (Date.now() < deadline) {
			setTimeout(tick, 10);
		}
	};
	tick();
	return controller;
}

async function runSora(
	parameters: IDataObject,
	extra: { inputItems?: IDataObject[]; onFail?: boolean; abortController?: AbortController } = {},
): Promise<RunResult> {
	const node = soraNode(parameters);
	return await runWorkflow({
		nodes: [extra.onFail ? continueOnFail(node) : node],
		credentials: credentials(),
		inputItems: extra.inputItems as never,
		abortController: extra.abortController,
	});
}

/** The common promises of a cancelled run: quick stop, silence afterwards, a cancel error. */
async function expectStoppedCleanly(result: RunResult) {
	expect(result.cancelledAt).toBeDefined();
	expect(result.canceled).toBe(true);
	const stopMs = result.finishedAt - result.cancelledAt!;
	expect(stopMs).toBeLessThan(10_000); // jobs here take a minute: the run stopped, it did not wait (wide for a loaded machine)
	// Give a straggler the chance to show up before checking that none came.
	await sleep(400);
	const after = log().filter((r) => r.at > result.cancelledAt!);
	expect(after).toEqual([]);
	expect(result.error).toBeDefined();
	expect(result.error!.message).toMatch(/cancel+ed/i);
	expect(result.status).toBe('canceled');
	return `${result.error!.message} ${String(result.error!.description ?? '')}`;
}

describe('cancelling a run that waits', () => {
	it('while sleeping between polls (server hint 5 s): stops at once, names the video', async () => {
		emu.setOptions({ pollAfterMs: 5000 });
		const controller = cancelWhen((r) => r.some((x) => x.kind === 'create' && x.status === 200), 300);
		const result = await runSora({ operation: 'create', prompt: 'a slow sunset', options: { pollInterval: 10 } }, {
			abortController: controller,
		});
		const text = await expectStoppedCleanly(result);
		const [job] = emu.jobs();
		expect(emu.jobs()).toHaveLength(1);
		expect(text).toContain(String(job.id));
		expect(text).toMatch(/Wait for Existing Video operation/); // how to pick it up again
		expect(log().filter((r) => r.kind === 'create')).toHaveLength(1);
	});

	it('while sleeping between polls with no server hint (own backoff)', async () => {
		emu.setOptions({ pollAfterMs: null });
		const controller = cancelWhen((r) => r.some((x) => x.kind === 'get'), 300);
		const result = await runSora(
			{ operation: 'create', prompt: 'a slow sunset', options: { pollInterval: 10 } },
			{ abortController: controller },
		);
		const text = await expectStoppedCleanly(result);
		expect(text).toContain(String(emu.jobs()[0].id));
	});

	it('during a 429 backoff of a poll (Retry-After 30 s): stops at once, names the video', async () => {
		emu.setFaults([{ match: { kind: 'get' }, fault: { type: 'status', status: 429, retryAfter: 30 } }]);
		const controller = cancelWhen((r) => r.some((x) => x.kind === 'get' && x.status === 429), 300);
		const result = await runSora({ operation: 'create', prompt: 'a slow sunset' }, { abortController: controller });
		const text = await expectStoppedCleanly(result);
		expect(text).toContain(String(emu.jobs()[0].id));
		// It really was sitting out the Retry-After: one 429, no second try.
		expect(log().filter((r) => r.kind === 'get')).toHaveLength(1);
	});

	it('during a 429 backoff of the create itself: nothing created, nothing sent after', async () => {
		emu.setFaults([{ match: { kind: 'create' }, fault: { type: 'status', status: 429, retryAfter: 30 } }]);
		const controller = cancelWhen((r) => r.some((x) => x.kind === 'create'), 300);
		const result = await runSora({ operation: 'create', prompt: 'a slow sunset' }, { abortController: controller });
		await expectStoppedCleanly(result);
		expect(emu.jobs()).toHaveLength(0);
		expect(log().filter((r) => r.kind === 'create')).toHaveLength(1);
	});

	it('a batch where one create sits out a 429 and another video already started: the started id is reported', async () => {
		emu.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'status', status: 429, retryAfter: 30 } }]);
		const controller = cancelWhen(
			(r) => r.some((x) => x.kind === 'create' && x.status === 429) && r.some((x) => x.kind === 'create' && x.status === 200),
			300,
		);
		const result = await runSora(
			{ operation: 'create', prompt: '={{ $json.prompt }}', concurrency: 2 },
			{ inputItems: [{ prompt: 'first' }, { prompt: 'second' }].map((json) => ({ json })), abortController: controller },
		);
		const text = await expectStoppedCleanly(result);
		expect(emu.jobs()).toHaveLength(1);
		const started = String(emu.jobs()[0].id);
		expect(text).toContain(started);
		// When the failing item is not the one that started the video, the router also logs it.
		if (!result.error!.message.includes(started)) {
			expect(logs.some((l) => l.level === 'warn' && l.message.includes(started))).toBe(true);
		}
		expect(log().filter((r) => r.kind === 'create')).toHaveLength(2);
	});

	it('during a request the server is slow to answer: the request is dropped, the run ends at once', async () => {
		emu.setFaults([{ match: { kind: 'get' }, fault: { type: 'delay', ms: 5000 } }]);
		const controller = cancelWhen((r) => r.some((x) => x.kind === 'get'), 300);
		const result = await runSora({ operation: 'create', prompt: 'a slow sunset' }, { abortController: controller });
		const text = await expectStoppedCleanly(result);
		expect(text).toContain(String(emu.jobs()[0].id));
	});

	it('before the first paid request: nothing is created', async () => {
		const controller = new AbortController();
		controller.abort();
		const result = await runSora({ operation: 'create', prompt: 'never sent' }, { abortController: controller });
		expect(result.canceled).toBe(true);
		await sleep(200);
		expect(emu.jobs()).toHaveLength(0);
		expect(log().filter((r) => r.kind === 'create')).toHaveLength(0);
	});
});

describe('Max Wait', () => {
	function itemOf(result: RunResult): INodeExecutionData {
		if (result.error) throw new Error(`workflow failed: ${result.error.message}`);
		expect(result.outputs.Sora).toHaveLength(1);
		return result.outputs.Sora[0];
	}

	it('gives up naming the video and how to resume; Continue On Fail keeps the job; Wait for Completion finishes it', async () => {
		// maxWait 0.02 min is raised to the field's minimum, 0.1 min (6 s): jobs here take 8 s.
		emu.setOptions({ durationMs: 8000, pollAfterMs: 200 });
		const parameters = { operation: 'create', prompt: '={{ $json.prompt }}', options: { maxWait: 0.02, pollInterval: 1 } };
		const [plain, kept] = await Promise.all([
			runSora(parameters, { inputItems: [{ json: { prompt: 'plain run' } }] }),
			runSora(parameters, { inputItems: [{ json: { prompt: 'continue on fail' } }], onFail: true }),
		]);
		const plainJob = emu.jobs().find((j) => j.prompt === 'plain run')!;
		const keptJob = emu.jobs().find((j) => j.prompt === 'continue on fail')!;
		expect(emu.jobs()).toHaveLength(2);

		// Without Continue On Fail: the run fails with the id, the last status and the way back.
		expect(plain.error).toBeDefined();
		expect(plain.error!.message).toContain(String(plainJob.id));
		expect(plain.error!.message).toMatch(/Max Wait/);
		expect(plain.error!.message).toMatch(/queued|in_progress/);
		expect(String(plain.error!.description)).toMatch(/Wait for Existing Video operation/);
		expect(String(plain.error!.description)).toContain(String(plainJob.id));
		// It did not wait for the job to finish: the last status above is queued or in_progress (a
		// bound on the run's wall time would only measure the machine's load).
		const stoppedAt = plain.finishedAt;

		// With Continue On Fail: the item is the job as last seen, plus the error.
		const item = itemOf(kept);
		expect(item.json).toMatchObject({ id: keptJob.id, object: 'video', prompt: 'continue on fail' });
		expect(['queued', 'in_progress']).toContain(item.json.status);
		expect(typeof item.json.progress).toBe('number');
		const error = item.json.error as IDataObject;
		expect(String(error.message)).toMatch(/Max Wait/);
		expect(String(error.message)).toContain(String(keptJob.id));
		expect(String(error.description)).toMatch(/Wait for Existing Video operation/);
		expect(item.binary).toBeUndefined();
		expect(item.pairedItem).toEqual({ item: 0 });

		// Nothing kept polling the given-up jobs after their runs ended.
		await sleep(300);
		expect(log().filter((r) => r.at > stoppedAt + 50 && r.path.includes(String(plainJob.id)))).toEqual([]);

		// Later: Wait for Completion on the id from the item completes and returns the MP4.
		const creates = log().filter((r) => r.kind === 'create').length;
		const resumed = itemOf(
			await runSora({ operation: 'wait', videoId: '={{ $json.id }}', options: { pollInterval: 1, maxWait: 1 } }, {
				inputItems: [{ json: item.json }],
			}),
		);
		expect(resumed.json).toMatchObject({ id: keptJob.id, status: 'completed' });
		const served = (await emulatorContent(emu, String(keptJob.id), 'video')).bytes;
		expect((await binaryBuffer(resumed, 'data')).equals(served)).toBe(true);
		expect(resumed.binary!.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${String(keptJob.id)}.mp4` });
		expect(log().filter((r) => r.kind === 'create')).toHaveLength(creates); // resuming paid for nothing new
		expect(emu.jobs()).toHaveLength(2);
	});
});
