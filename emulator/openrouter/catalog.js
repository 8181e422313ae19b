'use strict';
// The video models the openrouter profile publishes at GET /api/v1/videos/models, in the
// shape of @openrouter/sdk's VideoModel (esm/models/videomodel.js). Capabilities follow
// the kinds of lists OpenRouter publishes (discrete durations, per-model resolutions,
// aspect ratios, sizes and frame types); the prices are illustrative, not OpenRouter's.
// `continuation` is not part of the published shape: it says whether previous_job_id works.
//
// Prices come in two name styles (option pricingStyle): 'docs' (default), the docs' example
// `per-video-second[-<resolution>]`; and 'live', the names the live catalog uses
// (`duration_seconds_with_audio_720p`, `text_to_video_duration_seconds_480p`,
// `cents_per_second_output_1080p`, `cents_per_second_video_continuation_1080p`...), the same
// money in both styles for what the docs style can say. `livePricingSkus` holds the live names.

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
		livePricingSkus: { duration_seconds_with_audio: '0.40', duration_seconds_without_audio: '0.20', duration_seconds_with_audio_1080p: '0.60', duration_seconds_without_audio_1080p: '0.40' },
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
		livePricingSkus: { duration_seconds_720p: '0.30', duration_seconds_1080p: '0.50', cents_per_second_video_continuation_720p: '40', cents_per_second_video_continuation_1080p: '70' },
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
		livePricingSkus: { duration_seconds: '0.04', duration_seconds_1080p: '0.08' },
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
		livePricingSkus: { text_to_video_duration_seconds_480p: '0.02', image_to_video_duration_seconds_480p: '0.03', text_to_video_duration_seconds_720p: '0.05', image_to_video_duration_seconds_720p: '0.06', text_to_video_duration_seconds_1080p: '0.11', image_to_video_duration_seconds_1080p: '0.12' },
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
		livePricingSkus: { cents_per_second_output_768p: '4.5', cents_per_second_output_1080p: '8' },
		allowed_passthrough_parameters: [],
		continuation: false,
	},
];

/** The published VideoModel object (without the private `continuation` flag), prices in the style asked. */
function published(model, pricingStyle = 'docs') {
	const { continuation, livePricingSkus, ...rest } = model;
	void continuation;
	return {
		...rest,
		pricing_skus: pricingStyle === 'live' ? livePricingSkus : model.pricing_skus,
		canonical_slug: `${model.id}-20260323`,
		created: CREATED,
		creativity: null,
		hugging_face_id: null,
		upscale_factor: null,
	};
}

const findModel = (id) => MODELS.find((m) => m.id === id) || null;

/**
 * USD per second a job is billed at, read from the style's names: the most specific name that
 * the job matches (continuation, audio, what it starts from, resolution), then the plain one.
 */
function pricePerSecond(model, { resolution, generateAudio, image, continuation }, pricingStyle = 'docs') {
	if (pricingStyle !== 'live') {
		const skus = model.pricing_skus || {};
		const v = skus[`per-video-second-${resolution}`] ?? skus['per-video-second'];
		return v === undefined ? null : Number(v);
	}
	const skus = model.livePricingSkus || {};
	const audio = generateAudio === false ? 'without_audio' : 'with_audio';
	const names = [
		continuation && [`cents_per_second_video_continuation_${resolution}`, 100],
		[`duration_seconds_${audio}_${resolution}`, 1],
		[`duration_seconds_${audio}`, 1],
		[`${image ? 'image' : 'text'}_to_video_duration_seconds_${resolution}`, 1],
		[`duration_seconds_${resolution}`, 1],
		[`cents_per_second_output_${resolution}`, 100],
		['duration_seconds', 1],
	].filter(Boolean);
	for (const [name, per] of names) if (skus[name] !== undefined) return Number(skus[name]) / per;
	return null;
}

module.exports = { MODELS, published, findModel, pricePerSecond };
