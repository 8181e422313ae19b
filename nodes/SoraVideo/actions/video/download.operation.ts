import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { downloadToBinary } from '../../jobs';
import { outputBinaryField, videoIdField } from '../../descriptions/fields';
import { concurrencyProperty, earlierOptions } from '../../descriptions/options';
import { readBinaryPropertyName } from '../../helpers/parameters';
import type { VideoVariant } from '../../transport';
import { checkId } from '../../helpers/validation';

const properties: INodeProperties[] = [
	videoIdField('ID of a completed video'),
	{
		displayName: 'Variant',
		name: 'variant',
		type: 'options',
		options: [
			{ name: 'Video (MP4)', value: 'video' },
			{ name: 'Thumbnail (WebP)', value: 'thumbnail' },
			{ name: 'Spritesheet (JPEG)', value: 'spritesheet' },
		],
		default: 'video',
		description: 'Which asset to download. Assets expire about an hour after the video completes.',
	},
	outputBinaryField('Where the downloaded file goes'),
	concurrencyProperty,
	earlierOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['download'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const videoId = checkId(this.getNodeParameter('videoId', itemIndex), 'Video ID');
	const variant = this.getNodeParameter('variant', itemIndex, 'video') as VideoVariant;
	const property = readBinaryPropertyName(this, itemIndex);
	const warnings: string[] = [];
	const binary = await downloadToBinary(this, videoId, variant, itemIndex, warnings);
	const json = { id: videoId, variant, fileName: binary.fileName, mimeType: binary.mimeType, bytes: binary.bytes };
	return [
		{
			json: warnings.length ? { ...json, warnings } : json,
			binary: { [property]: binary },
		},
	];
}
