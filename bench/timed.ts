// The timed workflow of the timing scenarios: Create, Wait for Completion, Download Video, with
// the prompt from each input item, through n8n-core's WorkflowExecute (test/harness).
import type { INodeExecutionData } from 'n8n-workflow';

import { runWorkflow, type RunResult } from '../test/harness';
import { credentialsFor, soraNode, type Emulator } from './lib';

export function createWorkflow(concurrency: number) {
	return soraNode({
		operation: 'create',
		prompt: '={{ $json.prompt }}',
		waitForCompletion: true,
		// Poll Interval stays at its default (10 s): the node must follow the server's hint.
		concurrency,
		options: { downloadVideo: true },
	});
}

export const prompts = (count: number, label: string) =>
	Array.from({ length: count }, (_, i) => ({ json: { prompt: `${label} ${i + 1}: a lighthouse at dusk, slow pan` } }));

export interface TimedRun {
	wallMs: number;
	items: INodeExecutionData[];
	result: RunResult;
}

export async function timedRun(emulator: Emulator, count: number, concurrency: number, label: string): Promise<TimedRun> {
	const started = performance.now();
	const result = await runWorkflow({
		nodes: [createWorkflow(concurrency)],
		credentials: credentialsFor(emulator),
		inputItems: prompts(count, label),
	});
	const wallMs = performance.now() - started;
	if (result.error) throw new Error(`${label}: workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	const items = result.outputs.Sora ?? [];
	if (items.length !== count) throw new Error(`${label}: ${items.length} output items, expected ${count}`);
	items.forEach((item, i) => {
		const bytes = item.binary?.data?.bytes ?? 0;
		if (item.json.status !== 'completed' || !(bytes > 0)) {
			throw new Error(`${label}: item ${i} is ${String(item.json.status)} with ${bytes} MP4 bytes`);
		}
	});
	return { wallMs, items, result };
}

