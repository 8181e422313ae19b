/**
 * How far a server lets a finished video be continued: the seconds one continuation may add,
 * how many continuations one video may have, and its longest stitched total. Each dialect
 * answers from what it publishes; the chain planner above the transport only reads the answer.
 */
import { readDialect } from './dialect';
import type { ModelCapabilities } from './dialects/types';
import type { SoraContext } from './types';

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
 * video, 120 s in all; the answer's `seconds` is the stitched total.
 */
const CONTRACT: ContinuationLimits = {
	steps: [4, 8, 12, 16, 20],
	maxContinuations: 6,
	maxTotalSeconds: 120,
	source: 'the Videos API contract (POST /videos/extensions)',
};

/**
 * The limits for continuing a video of `model` (its published entry, where the server publishes
 * one). A server that continues by job id (previous_job_id) takes the model's own published
 * durations for each step; it publishes no count or total, so the contract's apply there.
 */
export async function continuationLimits(ctx: SoraContext, model?: ModelCapabilities): Promise<ContinuationLimits> {
	if ((await readDialect(ctx)) === 'openai' || !model) return CONTRACT;
	const steps = [...(model.durations ?? [])].filter((s) => Number.isInteger(s) && s > 0).sort((a, b) => a - b);
	return {
		steps,
		maxContinuations: CONTRACT.maxContinuations,
		maxTotalSeconds: CONTRACT.maxTotalSeconds,
		source: `${model.id}'s published durations (${steps.join(', ') || 'none'} s per continuation) and the contract's count and total`,
	};
}
