// The long-video planner: deterministic continuation seconds within a server's limits.
import { planChain } from '../../nodes/SoraVideo/helpers/chain';
import type { ContinuationLimits } from '../../nodes/SoraVideo/transport';

const contract: ContinuationLimits = { steps: [4, 8, 12, 16, 20], maxContinuations: 6, maxTotalSeconds: 120, source: 'the contract' };

describe('planChain', () => {
	it('takes the fewest, most even continuations that reach the target exactly', () => {
		expect(planChain({ startSeconds: 12, targetSeconds: 60 }, contract)).toEqual([16, 16, 16]);
		expect(planChain({ startSeconds: 8, targetSeconds: 40 }, contract)).toEqual([16, 16]);
		expect(planChain({ startSeconds: 4, targetSeconds: 120 }, contract)).toEqual([20, 20, 20, 20, 20, 16]);
		expect(planChain({ startSeconds: 12, targetSeconds: 12 }, contract)).toEqual([]);
	});

	it('overshoots as little as the steps allow, never past the total', () => {
		expect(planChain({ startSeconds: 12, targetSeconds: 30 }, contract)).toEqual([20]);
		expect(planChain({ startSeconds: 12, targetSeconds: 117 }, contract)).toEqual([20, 20, 20, 16, 16, 16]);
	});

	it('plans fixed steps (Veo-style 7 s) where a server publishes one', () => {
		const veo: ContinuationLimits = { steps: [7], maxContinuations: 20, maxTotalSeconds: 148, source: 'fixed 7 s steps' };
		expect(planChain({ startSeconds: 8, targetSeconds: 60 }, veo)).toEqual(Array(8).fill(7));
	});

	it('counts the continuations a resumed video already has', () => {
		expect(() => planChain({ startSeconds: 28, targetSeconds: 60, continuationsUsed: 5 }, contract)).toThrow(
			/^Target Length \(Seconds\): 60 s cannot be reached from 28 s within 1 continuation\(s\)/,
		);
	});

	it('refuses a target over the total, or one no plan reaches, naming the field and the limits', () => {
		expect(() => planChain({ startSeconds: 12, targetSeconds: 121 }, contract)).toThrow(
			'Target Length (Seconds): 121 s is longer than the 120 s a continued video may reach (the contract); nothing was sent',
		);
		const few: ContinuationLimits = { steps: [4, 6, 8], maxContinuations: 6, maxTotalSeconds: 120, source: 'published durations' };
		expect(() => planChain({ startSeconds: 8, targetSeconds: 64 }, few)).toThrow(/within 6 continuation\(s\) of 4\/6\/8 s and 120 s in all/);
		expect(() => planChain({ startSeconds: 8, targetSeconds: 20 }, { ...few, steps: [] })).toThrow(/publishes no durations/);
	});
});
