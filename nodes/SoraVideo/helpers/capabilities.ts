/**
 * Checks a generating request against what its model publishes (durations, sizes, resolutions,
 * aspect ratios, frame images, audio, seed), so a wrong value fails at once with the allowed
 * values instead of a 400 after a queue wait, and before any paid request of the batch.
 */
import { parseSize } from '../transport';
import type { CreateExtras, ModelCapabilities } from '../transport';
import { InputError } from './validation';

export interface WantedVideo {
	model: string;
	seconds?: string;
	size?: string;
	firstFrame?: boolean;
	reference?: boolean;
	/** A continuation (Extend, Edit) of a finished job. */
	continuation?: boolean;
	extras?: CreateExtras;
}

const quoted = (values: Array<string | number>) => values.map((v) => `"${v}"`).join(', ');

function refuse(field: string, value: string | number, model: ModelCapabilities, allowed: Array<string | number>): never {
	throw new InputError(field, `"${value}" is not offered by ${model.id}; allowed: ${quoted(allowed)}`);
}

function checkGeometry(model: ModelCapabilities, wanted: WantedVideo) {
	const { resolution, aspectRatio } = wanted.extras ?? {};
	if (resolution || aspectRatio) {
		if (resolution && model.resolutions && !model.resolutions.includes(resolution)) refuse('Resolution', resolution, model, model.resolutions);
		if (aspectRatio && model.aspectRatios && !model.aspectRatios.includes(aspectRatio)) {
			refuse('Aspect Ratio', aspectRatio, model, model.aspectRatios);
		}
		return;
	}
	if (!wanted.size) return;
	if (model.sizes) {
		if (!model.sizes.includes(wanted.size)) refuse('Size', wanted.size, model, model.sizes);
		return;
	}
	const geometry = parseSize(wanted.size);
	if (!geometry) return;
	if (model.resolutions && !model.resolutions.includes(geometry.resolution)) {
		throw new InputError('Size', `${wanted.size} is ${geometry.resolution}, which ${model.id} does not offer; resolutions: ${quoted(model.resolutions)} (or set Model Options > Resolution)`);
	}
	if (model.aspectRatios && geometry.aspectRatio && !model.aspectRatios.includes(geometry.aspectRatio)) {
		throw new InputError('Size', `${wanted.size} is ${geometry.aspectRatio}, which ${model.id} does not offer; aspect ratios: ${quoted(model.aspectRatios)}`);
	}
}

function checkFrames(model: ModelCapabilities, wanted: WantedVideo) {
	const frames: Array<[string, string]> = [];
	if (wanted.firstFrame) frames.push(['Input Reference', 'first_frame']);
	if (wanted.extras?.lastFrame) frames.push(['Last Frame', 'last_frame']);
	for (const [field, frame] of frames) {
		if (model.frameImages && !model.frameImages.includes(frame)) {
			throw new InputError(field, `${model.id} does not take a ${frame.replace('_', ' ')}; frame images it takes: ${quoted(model.frameImages) || 'none'}`);
		}
	}
}

function checkExtras(model: ModelCapabilities, extras: CreateExtras = {}) {
	if (extras.generateAudio === true && model.generateAudio === false) {
		throw new InputError('Generate Audio', `${model.id} does not generate audio; turn the option off or remove it`);
	}
	if (extras.seed !== undefined && model.seed === false) throw new InputError('Seed', `${model.id} does not take a seed; remove the option`);
	const passthrough = model.passthrough;
	if (!extras.providerOptions || passthrough === null) return;
	for (const [provider, value] of Object.entries(extras.providerOptions)) {
		const parameters = Object.keys(((value ?? {}) as { parameters?: object }).parameters ?? {});
		const unknown = parameters.filter((p) => !passthrough.includes(p));
		if (unknown.length) {
			throw new InputError('Provider Options (JSON)', `${provider}: ${quoted(unknown)} not allowed for ${model.id}; allowed: ${quoted(passthrough) || 'none'}`);
		}
	}
}

/** Throws an InputError naming the field, the value and the allowed values. */
export function checkCapabilities(model: ModelCapabilities, wanted: WantedVideo): void {
	if (wanted.seconds !== undefined && model.durations) {
		const seconds = Number(wanted.seconds);
		if (!model.durations.includes(seconds)) refuse('Seconds', wanted.seconds, model, model.durations);
	}
	if (wanted.continuation && model.continuation === false) {
		throw new InputError('Model', `${model.id} cannot continue a finished job (Extend, Edit); create a new video instead`);
	}
	checkGeometry(model, wanted);
	checkFrames(model, wanted);
	checkExtras(model, wanted.extras);
}

/** The model's published entry, or an error listing the video models the server has. */
export function requireListed(models: ModelCapabilities[], id: string): ModelCapabilities {
	const model = models.find((m) => m.id === id);
	if (model) return model;
	throw new InputError('Model', `"${id}" is not one of this server's video models: ${quoted(models.map((m) => m.id))}`);
}
