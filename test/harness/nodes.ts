// Small builders for test workflows.
import type { NodeSpec } from './workflow';

/** The node with "On Error: Continue" (n8n's node setting onError = continueRegularOutput). */
export function continueOnFail<T extends NodeSpec>(node: T): T {
	return { ...node, onError: 'continueRegularOutput' };
}
