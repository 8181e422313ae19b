/** The model search of Model and Source Model: the server's list, video models first, Sora's ids where the server has no list. */
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SORA_MODELS } from '../helpers/validation';
import { listModels } from '../transport';
import type { ListedModel } from '../transport';

const soraModels = (): ListedModel[] => SORA_MODELS.map((id) => ({ id, video: true }));

/**
 * A named list (published video models) is complete. A bare id list gets Sora's ids after its
 * own video models; its other models (chat, image, audio) come last. No list: Sora's ids.
 */
async function offeredModels(ctx: ILoadOptionsFunctions): Promise<ListedModel[]> {
	let served: ListedModel[] = [];
	try {
		served = await listModels(ctx);
	} catch {
		// No model list on this server: the known Sora ids and the ID mode remain.
	}
	if (!served.length) return soraModels();
	if (served.some((m) => m.name)) return served;
	const ids = new Set(served.map((m) => m.id));
	const video = served.filter((m) => m.video);
	return [...video, ...soraModels().filter((m) => !ids.has(m.id)), ...served.filter((m) => !m.video)];
}

export async function searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const wanted = filter?.toLowerCase();
	const models = (await offeredModels(this)).filter(({ id, name }) => !wanted || `${id} ${name ?? ''}`.toLowerCase().includes(wanted));
	return {
		results: models.map(({ id, name, video }) => ({
			name: name ? `${name} (${id})` : video ? id : `${id} (not a known video model)`,
			value: id,
		})),
	};
}
