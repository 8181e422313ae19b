/**
 * The plan of a long video: the seconds of each continuation that takes a video from its
 * current length to the Target Length, within the server's limits. Pure and deterministic, so
 * the whole chain is checked and priced before the first paid request, and a resumed chain
 * plans the rest the same way.
 */
import type { ContinuationLimits } from '../transport';
import { InputError } from './validation';

export interface ChainWanted {
	/** Seconds of the video the chain continues from (the first clip, or the resumed video). */
	startSeconds: number;
	targetSeconds: number;
	/** Continuations the starting video already has, where known (0 for a fresh chain). */
	continuationsUsed?: number;
}

/** Reached total, count, then spread (max - min): smaller is better, in that order. */
type Score = [number, number, number];

function better(a: Score, b: Score | undefined): boolean {
	if (!b) return true;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
	return false;
}

/**
 * The continuation seconds, largest first: the plan that overshoots the target least, then the
 * one with the fewest continuations, then the most even steps (16+16+16 rather than 20+20+8).
 * Throws an InputError naming Target Length when no plan fits the limits.
 */
export function planChain(wanted: ChainWanted, limits: ContinuationLimits): number[] {
	const { startSeconds, targetSeconds } = wanted;
	const field = 'Target Length (Seconds)';
	if (!Number.isInteger(targetSeconds) || targetSeconds <= 0) throw new InputError(field, `must be a whole number of seconds (got ${targetSeconds})`);
	if (targetSeconds > limits.maxTotalSeconds) {
		throw new InputError(field, `${targetSeconds} s is longer than the ${limits.maxTotalSeconds} s a continued video may reach (${limits.source}); nothing was sent`);
	}
	const remaining = targetSeconds - startSeconds;
	if (remaining <= 0) return [];
	const allowed = limits.maxContinuations - (wanted.continuationsUsed ?? 0);
	const steps = [...limits.steps].sort((a, b) => b - a);
	if (!steps.length) throw new InputError(field, `the model publishes no durations to continue a video with (${limits.source}); nothing was sent`);
	const ceiling = limits.maxTotalSeconds - startSeconds;
	let best: { plan: number[]; score: Score } | undefined;
	const search = (plan: number[], sum: number, from: number) => {
		if (sum >= remaining) {
			const score: Score = [sum, plan.length, plan[0] - plan[plan.length - 1]];
			if (better(score, best?.score)) best = { plan: [...plan], score };
			return;
		}
		if (plan.length >= allowed) return;
		for (let i = from; i < steps.length; i++) {
			if (sum + steps[i] > ceiling) continue;
			plan.push(steps[i]);
			search(plan, sum + steps[i], i);
			plan.pop();
		}
	};
	search([], 0, 0);
	if (!best) {
		throw new InputError(
			field,
			`${targetSeconds} s cannot be reached from ${startSeconds} s within ${Math.max(0, allowed)} continuation(s) of ${steps.slice().reverse().join('/')} s ` +
				`and ${limits.maxTotalSeconds} s in all (${limits.source}); nothing was sent`,
		);
	}
	return best.plan;
}
