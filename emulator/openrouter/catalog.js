'use strict';
// The video models the openrouter profile publishes at GET /api/v1/videos/models, in the
// shape of @openrouter/sdk's VideoModel (esm/models/videomodel.js). Capabilities follow
// the kinds of lists OpenRouter publishes (discrete durations, per-model resolutions,
// aspect ratios, sizes and frame types); the prices are illustrative, not OpenRouter's.
// `continuation` is not part of the published shape: it says whether previous_job_id works.

const CREATED = 1774224000; // 2026-03-23, the video API launch

const MODELS = [
	{
		id: 'google/veo-3.1',
		name: 'Google: Veo 3.1',
		description: 'Text and image to video with native audio; extends a finished clip.',
		supported_durations: [4, 6, 8],
		supported_resolutions: ['720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16'],
		supported_sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
		supported_frame_images: ['first_frame', 'last_frame'],
		generate_audio: true,
		seed: true,
		pricing_skus: { 'per-video-second': '0.40', 'per-video-second-1080p': '0.60' },
		allowed_passthrough_parameters: ['personGeneration', 'negativePrompt'],
		continuation: true,
	},
	{
		id: 'openai/sora-2-pro',
		name: 'OpenAI: Sora 2 Pro',
		description: 'Sora 2 Pro through OpenRouter.',
		supported_durations: [4, 8, 12],
		supported_resolutions: ['720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16'],
		supported_sizes: ['1280x720', '720x1280', '1920x1080', '1080x1920'],
		supported_frame_images: ['first_frame'],
		generate_audio: true,
		seed: false,
		pricing_skus: { 'per-video-second': '0.30', 'per-video-second-1080p': '0.50' },
		allowed_passthrough_parameters: [],
		continuation: true,
	},
	{
		id: 'alibaba/wan-2.7',
		name: 'Alibaba: Wan 2.7',
		description: 'First and last frame control, reference to video.',
		supported_durations: [5, 10],
		supported_resolutions: ['480p', '720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16', '1:1', '4:3', '3:4'],
		supported_sizes: ['854x480', '480x854', '1280x720', '720x1280', '720x720', '960x720', '720x960', '1920x1080', '1080x1920'],
		supported_frame_images: ['first_frame', 'last_frame'],
		generate_audio: false,
		seed: true,
		pricing_skus: { 'per-video-second': '0.04', 'per-video-second-1080p': '0.08' },
		allowed_passthrough_parameters: ['negative_prompt', 'prompt_extend'],
		continuation: false,
	},
	{
		id: 'bytedance/seedance-1.5-pro',
		name: 'ByteDance: Seedance 1.5 Pro',
		description: 'Text, image and reference to video with lip-sync audio.',
		supported_durations: [5, 10],
		supported_resolutions: ['480p', '720p', '1080p'],
		supported_aspect_ratios: ['16:9', '9:16', '1:1', '21:9'],
		supported_sizes: null,
		supported_frame_images: ['first_frame'],
		generate_audio: true,
		seed: true,
		pricing_skus: { 'per-video-second-480p': '0.02', 'per-video-second-720p': '0.05', 'per-video-second-1080p': '0.11' },
		allowed_passthrough_parameters: ['camera_fixed'],
		continuation: false,
	},
	{
		// Publishes only resolutions and durations: everything else is null (model decides).
		id: 'minimax/hailuo-2.3',
		name: 'MiniMax: Hailuo 2.3',
		description: 'Text and first-frame to video.',
		supported_durations: [6, 10],
		supported_resolutions: ['768p', '1080p'],
		supported_aspect_ratios: null,
		supported_sizes: null,
		supported_frame_images: null,
		generate_audio: null,
		seed: null,
		pricing_skus: { 'per-video-second-768p': '0.045', 'per-video-second-1080p': '0.08' },
		allowed_passthrough_parameters: [],
		continuation: false,
	},
];

/** The published VideoModel object (without the private `continuation` flag). */
function published(model) {
	const { continuation, ...rest } = model;
	void continuation;
	return {
		...rest,
		canonical_slug: `${model.id}-20260323`,
		created: CREATED,
		creativity: null,
		hugging_face_id: null,
		upscale_factor: null,
	};
}

const findModel = (id) => MODELS.find((m) => m.id === id) || null;

/** Price per second for a resolution: the resolution's SKU, else the plain per-second SKU. */
function pricePerSecond(model, resolution) {
	const skus = model.pricing_skus || {};
	const v = skus[`per-video-second-${resolution}`] ?? skus['per-video-second'];
	return v === undefined ? null : Number(v);
}

module.exports = { MODELS, published, findModel, pricePerSecond };
