/**
 * The item loop: checks every item before the first paid request, runs items side by side
 * up to the Concurrency option, keeps output order and pairedItem, and applies the error
 * policy (Continue On Fail, item index on errors, no started job ever dropped).
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ExecutionBaseError, NodeOperationError } from 'n8n-workflow';

import { readConcurrency } from '../helpers/parameters';
import { InputError } from '../helpers/validation';
import { JobError } from '../jobs';
import { CancelledError } from '../transport';
import { errorItem } from './errorItem';
import { operations as characterOperations } from './character';
import type { Operation, OperationMap } from './types';
import { operations as videoOperations } from './video';

const resources: Record<string, OperationMap> = {
	video: videoOperations,
	character: characterOperations,
};

type ItemResult = { ok: true; items: INodeExecutionData[] } | { ok: false; error: Error };

/** Adds the node and the item to a plain input error; API and node errors pass through. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), `${error.message} (item ${itemIndex})`, { itemIndex });
	}
	if (error instanceof CancelledError) {
		return new NodeOperationError(ctx.getNode(), error.message, { itemIndex });
	}
	return error instanceof Error ? error : new NodeOperationError(ctx.getNode(), String(error), { itemIndex });
}

/** Ids of jobs that other items started, so that a failing run still hands them over. */
function startedVideoIds(results: Array<ItemResult | undefined>, exceptIndex: number): string[] {
	const ids: string[] = [];
	results.forEach((result, index) => {
		if (!result || index === exceptIndex) return;
		if (result.ok) {
			for (const item of result.items) if (typeof item.json.id === 'string' && item.json.object === 'video') ids.push(item.json.id);
		} else if (result.error instanceof JobError && typeof result.error.video.id === 'string') {
			ids.push(result.error.video.id);
		}
	});
	return ids;
}

function findOperation(ctx: IExecuteFunctions): Operation<unknown> {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	return operation;
}

/** Phase 1: check every item before any request that could cost money. */
async function prepareAll(ctx: IExecuteFunctions, operation: Operation<unknown>, results: Array<ItemResult | undefined>) {
	const prepared: unknown[] = new Array(results.length);
	if (!operation.prepare) return prepared;
	for (let i = 0; i < results.length; i++) {
		try {
			prepared[i] = await operation.prepare.call(ctx, i);
		} catch (error) {
			const nodeError = asNodeError(ctx, error, i);
			if (!ctx.continueOnFail()) throw nodeError;
			results[i] = { ok: false, error: nodeError };
		}
	}
	return prepared;
}

/** Phase 2: run the items side by side, started in input order. */
async function runAll(
	ctx: IExecuteFunctions,
	operation: Operation<unknown>,
	prepared: unknown[],
	results: Array<ItemResult | undefined>,
) {
	const concurrency = Math.max(1, Math.floor(readConcurrency(ctx)));
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	let stop = false;
	const worker = async () => {
		while (!stop && next < results.length) {
			const i = next++;
			if (results[i]) continue;
			try {
				const output = await operation.execute.call(ctx, i, prepared[i]);
				results[i] = { ok: true, items: output.map((item) => ({ ...item, pairedItem: { item: i } })) };
			} catch (error) {
				results[i] = { ok: false, error: asNodeError(ctx, error, i) };
				// Without Continue On Fail the run will fail: start nothing new, let running jobs settle.
				if (!continueOnFail) stop = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, results.length) }, worker));
}

/** Phase 3: the output in input order, or the first error with the jobs other items started. */
function collect(ctx: IExecuteFunctions, results: Array<ItemResult | undefined>): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (let i = 0; i < results.length; i++) {
		const result = results[i];
		if (!result) continue;
		if (result.ok) output.push(...result.items);
		else if (ctx.continueOnFail()) output.push(errorItem(result.error, i));
		else {
			const others = startedVideoIds(results, i);
			if (others.length) {
				const error = result.error;
				const note = `Other videos started in this run: ${others.join(', ')}.`;
				if (error instanceof ExecutionBaseError) error.description = [error.description, note].filter(Boolean).join(' ');
				ctx.logger.warn(`Sora Video: run failed; videos started in it: ${others.join(', ')}`);
			}
			throw result.error;
		}
	}
	return output;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = findOperation(this);
	const results: Array<ItemResult | undefined> = new Array(this.getInputData().length);
	const prepared = await prepareAll(this, operation, results);
	operation.checkBatch?.call(this, prepared);
	await runAll(this, operation, prepared, results);
	return [collect(this, results)];
}
