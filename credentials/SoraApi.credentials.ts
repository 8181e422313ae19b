import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION } from '../nodes/SoraVideo/transport/baseUrl';

/**
 * Hides the OpenAI-only fields from an OpenRouter credential: the Dialect set to OpenRouter, or
 * left on Auto with an openrouter.ai Base URL (a hide rule matches when any of its keys does).
 */
const OPENROUTER = {
	dialect: ['openrouter'],
	baseUrl: [{ _cnd: { includes: 'openrouter.ai' } }],
};

/**
 * The key goes in `Authorization: Bearer` (OpenAI, gateways) or in `api-key` (Azure OpenAI).
 * n8n resolves expressions in header names too, so one entry picks the header: a second
 * entry for the other scheme would be sent empty.
 */
export class SoraApi implements ICredentialType {
	name = 'soraApi';

	displayName = 'Sora API';

	icon = { light: 'file:../icons/sora.svg', dark: 'file:../icons/sora.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-sora-video/n8n-nodes-sora-video#credential-sora-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.openai.com/v1',
			required: true,
			description:
				'Root of the /videos API. OpenAI retired its hosted Videos API on 2026-09-24: point this at a compatible server, e.g. https://my-litellm.example.com/v1 or https://RESOURCE.openai.azure.com/openai/v1.',
		},
		{
			displayName: 'Dialect',
			name: 'dialect',
			type: 'options',
			options: [
				{ name: 'Auto (From Base URL)', value: 'auto', description: 'OpenRouter for openrouter.ai, OpenAI Videos otherwise' },
				{ name: 'OpenAI Videos', value: 'openai', description: 'The /videos API of OpenAI, Azure and LiteLLM: JSON bodies, multipart when a file is uploaded' },
				{ name: 'OpenRouter Videos', value: 'openrouter', description: 'JSON /api/v1/videos API of OpenRouter and look-alikes' },
			],
			default: 'auto',
			description: 'The wire format of the server; the node\'s operations stay the same',
		},
		{
			displayName: 'Send Key As',
			name: 'authType',
			type: 'options',
			options: [
				{ name: 'Authorization: Bearer', value: 'bearer', description: 'Most servers: OpenAI, OpenRouter, LiteLLM, gateways' },
				{ name: 'Api-Key Header (Azure OpenAI)', value: 'apiKeyHeader' },
			],
			default: 'bearer',
			displayOptions: { hide: OPENROUTER },
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description: 'Sent as OpenAI-Organization when set',
			displayOptions: { hide: OPENROUTER },
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Sent as OpenAI-Project when set',
			displayOptions: { hide: OPENROUTER },
		},
		{
			displayName: 'Extra Headers',
			name: 'extraHeaders',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: 'X-Gateway-Route: video',
			description: 'Headers some gateways want, one "Name: value" per line',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'Only for the Sora Video Trigger: the secret of the webhook endpoint in your provider dashboard (whsec_... for Standard Webhooks, the signing secret as given for OpenRouter)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'={{ $credentials.authType === "apiKeyHeader" ? "api-key" : "Authorization" }}':
					'={{ $credentials.authType === "apiKeyHeader" ? $credentials.apiKey : "Bearer " + $credentials.apiKey }}',
			},
		},
	};

	// A cheap authenticated call; the Base URL is normalised by the node's own rules (transport/baseUrl.ts).
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			// OpenRouter has no video list; its key-info route is authenticated (401 on a bad key), so the key itself is tested.
			url: '={{ $credentials.dialect === "openrouter" || ($credentials.dialect !== "openai" && /^https?:\\/\\/([^\\/]+\\.)?openrouter\\.ai(\\/|$)/i.test($credentials.baseUrl.trim())) ? "/key" : "/videos" }}',
			qs: { limit: 1 },
		},
		// n8n shows only the HTTP reason phrase otherwise ("Unauthorized"), which says nothing of why.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The server rejected the API key (HTTP 401). Check the key and Send Key As: Azure OpenAI wants the Api-Key header, OpenAI and gateways Authorization: Bearer.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Videos API at this Base URL (HTTP 404). It should be the API root, e.g. https://api.openai.com/v1 or https://RESOURCE.openai.azure.com/openai/v1.',
				},
			},
		],
	};
}
