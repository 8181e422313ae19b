'use strict';
// The emulator's options: their defaults, and how a partial update is checked and merged.
const { getProfile } = require('./profiles');
const { makeVideoId } = require('./ids');

const DEFAULTS = {
	profile: 'openai',
	durationMs: 3000,
	queuedMs: null, // null = 10% of durationMs
	pollAfterMs: 1000,
	failPrompts: ['FAIL_MODERATION'],
	mp4Bytes: null,
	acceptAnySize: false,
	acceptAnySeconds: false,
	idStyle: null, // null = the profile's (openai, litellm, litellm-unpadded, reseller: see ids.js)
	webhook: null, // { url, secret }
	webhookRetryMs: null, // null = delivery.js RETRY_MS: waits before each retry of an event the receiver did not take; [] = no retries
	webhookTimeoutMs: 30000, // one attempt's ceiling: a loaded receiver is slow, only a hung one is this slow
	assetTtlSec: 3600,
	apiKey: 'sk-emulator-test-key',
	port: 0,
	host: '127.0.0.1',
	quiet: true,
	pricingStyle: 'docs', // openrouter: 'docs' (per-video-second) or 'live' (duration_seconds_with_audio_720p...)
	keyLimitUsd: null, // openrouter: the credit limit GET /key reports
};

/** `current` with `partial` laid over it; throws on an unknown profile or id style. */
function mergeOptions(current, partial = {}) {
	const next = { ...current, ...partial };
	if (typeof next.failPrompts === 'string') next.failPrompts = [next.failPrompts];
	if (!Array.isArray(next.failPrompts)) next.failPrompts = [];
	getProfile(next.profile);
	if (next.idStyle) makeVideoId(next.idStyle, 'sora-2');
	return next;
}

module.exports = { DEFAULTS, mergeOptions };
