/**
 * OpenRouter's `pricing_skus`, read by family rather than by one example name. The docs' example
 * names `per-video-second` / `per-video-second-1080p`; the live catalog names SKUs such as
 * `duration_seconds`, `duration_seconds_with_audio_720p`, `duration_seconds_without_audio_4k`,
 * `text_to_video_duration_seconds_720p`, `image_to_video_duration_seconds_1080p`,
 * `cents_per_second_output_1080p`, `cents_per_second_video_continuation_720p`, `generate` (per
 * video), `video_tokens` and `reference_images`. Each name becomes a neutral PriceSku: its unit,
 * USD (cents divided by 100) and the qualifiers it carries (resolution, audio, input, continuation).
 */
import type { PriceSku } from './types';

const RESOLUTION_WORDS: Record<string, string> = { '4k': '2160p', '2k': '1440p', '8k': '4320p', hd: '720p', fhd: '1080p' };

function unitOf(words: string[]): PriceSku['unit'] | undefined {
	if (words.some((w) => w === 'token' || w === 'tokens')) return 'token';
	if (words.some((w) => w === 'second' || w === 'seconds' || w === 'sec')) return 'second';
	if (words.includes('reference') && words.some((w) => w === 'image' || w === 'images')) return 'referenceImage';
	if (words.some((w) => w === 'generate' || w === 'generation' || w === 'video' || w === 'videos' || w === 'clip')) return 'video';
	return undefined;
}

/** One SKU name and price; undefined for a name of no known family or a price that is not a number. */
export function readSku(name: string, value: unknown): PriceSku | undefined {
	const raw = typeof value === 'string' ? Number(value.trim()) : typeof value === 'number' ? value : NaN;
	if (!Number.isFinite(raw) || raw < 0) return undefined;
	const lower = name.toLowerCase();
	const words = lower.split(/[^a-z0-9]+/).filter(Boolean);
	const unit = unitOf(words);
	if (!unit) return undefined;
	const sku: PriceSku = { name, unit, usd: words.includes('cents') || words.includes('cent') ? raw / 100 : raw };
	const resolution = words.map((w) => (/^\d{3,4}p$/.test(w) ? w : RESOLUTION_WORDS[w])).find(Boolean);
	if (resolution) sku.resolution = resolution;
	if (/without_audio|no_audio|silent/.test(lower)) sku.audio = false;
	else if (/with_audio|audio/.test(lower)) sku.audio = true;
	if (/image_to_video|with_image/.test(lower)) sku.input = 'image';
	else if (/text_to_video/.test(lower)) sku.input = 'text';
	else if (/video_input|video_to_video|with_video/.test(lower)) sku.input = 'video';
	if (words.includes('continuation') || words.includes('extension') || words.includes('extend')) sku.continuation = true;
	return sku;
}

/** Every SKU of a model entry that belongs to a known family. */
export function readPricingSkus(skus: unknown): PriceSku[] {
	if (!skus || typeof skus !== 'object' || Array.isArray(skus)) return [];
	return Object.entries(skus as Record<string, unknown>).flatMap(([name, value]) => readSku(name, value) ?? []);
}
