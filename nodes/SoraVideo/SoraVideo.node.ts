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
				let models: Array<{ id: string; name?: string }> = SORA_MODELS.map((id) => ({ id }));
				try {
					const served = (await listModels(this)).filter((model) => model.id);
					const ids = new Set(served.map((model) => model.id));
					// Named lists (OpenRouter's video models) are complete; bare id lists get Sora's ids too.
					if (served.length) models = served.some((m) => m.name) ? served : [...served, ...models.filter((m) => !ids.has(m.id))];
				} catch {
					// No model list on this server: the known Sora ids and the ID mode remain.
				}
				const wanted = filter?.toLowerCase();
				return {
					results: models
						.filter(({ id, name }) => !wanted || `${id} ${name ?? ''}`.toLowerCase().includes(wanted))
						.map(({ id, name }) => ({ name: name ? `${name} (${id})` : id, value: id })),
				};
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
