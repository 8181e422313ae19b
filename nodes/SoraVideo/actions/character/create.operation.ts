import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { InputFile } from '../../transport';
import { readInputVideo } from '../../helpers/parameters';
import { checkCharacterName } from '../../helpers/validation';
import { createCharacter, requireFeature } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Character Name',
		name: 'characterName',
		type: 'string',
		default: '',
		required: true,
		description: 'Display name of the character (1 to 80 characters)',
	},
	{
		displayName: 'Input Binary Field',
		name: 'videoBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the video of the character',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['character'], operation: ['create'] } }, properties);

export interface CharacterRequest {
	name: string;
	video: InputFile;
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<CharacterRequest> {
	// Before the video is read: some servers have no characters.
	await requireFeature(this, 'characters', itemIndex);
	const name = checkCharacterName(this.getNodeParameter('characterName', itemIndex));
	const property = this.getNodeParameter('videoBinaryProperty', itemIndex) as string;
	return { name, video: await readInputVideo(this, itemIndex, property) };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	request: CharacterRequest,
): Promise<INodeExecutionData[]> {
	return [{ json: await createCharacter(this, request, itemIndex) }];
}
