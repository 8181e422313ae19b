import type {
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeListSearchResult,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as character from './actions/character';
import { router } from './actions/router';
import * as video from './actions/video';
import { SORA_MODELS } from './helpers/validation';
import { listModels } from './transport';

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
		listSearch: {
			/** The server's models where it offers GET /models, else Sora's own ids; free text stays possible. */
			async searchModels(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
				let ids: string[] = [...SORA_MODELS];
				try {
					const served = (await listModels(this)).map((model) => model.id).filter(Boolean);
					if (served.length) ids = [...new Set([...served, ...ids])];
				} catch {
					// No model list on this server: the known Sora ids and the ID mode remain.
				}
				const wanted = filter?.toLowerCase();
				return {
					results: ids
						.filter((id) => !wanted || id.toLowerCase().includes(wanted))
						.map((id) => ({ name: id, value: id })),
				};
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
