/**
 * The model list, for the Model fields' search, the published capabilities requests are checked
 * and priced against, and what the editor's Seconds and Size lists offer per model.
 */
import { dialectFor } from './dialects';
import { sizeFor } from './dialects/geometry';
import type { ModelCapabilities } from './dialects/types';
import type { SoraContext } from './types';

/** One entry of the model list; `video` says whether it is known to be a video model. */
export interface ListedModel {
	id: string;
	name?: string;
	video: boolean;
}

/** Ids of video model families, to put them before the chat, image and audio models of a merged /models list. */
const VIDEO_MODEL_ID = /sora|veo|video|kling|runway|gen-?[34]|seedance|hailuo|minimax|luma|ray-?\d|pika|hunyuan|ltx|mochi|cogvideo|vidu|pixverse|wan[-_.]?\d/i;

export function isVideoModelId(id: string): boolean {
	return VIDEO_MODEL_ID.test(id);
}

/**
 * The server's model list (names where the server gives them), video models first. A server
 * that publishes capabilities lists video models only; an OpenAI-style `GET /models` (OpenAI,
 * LiteLLM) lists every model, chat models included.
 */
export async function listModels(ctx: SoraContext): Promise<ListedModel[]> {
	const dialect = await dialectFor(ctx);
	const published = dialect.publishedModels !== undefined;
	const models = (await dialect.listModels(ctx))
		.filter((m) => typeof m?.id === 'string' && m.id)
		.map(({ id, name }) => ({ id, ...(name ? { name } : {}), video: published || isVideoModelId(id) }));
	return [...models.filter((m) => m.video), ...models.filter((m) => !m.video)];
}

/** The video models with their capabilities and prices, where the server publishes them; else undefined. */
export async function publishedModels(ctx: SoraContext, itemIndex?: number): Promise<ModelCapabilities[] | undefined> {
	return await (await dialectFor(ctx)).publishedModels?.(ctx, itemIndex);
}

/** The durations (whole seconds) and sizes (WxH) one model publishes, for the editor's lists. */
export interface PublishedChoices {
	durations?: number[];
	sizes?: string[];
}

/**
 * What the server publishes for `modelId`: its durations, and its sizes (or the sizes its
 * resolutions and aspect ratios make). Undefined where the server publishes no capabilities or
 * does not list the model; a list the model does not publish is left out.
 */
export async function publishedChoices(ctx: SoraContext, modelId: string): Promise<PublishedChoices | undefined> {
	const model = (await publishedModels(ctx))?.find((m) => m.id === modelId);
	if (!model) return undefined;
	const choices: PublishedChoices = {};
	if (model.durations?.length) choices.durations = model.durations;
	const sizes = model.sizes?.length ? model.sizes : sizesOf(model);
	if (sizes.length) choices.sizes = sizes;
	return choices;
}

/** Sizes from published resolutions × aspect ratios (landscape and portrait where no ratio is published). */
function sizesOf(model: ModelCapabilities): string[] {
	const ratios = model.aspectRatios?.length ? model.aspectRatios : ['16:9', '9:16'];
	const sizes = (model.resolutions ?? []).flatMap((resolution) => ratios.map((ratio) => sizeFor(resolution, ratio)));
	return [...new Set(sizes.filter((size): size is string => size !== undefined))];
}
