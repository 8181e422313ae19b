import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../types';
import * as create from './create.operation';
import * as get from './get.operation';

export const operations: OperationMap = { create, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['character'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a character',
				description: 'Create a reusable character from a video (not on OpenRouter)',
			},
			{ name: 'Get', value: 'get', action: 'Get a character', description: 'Get a character (not on OpenRouter)' },
		],
		default: 'create',
	},
	...create.description,
	...get.description,
];
