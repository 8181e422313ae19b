'use strict';
// Server flavours the node must cope with: OpenAI itself, Azure OpenAI's v1 API,
// a generic gateway that routes the same contract to other providers, and LiteLLM's proxy.
const litellm = require('./litellm');

const SORA_MODELS = ['sora-2', 'sora-2-pro', 'sora-2-2025-10-06', 'sora-2-pro-2025-10-06', 'sora-2-2025-12-08'];
const PRO_MODELS = new Set(['sora-2-pro', 'sora-2-pro-2025-10-06']);
const GATEWAY_MODELS = [
	'openai/sora-2',
	'openai/sora-2-pro',
	'azure/sora-2',
	'gemini/veo-3.0-generate-preview',
	'runwayml/gen4_turbo',
];

const PROFILES = {
	openai: { name: 'openai', prefix: '/v1', auth: 'bearer', strict: true, models: SORA_MODELS },
	azure: { name: 'azure', prefix: '/openai/v1', auth: 'api-key', strict: true, models: SORA_MODELS },
	// Lenient and lossy: any size/seconds, provider-prefixed models, extra status
	// words, sparse video objects, content served through a redirect.
	gateway: {
		name: 'gateway',
		prefix: '/v1',
		auth: 'bearer',
		strict: false,
		sparse: true,
		redirectContent: true,
		models: [...SORA_MODELS, ...GATEWAY_MODELS],
	},
	// LiteLLM's proxy: base64 ids, its VideoObject, Veo's two words, no DELETE, content
	// always MP4, its error envelope (see litellm.js).
	litellm: {
		name: 'litellm',
		prefix: '/v1',
		auth: 'bearer',
		strict: false,
		idStyle: 'litellm',
		ignoreVariant: true,
		models: [...SORA_MODELS, ...GATEWAY_MODELS, 'vertex_ai/veo-3.0-generate-001'],
		present: litellm.present,
		errorJson: litellm.errorJson,
		refuse: litellm.refuse,
		contentBeforeChecks: litellm.contentBeforeChecks,
		contentHeaders: litellm.contentHeaders,
	},
	// OpenRouter's own /api/v1/videos dialect (emulator/openrouter/): JSON only, 202 + polling_url.
	openrouter: {
		name: 'openrouter',
		prefix: '/api/v1',
		auth: 'bearer',
		strict: true,
		dialect: 'openrouter',
		models: require('./openrouter').MODEL_IDS,
		errorJson: require('./openrouter').errorBody,
	},
};

function getProfile(name) {
	const p = PROFILES[name || 'openai'];
	if (!p) throw new Error(`Unknown emulator profile '${name}' (use ${Object.keys(PROFILES).join(', ')})`);
	return p;
}

module.exports = { getProfile, SORA_MODELS, PRO_MODELS, PROFILES };
