/**
 * What a job will cost before it starts, and the run's spend cap. Prices come from the model's
 * published SKUs (OpenRouter's pricing_skus, read by family in the transport); for Sora, whose
 * servers publish none, from a default table the user can override with the Price Table option.
 * Where the SKU the job will be billed at cannot be told (the server picks the resolution, audio
 * is left to the model), the dearest SKU that could apply is used: an estimate never undercounts.
 */
import { parseSize } from '../transport';
import type { ModelCapabilities, PriceSku } from '../transport';
import { InputError } from './validation';

/** USD per second by resolution ("720p", the short side), `default` for any other. */
export type PriceEntry = Record<string, number>;

/**
 * OpenAI's list prices for the Sora models at the API's launch (2025-10-06, the pricing page's
 * Video section): sora-2 $0.10/s (720x1280, 1280x720); sora-2-pro $0.30/s at 720p, $0.50/s at
 * 1024p (1024x1792, 1792x1024). The launch list has no 1080p price: 1080x1920/1920x1080 came
 * later for sora-2-pro and are counted at $0.70/s, dearer than 1024p, so that they are never
 * under-counted. sora-2-pro at any other resolution has no price (a capped run is refused).
 * Used only for OpenAI-style servers (no published prices) and Sora model ids; the Price Table
 * replaces them.
 */
export const SORA_PRICES: Record<string, PriceEntry> = {
	'sora-2': { default: 0.1 },
	'sora-2-pro': { '720p': 0.3, '1024p': 0.5, '1080p': 0.7 },
};

export interface PricedJob {
	model: string;
	seconds?: string;
	size?: string;
	resolution?: string;
	/** The resolution is not known (the server picks it, or the source video's is not known): priced at the dearest. */
	anyResolution?: boolean;
	/** Generate Audio as sent; undefined = the model's default, not known here. */
	audio?: boolean;
	/** What the job starts from; undefined = not known. */
	input?: 'text' | 'image';
	/** A continuation of a finished job (Extend, Edit). */
	continuation?: boolean;
	/** Images sent as references (priced per image where the model says so). */
	referenceImages?: number;
}

/** The resolution a size or an explicit resolution means: "1280x720" -> "720p". */
function resolutionOf(job: PricedJob): string | undefined {
	return job.resolution || parseSize(job.size)?.resolution;
}

/** A dated Sora snapshot is priced as its family: sora-2-pro-2025-10-06 -> sora-2-pro. */
function tableEntry(table: Record<string, PriceEntry>, model: string): PriceEntry | undefined {
	return table[model] ?? table[model.replace(/-\d{4}-\d{2}-\d{2}$/, '')] ?? table[model.split('/').pop() ?? model];
}

/** A table entry as SKUs: `default` is the price for any resolution not listed. */
function tableSkus(entry: PriceEntry): PriceSku[] {
	return Object.entries(entry).map(([key, usd]) => (key === 'default' ? { name: key, unit: 'second', usd } : { name: key, unit: 'second', usd, resolution: key }));
}

interface World {
	resolution?: string;
	audio?: boolean;
	input?: 'text' | 'image';
}

/** Every combination of what the bill depends on and the job leaves open. */
function worldsOf(job: PricedJob, skus: PriceSku[]): World[] {
	const known = job.anyResolution ? undefined : resolutionOf(job);
	const published = [...new Set(skus.map((s) => s.resolution).filter((r): r is string => r !== undefined))];
	const resolutions: Array<string | undefined> = known !== undefined ? [known] : published.length ? published : [undefined];
	const audios: Array<boolean | undefined> = job.audio !== undefined ? [job.audio] : skus.some((s) => s.audio !== undefined) ? [true, false] : [undefined];
	const inputs: Array<'text' | 'image' | undefined> = job.input !== undefined ? [job.input] : skus.some((s) => s.input) ? ['text', 'image'] : [undefined];
	return resolutions.flatMap((resolution) => audios.flatMap((audio) => inputs.map((input) => ({ resolution, audio, input }))));
}

/** The SKU of `unit` a job in this world is billed at: the most specific that applies, the dearest among equals. */
function skuIn(world: World, skus: PriceSku[], unit: PriceSku['unit'], continuation: boolean): PriceSku | undefined {
	let applicable = skus.filter(
		(s) =>
			s.unit === unit &&
			(s.resolution === undefined || s.resolution === world.resolution) &&
			(s.audio === undefined || s.audio === world.audio) &&
			(s.input === undefined || s.input === world.input) &&
			(!s.continuation || continuation),
	);
	if (continuation && applicable.some((s) => s.continuation)) applicable = applicable.filter((s) => s.continuation);
	const score = (s: PriceSku) => (s.resolution ? 4 : 0) + (s.audio !== undefined ? 2 : 0) + (s.input ? 1 : 0);
	return applicable.sort((a, b) => score(b) - score(a) || b.usd - a.usd)[0];
}

/** USD for one job in one world, or undefined when nothing prices it. */
function costIn(world: World, skus: PriceSku[], job: PricedJob, seconds: number): number | undefined {
	const continuation = job.continuation === true;
	const perSecond = skuIn(world, skus, 'second', continuation);
	const perVideo = skuIn(world, skus, 'video', continuation);
	if (!perSecond && !perVideo) return undefined;
	const base = Math.max(perSecond ? perSecond.usd * seconds : 0, perVideo ? perVideo.usd : 0);
	const perImage = skuIn(world, skus, 'referenceImage', continuation);
	return base + (perImage && job.referenceImages ? perImage.usd * job.referenceImages : 0);
}

/** The prices that apply to a model: the Price Table, else the published ones, else (no published list) Sora's. */
function pricesFor(job: PricedJob, published: ModelCapabilities | undefined, overrides: Record<string, PriceEntry>): PriceSku[] | undefined {
	const override = tableEntry(overrides, job.model);
	if (override) return tableSkus(override);
	if (published) return published.prices;
	const sora = tableEntry(SORA_PRICES, job.model);
	return sora && tableSkus(sora);
}

/** Why a job has no estimate although its model is known, or undefined when one is given. */
export function unpricedWhy(job: PricedJob, published?: ModelCapabilities, overrides: Record<string, PriceEntry> = {}): string | undefined {
	if (estimateUsd(job, published, overrides) !== undefined) return undefined;
	const skus = pricesFor(job, published, overrides);
	if (skus?.length && skus.every((s) => s.unit === 'token')) {
		return `${job.model} is priced per video token, which is not known before the job; add the model to the Price Table option`;
	}
	return undefined;
}

/** USD rounded as every estimate is, to a millionth: sums of float prices stay readable. */
export const roundUsd = (value: number) => Math.round(value * 1e6) / 1e6;

/** A sum of USD amounts (a chain's segments), rounded as estimates are. */
export const sumUsd = (values: number[]) => roundUsd(values.reduce((a, b) => a + b, 0));

/**
 * USD for one job, or undefined when no price is known for its model, duration or resolution.
 * When the bill depends on what is not known, the dearest of the possibilities.
 */
export function estimateUsd(job: PricedJob, published?: ModelCapabilities, overrides: Record<string, PriceEntry> = {}): number | undefined {
	const seconds = Number(job.seconds);
	if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
	const skus = pricesFor(job, published, overrides);
	if (!skus?.length) return undefined;
	// A world no SKU prices is one the model does not offer (or a resolution it lists no price for).
	const costs = worldsOf(job, skus)
		.map((world) => costIn(world, skus, job, seconds))
		.filter((cost): cost is number => cost !== undefined);
	return costs.length ? roundUsd(Math.max(...costs)) : undefined;
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
