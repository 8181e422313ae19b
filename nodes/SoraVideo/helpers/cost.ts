/**
 * What a job will cost before it starts, and the run's spend cap. Prices come from the model's
 * published list (OpenRouter's pricing_skus, per second and resolution); for Sora, whose server
 * publishes none, from a default table the user can override with the Price Table option.
 */
import { parseSize } from '../transport';
import type { ModelCapabilities } from '../transport';
import { InputError } from './validation';

/** USD per second by resolution ("720p", the short side), `default` for any other. */
export type PriceEntry = Record<string, number>;

/**
 * OpenAI's list prices for the Sora models (USD per second of video, 2025-10). They are the
 * defaults only: gateways and Azure bill differently, so the Price Table option replaces them.
 */
export const SORA_PRICES: Record<string, PriceEntry> = {
	'sora-2': { default: 0.1 },
	'sora-2-pro': { default: 0.3, '1024p': 0.5, '1080p': 0.7 },
};

export interface PricedJob {
	model: string;
	seconds?: string;
	size?: string;
	resolution?: string;
	/** The server picks the resolution (an aspect ratio was sent without one): priced at the dearest. */
	anyResolution?: boolean;
}

/** The resolution a size or an explicit resolution means: "1280x720" -> "720p". */
function resolutionOf(job: PricedJob): string | undefined {
	return job.resolution || parseSize(job.size)?.resolution;
}

/** A dated Sora snapshot is priced as its family: sora-2-pro-2025-10-06 -> sora-2-pro. */
function tableEntry(table: Record<string, PriceEntry>, model: string): PriceEntry | undefined {
	return table[model] ?? table[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')] ?? table[model.split('/').pop() ?? model];
}

function highest(prices: PriceEntry): number | undefined {
	const values = Object.values(prices);
	return values.length ? Math.max(...values) : undefined;
}

/** USD for one job, or undefined when no price is known for its model or duration. */
export function estimateUsd(job: PricedJob, published?: ModelCapabilities, overrides: Record<string, PriceEntry> = {}): number | undefined {
	const seconds = Number(job.seconds);
	if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
	const prices = tableEntry(overrides, job.model) ?? (published ? published.pricePerSecond : tableEntry(SORA_PRICES, job.model));
	if (!prices) return undefined;
	const resolution = job.anyResolution ? undefined : resolutionOf(job);
	const perSecond = job.anyResolution ? highest(prices) : ((resolution !== undefined ? prices[resolution] : undefined) ?? prices.default);
	return perSecond === undefined ? undefined : Math.round(perSecond * seconds * 1e6) / 1e6;
}

/** The Price Table option: {"model": 0.1} or {"model": {"720p": 0.3, "default": 0.5}}. */
export function parsePriceTable(value: unknown): Record<string, PriceEntry> {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch {
			parsed = undefined;
		}
	}
	const table: Record<string, PriceEntry> = {};
	const bad = () => new InputError('Price Table (JSON)', 'must map each model to USD per second, e.g. {"sora-2": 0.1, "sora-2-pro": {"720p": 0.3, "default": 0.5}}');
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw bad();
	for (const [model, price] of Object.entries(parsed)) {
		if (typeof price === 'number' && price >= 0) table[model] = { default: price };
		else if (typeof price === 'object' && price !== null && Object.values(price).every((p) => typeof p === 'number' && p >= 0)) {
			table[model] = price as PriceEntry;
		} else throw bad();
	}
	return table;
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/**
 * One job's estimate for the cap. `model` undefined: the model is not known (Extend without
 * Source Model); `unknownWhy`: why no estimate is possible whatever the prices.
 */
export interface SpendEstimate {
	itemIndex: number;
	model?: string;
	usd: number | undefined;
	unknownWhy?: string;
	/** Jobs the estimate covers (a long video's chain); 1 when absent. */
	jobs?: number;
}

function unknownCost(job: SpendEstimate): string {
	const cause =
		job.unknownWhy ??
		(job.model === undefined
			? 'the model of the source video is not known; set Source Model'
			: `no price is known for ${job.model}; add the model to the Price Table option`);
	return `the cost of item ${job.itemIndex} cannot be estimated, so the run's cost cannot be checked: ${cause}`;
}

/** Refuses the whole batch when its estimated total is over the cap, or when a job has no estimate. */
export function checkSpend(estimates: SpendEstimate[], maxUsd: number): void {
	const unknown = estimates.find((e) => e.usd === undefined);
	if (unknown) throw new InputError('Max Spend per Run', unknownCost(unknown));
	const total = estimates.reduce((sum, e) => sum + (e.usd ?? 0), 0);
	const jobs = estimates.reduce((sum, e) => sum + (e.jobs ?? 1), 0);
	if (total > maxUsd + 1e-9) {
		throw new InputError(
			'Max Spend per Run',
			`the ${jobs} job(s) of this run are estimated at ${usd(total)}, over the limit of ${usd(maxUsd)}; no job was started`,
		);
	}
}
