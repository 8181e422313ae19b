// The wait loop's two pure decisions: which statuses end a job (only completed and failed),
// and how long to sleep before the next poll (the server's hint, else a back-off to the
// configured interval).
import { nextDelay } from '../../nodes/SoraVideo/transport/model/pollPolicy';
import { stateOf } from '../../nodes/SoraVideo/transport/model/status';

/** The delay after a good answer (no fault), with no Max Wait in sight. */
const afterGoodAnswer = (pollNumber: number, hintMs: number | undefined, pollIntervalMs: number) =>
	nextDelay({ hintMs, attempt: 0, pollNumber, pollIntervalMs, remainingMs: Number.POSITIVE_INFINITY });

describe('polling decisions', () => {
	it('ends only on completed or failed; any other status is still running', () => {
		expect(stateOf('completed')).toBe('completed');
		expect(stateOf('COMPLETED')).toBe('completed');
		expect(stateOf('failed')).toBe('failed');
		for (const status of ['queued', 'in_progress', 'processing', 'NOT_START', 'succeeded?', '', undefined, null]) {
			expect(stateOf(status)).toBe('running');
		}
	});

	it("follows the server's poll hint, even past the configured interval, but never below the 500 ms floor", () => {
		expect(afterGoodAnswer(0, 750, 10_000)).toBe(750);
		// `openai-poll-after-ms: 0` must not become a busy loop.
		expect(afterGoodAnswer(0, 250, 10_000)).toBe(500);
		expect(afterGoodAnswer(7, 0, 10_000)).toBe(500);
		expect(afterGoodAnswer(3, 30_000, 10_000)).toBe(30_000);
	});

	it('without a hint starts at one second and backs off to the configured interval', () => {
		const delays = Array.from({ length: 10 }, (_, poll) => afterGoodAnswer(poll, undefined, 10_000));
		expect(delays[0]).toBe(1000);
		expect(delays[1]).toBe(1500);
		for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
		expect(delays[delays.length - 1]).toBe(10_000);
		expect(afterGoodAnswer(0, undefined, 500)).toBe(500);
	});
});
