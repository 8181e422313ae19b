'use strict';
// Video id styles seen in the wild (option `idStyle`, or the profile's default):
//   openai            video_<32 hex>
//   litellm           video_ + standard base64 of LiteLLM's managed-id string, always holding
//                     '+', '/' and '=' (see below)
//   litellm-unpadded  the same with the '=' padding stripped (LiteLLM re-pads on decode)
//   reseller          <model>-<digits>, as New API-style resellers number their tasks
const crypto = require('node:crypto');

const hex = (bytes) => crypto.randomBytes(bytes).toString('hex');
const provider = (model) => (model.includes('/') ? model.split('/')[0] : 'openai');
const isVeo = (model) => /veo/i.test(model);

// LiteLLM encodes `litellm:custom_llm_provider:P;model_id:M;video_id:V`. ASCII letters and
// digits alone never yield '+' or '/' in base64; the router's deployment id (model_info.id,
// free text in LiteLLM's config) can. We draw deployment ids until the id holds both, and
// '=' padding, so that every litellm id tests all three characters.
const DEPLOYMENT_CHARS = '0123456789abcdef~?';
function deploymentId() {
	let s = 'dep-';
	// 10 to 12 characters: the length varies so that padding ('=') can appear for any model.
	for (const b of crypto.randomBytes(10 + crypto.randomInt(3))) s += DEPLOYMENT_CHARS[b % DEPLOYMENT_CHARS.length];
	return s;
}

function litellmId(model, padded) {
	const inner = isVeo(model) ? `models/${model.split('/').pop()}/operations/${hex(6)}` : `video_${hex(16)}`;
	for (;;) {
		const raw = `litellm:custom_llm_provider:${provider(model)};model_id:${deploymentId()};video_id:${inner}`;
		const b64 = Buffer.from(raw, 'utf8').toString('base64');
		if (b64.includes('+') && b64.includes('/') && b64.endsWith('=')) return `video_${padded ? b64 : b64.replace(/=+$/, '')}`;
	}
}

let resellerSeq = 100000 + Math.floor(Math.random() * 800000);

function makeVideoId(style, model) {
	switch (style || 'openai') {
		case 'openai':
			return `video_${hex(16)}`;
		case 'litellm':
			return litellmId(model, true);
		case 'litellm-unpadded':
			return litellmId(model, false);
		case 'reseller':
			return `${String(model).split('/').pop()}-${resellerSeq++}`;
		default:
			throw new Error(`unknown idStyle '${style}' (use openai, litellm, litellm-unpadded, reseller)`);
	}
}

/** LiteLLM's decoding: { provider, modelId, videoId } or null when the id is not one of its. */
function decodeLitellmId(id) {
	if (!id.startsWith('video_')) return null;
	let b64 = id.slice('video_'.length);
	if (b64.length % 4) b64 += '='.repeat(4 - (b64.length % 4));
	const parts = Buffer.from(b64, 'base64').toString('utf8').split(';');
	if (parts.length < 3 || !parts[0].startsWith('litellm:custom_llm_provider:')) return null;
	return {
		provider: parts[0].replace('litellm:custom_llm_provider:', ''),
		modelId: parts[1].replace('model_id:', ''),
		videoId: parts.slice(2).join(';').replace('video_id:', ''),
	};
}

const ID_STYLES = ['openai', 'litellm', 'litellm-unpadded', 'reseller'];

module.exports = { makeVideoId, decodeLitellmId, isVeo, ID_STYLES };
