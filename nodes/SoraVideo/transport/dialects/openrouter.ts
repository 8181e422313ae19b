/**
 * OpenRouter's /api/v1/videos wire format, both ways: the neutral create request becomes its
 * JSON body (integer duration, size or resolution + aspect ratio, frame_images, extras), and its
 * answers become the node's video object through the neutral model's readJob.
 */
import type { IDataObject } from 'n8n-workflow';

import { readJob } from '../model/job';
import { outputStateOf } from '../model/status';
import { isUpload } from '../multipart';
import type { JobContext, VideoJob } from '../model/job';
import type { JobFields, VideoObject, UploadFile } from '../types';
import { parseSize } from './geometry';
import { readPricingSkus } from './openrouterPricing';
import type { CreateExtras, ImageInput, ModelCapabilities } from './types';

/** A request the OpenRouter dialect cannot express; the message names the field. */
export class DialectRefusal extends Error {}

/** A binary image becomes a data URL; a link stays a link. */
export function imageUrlOf(image: unknown, field: string): string {
	if (isUpload(image)) return `data:${image.mimeType};base64,${image.data.toString('base64')}`;
	const url = (image as { image_url?: unknown } | undefined)?.image_url;
	if (typeof url === 'string' && url) return url;
	throw new DialectRefusal(`${field}: OpenRouter takes an image from the input item or an image URL, not a file ID`);
}

function frame(image: ImageInput, frameType: 'first_frame' | 'last_frame', field: string): IDataObject {
	return { type: 'image_url', image_url: { url: imageUrlOf(image, field) }, frame_type: frameType };
}

function durationOf(seconds: unknown): number | undefined {
	if (seconds === undefined || seconds === '') return undefined;
	const value = Number(seconds);
	if (!Number.isInteger(value) || value <= 0) throw new DialectRefusal(`Seconds: OpenRouter takes whole seconds (got ${String(seconds)})`);
	return value;
}

/** Size as `size` where the model lists sizes, else as resolution + aspect ratio. */
function geometryOf(size: unknown, extras: CreateExtras, model: ModelCapabilities | undefined): IDataObject {
	if (extras.resolution || extras.aspectRatio) {
		const out: IDataObject = {};
		if (extras.resolution) out.resolution = extras.resolution;
		if (extras.aspectRatio) out.aspect_ratio = extras.aspectRatio;
		return out;
	}
	if (typeof size !== 'string' || !size) return {};
	if (!model || model.sizes) return { size };
	const geometry = parseSize(size);
	if (!geometry) return { size };
	const out: IDataObject = { resolution: geometry.resolution };
	if (geometry.aspectRatio) out.aspect_ratio = geometry.aspectRatio;
	return out;
}

/** The JSON body of POST /videos for a create (or, with `video: {id}`, a continuation). */
export function createBody(fields: JobFields, extras: CreateExtras = {}, model?: ModelCapabilities): IDataObject {
	const body: IDataObject = { model: fields.model as string };
	if (fields.prompt !== undefined) body.prompt = fields.prompt as string;
	const duration = durationOf(fields.seconds);
	if (duration !== undefined) body.duration = duration;
	Object.assign(body, geometryOf(fields.size, extras, model));
	const frames: IDataObject[] = [];
	if (fields.input_reference !== undefined) {
		const image = fields.input_reference as ImageInput;
		if (extras.imageRole === 'reference') {
			body.input_references = [{ type: 'image_url', image_url: { url: imageUrlOf(image, 'Input Reference') } }];
		} else frames.push(frame(image, 'first_frame', 'Input Reference'));
	}
	if (extras.lastFrame) frames.push(frame(extras.lastFrame, 'last_frame', 'Last Frame'));
	if (frames.length) body.frame_images = frames;
	if (extras.generateAudio !== undefined) body.generate_audio = extras.generateAudio;
	if (extras.seed !== undefined) body.seed = extras.seed;
	if (extras.providerOptions && Object.keys(extras.providerOptions).length) body.provider = { options: extras.providerOptions };
	if (extras.callbackUrl) body.callback_url = extras.callbackUrl;
	const source = fields.video as { id?: string } | UploadFile | undefined;
	if (source !== undefined) {
		if (isUpload(source) || !source.id) throw new DialectRefusal('Source Video: OpenRouter continues a job by its ID; it takes no uploaded video');
		body.previous_job_id = source.id;
	}
	return body;
}

/** An OpenRouter answer read by the neutral model, or why it holds no job. */
export function readAnswer(body: unknown, context: JobContext, expectedId?: string, request?: IDataObject) {
	const reading = readJob(body, { context, expectedId });
	if (!reading.ok) return reading;
	return { ok: true as const, job: reading.job, video: toVideo(reading.job, request) };
}

/** The neutral job as the node's video object, in OpenAI's status words; the server's word stays in provider_status. */
export function toVideo(job: VideoJob, request?: IDataObject): VideoObject {
	const raw = job.raw;
	// OpenAI's status words are the output states' own.
	const status = outputStateOf(job.status, job.state);
	const video: VideoObject = { id: job.id, object: 'video', status, state: status, provider_status: job.status };
	if (request?.model) video.model = request.model as string;
	if (request?.prompt) video.prompt = request.prompt as string;
	if (request?.duration !== undefined) video.seconds = String(request.duration);
	if (request?.size) video.size = request.size as string;
	if (job.progress !== undefined) video.progress = job.progress;
	if (job.createdAt) video.created_at = job.createdAt;
	if (job.completedAt) video.completed_at = job.completedAt;
	if (job.error) video.error = { code: job.status || 'failed', message: job.error.message };
	for (const key of ['polling_url', 'generation_id', 'unsigned_urls', 'usage']) if (raw[key] !== undefined) video[key] = raw[key] as IDataObject;
	if (job.costUsd !== undefined) video.costUsd = job.costUsd;
	if (request?.previous_job_id) video.remixed_from_video_id = request.previous_job_id as string;
	return video;
}

const list = (value: unknown): string[] | null => (Array.isArray(value) ? value.map(String) : null);

/** One entry of GET /videos/models in neutral terms; prices from pricing_skus by family. */
export function toCapabilities(entry: IDataObject): ModelCapabilities {
	return {
		id: String(entry.id),
		name: typeof entry.name === 'string' ? entry.name : undefined,
		durations: Array.isArray(entry.supported_durations) ? entry.supported_durations.map(Number) : null,
		sizes: list(entry.supported_sizes),
		resolutions: list(entry.supported_resolutions),
		aspectRatios: list(entry.supported_aspect_ratios),
		frameImages: list(entry.supported_frame_images),
		generateAudio: typeof entry.generate_audio === 'boolean' ? entry.generate_audio : null,
		seed: typeof entry.seed === 'boolean' ? entry.seed : null,
		prices: readPricingSkus(entry.pricing_skus),
		passthrough: list(entry.allowed_passthrough_parameters),
		continuation: typeof entry.continuation === 'boolean' ? entry.continuation : null,
	};
}
