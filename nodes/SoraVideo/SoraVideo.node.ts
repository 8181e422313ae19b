import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as character from './actions/character';
import { router } from './actions/router';
import * as video from './actions/video';
import { durations, extensionDurations, sizes } from './methods/loadOptions';
import { searchModels } from './methods/listSearch';

export class SoraVideo implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sora Video',
		name: 'soraVideo',
		icon: { light: 'file:../../icons/sora.svg', dark: 'file:../../icons/sora.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Generate, remix, edit, extend and download AI videos with the OpenAI Videos (Sora) API or any compatible server',
		defaults: { name: 'Sora Video' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'soraApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Video', value: 'video' },
					{ name: 'Character', value: 'character' },
				],
				default: 'video',
			},
			...video.description,
			...character.description,
		],
	};

	methods = {
		listSearch: { searchModels },
		loadOptions: { durations, extensionDurations, sizes },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
