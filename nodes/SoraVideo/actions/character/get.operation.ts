import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { checkId } from '../../helpers/validation';
import { getCharacter } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Character ID',
		name: 'characterId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'char_123',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['character'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const characterId = checkId(this.getNodeParameter('characterId', itemIndex), 'Character ID');
	return [{ json: await getCharacter(this, characterId, itemIndex) }];
}
