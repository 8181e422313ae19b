/** The model list, for the Model field's search, and the published capabilities requests are checked and priced against. */
import { dialectFor } from './dialects';
import type { ModelCapabilities } from './dialects/types';
import type { SoraContext } from './types';

/** The server's model list (names where the server gives them). */
export async function listModels(ctx: SoraContext): Promise<Array<{ id: string; name?: string }>> {
	return await (await dialectFor(ctx)).listModels(ctx);
}

/** The video models with their capabilities and prices, where the server publishes them; else undefined. */
export async function publishedModels(ctx: SoraContext, itemIndex?: number): Promise<ModelCapabilities[] | undefined> {
	return await (await dialectFor(ctx)).publishedModels?.(ctx, itemIndex);
}
