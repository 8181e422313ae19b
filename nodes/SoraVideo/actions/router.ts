/**
 * The item loop: checks every item before the first paid request, runs items side by side
 * up to the Concurrency option, keeps output order and pairedItem, and applies the error
 * policy (Continue On Fail, item index on errors, no started job ever dropped).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../descriptions/options';
import { readOptions } from '../helpers/parameters';
import { InputError } from '../helpers/validation';
import { CancelledError } from '../transport';
import { operations as characterOperations } from './character';
import type { Operation } from './types';
import { operations as videoOperations } from './video';

const resources: Record<string, Record<string, Operation>> = {
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

function videoOf(error: Error): IDataObject | undefined {
	return (error as Error & { context?: IDataObject }).context?.video as IDataObject | undefined;
}

/** The Continue On Fail item: the job as last seen (when there is one) with the error. */
function errorItem(error: Error, itemIndex: number): INodeExecutionData {
	const video = videoOf(error);
	const description = (error as Error & { description?: string }).description;
	const details: IDataObject = { message: error.message };
	if (description) details.description = description;
	if (video) {
		const jobError = video.error as IDataObject | null | undefined;
		return { json: { ...video, error: { ...(jobError ?? {}), ...details } }, pairedItem: { item: itemIndex } };
	}
	return { json: { error: error.message, ...(description ? { description } : {}) }, pairedItem: { item: itemIndex } };
}

/** Ids of jobs that other items started, so that a failing run still hands them over. */
function startedVideoIds(results: Array<ItemResult | undefined>, exceptIndex: number): string[] {
	const ids: string[] = [];
	results.forEach((result, index) => {
		if (!result || index === exceptIndex) return;
		if (result.ok) {
			for (const item of result.items) if (typeof item.json.id === 'string' && item.json.object === 'video') ids.push(item.json.id);
		} else {
			const id = videoOf(result.error)?.id;
			if (typeof id === 'string') ids.push(id);
		}
	});
	return ids;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const continueOnFail = this.continueOnFail();
	const results: Array<ItemResult | undefined> = new Array(items.length);

	// Phase 1: check every item before any request that could cost money.
	const prepared: unknown[] = new Array(items.length);
	if (operation.prepare) {
		for (let i = 0; i < items.length; i++) {
			try {
				prepared[i] = await operation.prepare.call(this, i);
			} catch (error) {
				const nodeError = asNodeError(this, error, i);
				if (!continueOnFail) throw nodeError;
				results[i] = { ok: false, error: nodeError };
			}
		}
	}

	// Phase 2: run the items side by side, in input order of start.
	const concurrency = Math.max(1, Math.floor(readOptions(this, 0).concurrency ?? DEFAULT_CONCURRENCY));
	let next = 0;
	let stop = false;
	const worker = async () => {
		while (!stop && next < items.length) {
			const i = next++;
			if (results[i]) continue;
			try {
				const output = await operation.execute.call(this, i, prepared[i]);
				results[i] = { ok: true, items: output.map((item) => ({ ...item, pairedItem: { item: i } })) };
			} catch (error) {
				results[i] = { ok: false, error: asNodeError(this, error, i) };
				// Without Continue On Fail the run will fail: start nothing new, let running jobs settle.
				if (!continueOnFail) stop = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));

	const output: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		const result = results[i];
		if (!result) continue;
		if (result.ok) output.push(...result.items);
		else if (continueOnFail) output.push(errorItem(result.error, i));
		else {
			const others = startedVideoIds(results, i);
			if (others.length) {
				const error = result.error as Error & { description?: string };
				error.description = `${error.description ? `${error.description} ` : ''}Other videos started in this run: ${others.join(', ')}.`;
				this.logger.warn(`Sora Video: run failed; videos started in it: ${others.join(', ')}`);
			}
			throw result.error;
		}
	}
	return [output];
}
