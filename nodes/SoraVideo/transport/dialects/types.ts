/**
 * The neutral parts of a generating request that OpenAI's multipart fields do not carry, and
 * the neutral description of a model's published capabilities.
 */
import type { IDataObject } from 'n8n-workflow';

import type { UploadFile } from '../types';

/** An image given as bytes from the input item, or as a link. */
export type ImageInput = UploadFile | { image_url: string };

export interface CreateExtras {
	/** How the Input Reference image is used: the first frame (default) or a style/subject reference. */
	imageRole?: 'firstFrame' | 'reference';
	lastFrame?: ImageInput;
	generateAudio?: boolean;
	seed?: number;
	/** Instead of Size, where the model publishes resolutions and aspect ratios. */
	resolution?: string;
	aspectRatio?: string;
	/** Pass-through provider options, sent as they are. */
	providerOptions?: IDataObject;
	/** Where the server posts the job's result when it ends. */
	callbackUrl?: string;
}

/** What a model accepts and costs, as its server publishes it; null lists mean "not published". */
export interface ModelCapabilities {
	id: string;
	name?: string;
	durations: number[] | null;
	sizes: string[] | null;
	resolutions: string[] | null;
	aspectRatios: string[] | null;
	frameImages: string[] | null;
	generateAudio: boolean | null;
	seed: boolean | null;
	/** The published prices, one per SKU of a known family (see dialects/openrouterPricing.ts). */
	prices: PriceSku[];
	passthrough: string[] | null;
	/** Whether a finished job can be continued (Extend, Edit); null when not published. */
	continuation: boolean | null;
}

/**
 * One published price: per second of video, per video, per token (not known before the job), or
 * per reference image (added to the rest); the qualifiers say when it applies (absent = always).
 */
export interface PriceSku {
	name: string;
	unit: 'second' | 'video' | 'token' | 'referenceImage';
	usd: number;
	/** "720p" (the short side); 4k is "2160p". */
	resolution?: string;
	/** true: with audio, false: without. */
	audio?: boolean;
	/** What the job starts from: text only, an image, or a video. */
	input?: 'text' | 'image' | 'video';
	/** The price of continuing a finished job (Extend, Edit). */
	continuation?: boolean;
}
