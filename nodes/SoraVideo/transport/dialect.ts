/**
 * Which wire format the server speaks. The credential's Dialect setting decides; "auto" picks
 * OpenRouter's for an openrouter.ai Base URL and OpenAI's for everything else. Nothing above
 * the transport asks this: operations speak one neutral request and read one neutral job.
 */
import { NodeOperationError } from 'n8n-workflow';

import { dialectOf, readCredentials } from './config';
import type { Dialect } from './config';
import type { SoraContext } from './types';

export { dialectOf };
export type { Dialect };

export const DIALECT_NAMES: Record<Dialect, string> = { openai: 'OpenAI Videos', openrouter: 'OpenRouter Videos' };

export async function readDialect(ctx: SoraContext): Promise<Dialect> {
	return dialectOf(await readCredentials(ctx));
}

/** What to use instead of each operation OpenRouter's Videos API does not have. */
const INSTEAD = {
	'list videos': 'keep the job IDs that Create returns (or use the Sora Video Trigger with a callback URL)',
	'delete a video': 'nothing: OpenRouter removes outputs on its own when they expire',
	remix: 'Create with a new prompt, or Extend where the model supports continuation',
	'edit with an uploaded video': 'Edit or Extend with the Video ID of a finished OpenRouter job',
	'extend an uploaded video': 'Extend with the Video ID of a finished OpenRouter job',
	characters: 'Create with a first frame (Input Reference) to keep a look consistent',
	'thumbnail and spritesheet downloads': 'the Video variant; OpenRouter serves only the MP4',
} satisfies Record<string, string>;

/** An operation some dialect has not got, by the words the refusal uses. */
export type MissingOperation = keyof typeof INSTEAD;

/** The refusal of an operation the dialect's server cannot do, for a caller that knows the dialect. */
export function refusal(ctx: SoraContext, dialect: Dialect, what: MissingOperation, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${DIALECT_NAMES[dialect]} has no ${what}; nothing was sent`, {
		itemIndex,
		description: `Use instead: ${INSTEAD[what]}. The credential's Dialect setting chooses the API.`,
	});
}

/** Refuses, before any request, an operation the credential's server cannot do. */
export async function refuseOn(ctx: SoraContext, dialect: Dialect, what: MissingOperation, itemIndex?: number) {
	if ((await readDialect(ctx)) === dialect) throw refusal(ctx, dialect, what, itemIndex);
}
