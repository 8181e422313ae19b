/** The /videos/characters endpoints. */
import { soraRequest } from './request';
import type { SoraCharacter, SoraContext, UploadFile } from './types';

export async function createCharacter(
	ctx: SoraContext,
	fields: { name: string; video: UploadFile },
	itemIndex: number,
): Promise<SoraCharacter> {
	const request = { method: 'POST', path: '/videos/characters', kind: 'create', multipart: fields, itemIndex } as const;
	return (await soraRequest<SoraCharacter>(ctx, request)).body;
}

export async function getCharacter(ctx: SoraContext, characterId: string, itemIndex?: number): Promise<SoraCharacter> {
	return (
		await soraRequest<SoraCharacter>(ctx, {
			method: 'GET',
			path: `/videos/characters/${encodeURIComponent(characterId)}`,
			kind: 'read',
			itemIndex,
			subject: `Get character ${characterId}`,
		})
	).body;
}
