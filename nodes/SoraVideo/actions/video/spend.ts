/**
 * Max Spend per Run: the estimated cost of every job of one run of this node (one execute(), all
 * its input items), summed before the first request, against the user's cap. Estimates also
 * travel on the output items.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readOptions } from '../../helpers/parameters';
import { InputError } from '../../helpers/validation';
import { checkSpend, estimateUsd, parsePriceTable, unpricedWhy } from '../../helpers/cost';
import type { PricedJob } from '../../helpers/cost';
import { getVideo } from '../../transport';
import type { FieldValue, ModelCapabilities } from '../../transport';
import type { GenerateRequest } from './generate';

export const spendOptions: INodeProperties[] = [
	{
		displayName: 'Max Spend per Run (USD)',
		name: 'maxSpendUsd',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description:
			'Per run of this node (one execution, all its input items): refuse to start any job when the estimated total exceeds this; 0 means no limit. Estimates come from the prices the server publishes, or the Price Table.',
		hint: 'For the whole run: read once, from the first item',
	},
	{
		displayName: 'Price Table (JSON)',
		name: 'priceTable',
		type: 'json',
		default: '{}',
		description:
			'USD per second of video by model, replacing the defaults (Sora list prices, or the prices the server publishes), e.g. {"sora-2": 0.1, "sora-2-pro": {"720p": 0.3, "1080p": 0.7}}',
	},
];

/**
 * The job's estimated USD, from the published prices or the (overridden) Sora table, and whether
 * to put it on the output: where the server publishes prices or the user set a cap or a table
 * (Sora's default list prices alone do not change the item the API returns).
 */
export function estimateFor(ctx: IExecuteFunctions, itemIndex: number, job: PricedJob, published?: ModelCapabilities) {
	const options = readOptions(ctx, itemIndex);
	const table = parsePriceTable(options.priceTable);
	const usd = estimateUsd(job, published, table);
	const configured = Number(options.maxSpendUsd ?? 0) > 0 || Object.keys(table).length > 0;
	const costUnknownWhy = usd === undefined ? unpricedWhy(job, published, table) : undefined;
	return { estimatedCostUsd: usd, reportEstimate: usd !== undefined && (published !== undefined || configured), ...(costUnknownWhy ? { costUnknownWhy } : {}) };
}

/**
 * A continuation's estimate (Extend): billed at the source video's resolution, which is known
 * only when the source was read (sourceForCap); otherwise at the model's dearest price, an upper
 * bound that the cap counts but the item does not show.
 */
export function continuationEstimate(ctx: IExecuteFunctions, itemIndex: number, job: PricedJob, published?: ModelCapabilities) {
	const anyResolution = !job.size && !job.resolution;
	const estimate = estimateFor(ctx, itemIndex, { ...job, anyResolution, continuation: true }, published);
	return anyResolution ? { estimatedCostUsd: estimate.estimatedCostUsd, reportEstimate: false } : estimate;
}

/**
 * With a cap set, the source video given by ID is read (one free GET before any paid request)
 * for what its continuation is billed at: its size, and its model where Source Model is empty.
 */
export async function sourceForCap(ctx: IExecuteFunctions, itemIndex: number, video: FieldValue): Promise<{ size?: string; model?: string }> {
	const capped = Number(readOptions(ctx, itemIndex).maxSpendUsd ?? 0) > 0;
	const id = (video as { id?: unknown }).id;
	if (!capped || typeof id !== 'string') return {};
	let source: IDataObject;
	try {
		source = (await getVideo(ctx, id, itemIndex)).video;
	} catch {
		// Not readable here: priced as if unknown (Source Model, the dearest resolution); the request itself will say more.
		return {};
	}
	return {
		size: typeof source.size === 'string' && source.size ? source.size : undefined,
		model: typeof source.model === 'string' && source.model ? source.model : undefined,
	};
}

/**
 * An Edit's estimate. OpenRouter continues at the model's own duration, unknown beforehand: the
 * cap counts the longest duration the model publishes at its dearest price (an upper bound, not
 * put on the item). OpenAI's edit keeps the source video's duration, which nothing tells here.
 */
export function editEstimate(ctx: IExecuteFunctions, itemIndex: number, model: string | undefined, published?: ModelCapabilities) {
	const longest = published?.durations?.length ? Math.max(...published.durations) : undefined;
	if (model && published && longest) {
		const bound = estimateFor(ctx, itemIndex, { model, seconds: String(longest), anyResolution: true, continuation: true }, published);
		return { estimatedCostUsd: bound.estimatedCostUsd, reportEstimate: false };
	}
	const costUnknownWhy = published
		? `${model ?? 'the model'} publishes no durations, so the length of the edit is not known`
		: "an edit keeps the source video's duration, which is not known before the request; remove Max Spend per Run for Edit";
	return { estimatedCostUsd: undefined, costUnknownWhy };
}

/** Runs after every item is prepared and before the first request: the whole batch or nothing. */
export function checkBatch(this: IExecuteFunctions, prepared: Array<GenerateRequest | undefined>): void {
	const max = Number(readOptions(this, 0).maxSpendUsd ?? 0);
	if (!Number.isFinite(max) || max <= 0) return;
	const estimates = prepared.flatMap((request, itemIndex) =>
		request ? [{ itemIndex, model: request.pricedModel, usd: request.estimatedCostUsd, unknownWhy: request.costUnknownWhy }] : [],
	);
	try {
		checkSpend(estimates, max);
	} catch (error) {
		const message = error instanceof InputError ? error.message : String(error);
		throw new NodeOperationError(this.getNode(), message, {
			description: 'Lower the number of items, their duration or resolution, or raise Max Spend per Run.',
		});
	}
}
