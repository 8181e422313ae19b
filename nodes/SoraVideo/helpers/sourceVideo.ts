/** The source video of Edit and Extend: a video ID, or a file from the input item. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FormValue } from '../transport';
import { readInputBinary } from './binary';
import { videoIdField } from './fields';
import { InputError, checkId } from './validation';

export const sourceVideoFields = (verb: string): INodeProperties[] => [
	{
		displayName: 'Source Video',
		name: 'videoSource',
		type: 'options',
		options: [
			{ name: 'Video ID', value: 'id', description: 'A completed video on the server' },
			{ name: 'Input Binary', value: 'binary', description: 'Upload a video file from the input item' },
		],
		default: 'id',
		description: `The video to ${verb}`,
	},
	{
		...videoIdField(`ID of the completed video to ${verb}`),
		displayOptions: { show: { videoSource: ['id'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'videoBinaryProperty',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field holding the video file',
		displayOptions: { show: { videoSource: ['binary'] } },
	},
];

export async function readSourceVideo(ctx: IExecuteFunctions, itemIndex: number): Promise<FormValue> {
	const source = ctx.getNodeParameter('videoSource', itemIndex, 'id') as string;
	if (source === 'id') return { id: checkId(ctx.getNodeParameter('videoId', itemIndex), 'Video ID') };
	const property = ctx.getNodeParameter('videoBinaryProperty', itemIndex) as string;
	const file = await readInputBinary(ctx, itemIndex, property, 'Input Binary Field');
	if (file.data.length === 0) throw new InputError('Input Binary Field', `the file in "${property}" is empty`);
	return file;
}
