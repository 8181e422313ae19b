/** The character operations, on servers that have characters. */
import { endpointFor } from './dialects';
import type { InputFile, SoraCharacter, SoraContext } from './types';

export async function createCharacter(
	ctx: SoraContext,
	fields: { name: string; video: InputFile },
	itemIndex: number,
): Promise<SoraCharacter> {
	return await (await endpointFor(ctx, 'characters', 'createCharacter', itemIndex))(ctx, fields, itemIndex);
}

export async function getCharacter(ctx: SoraContext, characterId: string, itemIndex?: number): Promise<SoraCharacter> {
	return await (await endpointFor(ctx, 'characters', 'getCharacter', itemIndex))(ctx, characterId, itemIndex);
}
