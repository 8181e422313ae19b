// A status check that fails with an error no list classifies (a TypeError, a bad URL) is a
// fault in the setup, not a busy server: the wait gives up after a few in a row, naming the
// video and the error, instead of asking again until Max Wait (20 minutes by default).
import { MAX_UNCLASSIFIED_FAULTS, waitForVideo, watchedJob } from '../../nodes/SoraVideo/jobs/wait';
import { fakeExecuteContext } from '../fixtures/execute-context';

jest.setTimeout(15_000);

function fakeServer(answers: Array<() => unknown>) {
	let calls = 0;
	const ctx = fakeExecuteContext(() => {
		const answer = answers[Math.min(calls, answers.length - 1)];
		calls++;
		return answer();
	});
	return { ctx, calls: () => calls };
}

const typeError = () => {
	throw new TypeError("Cannot read properties of undefined (reading 'socket')");
};
const reset = () => {
	throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
};
const done = () => ({ statusCode: 200, headers: {}, body: { id: 'video_1', object: 'video', status: 'completed' } });
const options = { pollIntervalMs: 500, maxWaitMs: 20 * 60_000 };

describe('unclassified faults while waiting', () => {
	it(`gives up after ${MAX_UNCLASSIFIED_FAULTS} in a row, naming the video and the error`, async () => {
		const server = fakeServer([typeError]);
		const started = Date.now();
		await expect(waitForVideo(server.ctx, watchedJob('video_1'), options, 0)).rejects.toThrow(
			`Checking video video_1 failed 3 times in a row: Cannot read properties of undefined (reading 'socket')`,
		);
		expect(server.calls()).toBe(MAX_UNCLASSIFIED_FAULTS);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('counts only consecutive ones: a known transient fault in between starts the count again', async () => {
		const server = fakeServer([typeError, typeError, reset, typeError, typeError, done]);
		const result = await waitForVideo(server.ctx, watchedJob('video_1'), options, 0);
		expect(result.job.state).toBe('completed');
		expect(server.calls()).toBe(6);
	});
});
