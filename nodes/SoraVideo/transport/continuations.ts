/**
 * How far a server lets a finished video be continued: the seconds one continuation may add,
 * how many continuations one video may have, and its longest stitched total. A dialect answers
 * through Dialect.continuationLimits; these are the two answers the built-in dialects give.
 */
import type { ModelCapabilities } from './dialects/types';

export interface ContinuationLimits {
	/** The seconds one continuation may add, ascending (Veo-style servers publish one fixed step). */
	steps: number[];
	/** Continuations one video may have in all, counted from its first clip. */
	maxContinuations: number;
	/** The longest stitched total, in seconds. */
	maxTotalSeconds: number;
	/** Where the limits come from, said in refusals ("the Videos API contract"). */
	source: string;
}

/**
 * OpenAI's `POST /videos/extensions`: each extension adds 4, 8, 12, 16 or 20 s, at most 6 per
 * video, 120 s in all; the answer's `seconds` is the stitched total. Also the answer of a
 * dialect that says nothing of its own.
 */
export const CONTRACT_CONTINUATIONS: ContinuationLimits = {
	steps: [4, 8, 12, 16, 20],
	maxContinuations: 6,
	maxTotalSeconds: 120,
	source: 'the Videos API contract (POST /videos/extensions)',
};

/**
 * A server that continues a finished job by its id with the model that made it: each step is
 * one of the model's published durations; it publishes no count or total, so the contract's
 * apply.
 */
export function publishedContinuationLimits(model: ModelCapabilities | undefined): ContinuationLimits {
	if (!model) return CONTRACT_CONTINUATIONS;
	const steps = [...(model.durations ?? [])].filter((s) => Number.isInteger(s) && s > 0).sort((a, b) => a - b);
	return {
		...CONTRACT_CONTINUATIONS,
		steps,
		source: `${model.id}'s published durations (${steps.join(', ') || 'none'} s per continuation) and the contract's count and total`,
	};
}
