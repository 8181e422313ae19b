import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from '../types';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as edit from './edit.operation';
import * as extend from './extend.operation';
import * as get from './get.operation';
import * as list from './list.operation';
import * as remix from './remix.operation';
import * as wait from './wait.operation';

export const operations: OperationMap = {
	create,
	remix,
	edit,
	extend,
	get,
	list,
	delete: del,
	download,
	wait,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['video'] } },
		options: [
			{ name: 'Create', value: 'create', action: 'Create a video', description: 'Generate a video from a prompt' },
			{ name: 'Delete', value: 'delete', action: 'Delete a video', description: 'Delete a video and its assets (not on OpenRouter)' },
			{ name: 'Download', value: 'download', action: 'Download a video', description: 'Download the MP4, thumbnail or spritesheet' },
			{ name: 'Edit', value: 'edit', action: 'Edit a video', description: 'Edit an existing video with a prompt' },
			{ name: 'Extend', value: 'extend', action: 'Extend a video', description: 'Add a new segment to a video' },
			{ name: 'Get', value: 'get', action: 'Get a video', description: 'Get the status of a video job' },
			{ name: 'List', value: 'list', action: 'List videos', description: 'List video jobs (not on OpenRouter)' },
			{ name: 'Remix', value: 'remix', action: 'Remix a video', description: 'Generate a variation of a completed video (not on OpenRouter)' },
			{
				name: 'Wait for Existing Video',
				value: 'wait',
				action: 'Wait for a video to complete',
				description: 'Wait for an existing job and download the finished MP4',
			},
		],
		default: 'create',
	},
	...create.description,
	...remix.description,
	...edit.description,
	...extend.description,
	...get.description,
	...list.description,
	...del.description,
	...download.description,
	...wait.description,
];
