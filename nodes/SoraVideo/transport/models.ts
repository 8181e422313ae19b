/** The model list, for the Model field's search. */
import { readDialect } from './dialect';
import { videoModels } from './dialects/openrouterApi';
import { soraRequest } from './request';
import type { ModelCapabilities } from './dialects/types';
import type { SoraContext } from './types';

/** The server's model list, where it offers `GET /models`. */
export async function listModels(ctx: SoraContext): Promise<Array<{ id: string; name?: string }>> {
	// OpenRouter publishes its video models, with names, apart from its chat models.
	if ((await readDialect(ctx)) === 'openrouter') return (await videoModels(ctx)).map(({ id, name }) => ({ id, name }));
	const response = await soraRequest<{ data?: Array<{ id: string }> }>(ctx, {
		method: 'GET',
		path: '/models',
		kind: 'read',
		timeoutMs: 15_000,
	});
	return Array.isArray(response.body?.data) ? response.body.data : [];
}

/** The video models with their capabilities and prices, where the server publishes them (OpenRouter); else undefined. */
export async function publishedModels(ctx: SoraContext, itemIndex?: number): Promise<ModelCapabilities[] | undefined> {
	return (await readDialect(ctx)) === 'openrouter' ? await videoModels(ctx, itemIndex) : undefined;
}

/** Names of options the server has no field for: OpenAI's Videos API takes none of the Model Options. */
export async function unsupportedExtras(ctx: SoraContext, extraNames: string[]): Promise<string[]> {
	return (await readDialect(ctx)) === 'openrouter' ? [] : extraNames;
}
