/** The model list, for the Model field's search. */
import { soraRequest } from './request';
import type { SoraContext } from './types';

/** The server's model list, where it offers `GET /models`. */
export async function listModels(ctx: SoraContext): Promise<Array<{ id: string }>> {
	const response = await soraRequest<{ data?: Array<{ id: string }> }>(ctx, {
		method: 'GET',
		path: '/models',
		kind: 'read',
		timeoutMs: 15_000,
	});
	return Array.isArray(response.body?.data) ? response.body.data : [];
}
