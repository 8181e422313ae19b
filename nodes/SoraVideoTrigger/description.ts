/** The trigger's fields: the webhook notice, events, output and options. */
import type { INodeProperties } from 'n8n-workflow';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Register this node\'s Production URL as a webhook endpoint in your provider\'s dashboard (OpenAI: Settings → Project → Webhooks), then paste the endpoint\'s signing secret (whsec_...) into the credential\'s Webhook Signing Secret field. OpenRouter: give the URL to Sora Video Create as Model Options (OpenRouter) → Callback URL and paste your OpenRouter webhook signing secret into the same field.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Video Completed',
				value: 'video.completed',
				description: 'A video job finished and its MP4 can be downloaded (OpenRouter: video.generation.completed)',
			},
			{
				name: 'Video Failed',
				value: 'video.failed',
				description: 'A video job failed (for example moderation_blocked; OpenRouter: video.generation.failed, cancelled or expired)',
			},
		],
		default: ['video.completed', 'video.failed'],
		description: 'Events that start the workflow; other deliveries are acknowledged and ignored',
	},
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Event',
				value: 'event',
				description: 'The event as delivered: {ID, type, data: {ID}}; no API call',
			},
			{
				name: 'Video Object',
				value: 'video',
				description: 'Fetch the video object (status, prompt, error...) with the credential',
			},
			{
				name: 'Video Object and File',
				value: 'videoAndBinary',
				description: 'Fetch the video object and download the finished MP4 as binary data',
			},
		],
		default: 'video',
		description:
			'The trigger answers the provider first, then fetches; a fetch that fails still starts the run, with the video ID and an error field. The fetch runs in the process that received the delivery (a webhook process in queue mode): for large files or queue mode, choose Event and a Sora Video Download node next.',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		displayOptions: { show: { output: ['videoAndBinary'] } },
		description: 'Binary field the MP4 goes to (failed jobs have no file)',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Download Thumbnail',
				name: 'downloadThumbnail',
				type: 'boolean',
				default: false,
				displayOptions: { show: { '/output': ['videoAndBinary'] } },
				description: "Whether to also download the WebP thumbnail. OpenRouter has none: its items get the MP4 and a note in warnings.",
			},
			{
				displayName: 'Thumbnail Field',
				name: 'thumbnailBinaryPropertyName',
				type: 'string',
				default: 'thumbnail',
				displayOptions: { show: { '/output': ['videoAndBinary'], downloadThumbnail: [true] } },
				description: 'Binary field the thumbnail goes to',
			},
			{
				displayName: 'Skip Signature Check (Insecure)',
				name: 'skipSignatureCheck',
				type: 'boolean',
				default: false,
				description:
					"Whether to accept deliveries without checking their signature (Standard Webhooks' webhook-signature, or OpenRouter's X-OpenRouter-Signature). Anyone who knows the URL can then start the workflow; use only for servers that do not sign, or for local tests.",
			},
		],
	},
];
