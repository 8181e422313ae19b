/** The /videos/characters endpoints. */
import { refuseOn } from './dialect';
import { soraRequest } from './request';
import type { InputFile, SoraCharacter, SoraContext } from './types';

export async function createCharacter(
	ctx: SoraContext,
	fields: { name: string; video: InputFile },
	itemIndex: number,
): Promise<SoraCharacter> {
	await refuseOn(ctx, 'openrouter', 'characters', itemIndex);
	const request = { method: 'POST', path: '/videos/characters', kind: 'create', multipart: fields, itemIndex } as const;
	return (await soraRequest<SoraCharacter>(ctx, request)).body;
}

export async function getCharacter(ctx: SoraContext, characterId: string, itemIndex?: number): Promise<SoraCharacter> {
	await refuseOn(ctx, 'openrouter', 'characters', itemIndex);
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
