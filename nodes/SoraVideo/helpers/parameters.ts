/**
 * Every reader of the node's parameters and input items. Readers check what they read and
 * throw an InputError naming the field; the router adds the node and the item.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY } from '../descriptions/options';
import type { WaitOptions, WaitPlan, WantedVariant } from '../jobs';
import { isStreamedUpload, readCredentials, whyNot, type FieldValue, type InputFile, type UploadFile } from '../transport';
import { InputError, checkId, checkModel, checkSeconds, checkSize, isOpenAiHost } from './validation';

/** The video Options collection, as the operations that show it read it. */
export interface NodeOptions {
	downloadVideo?: boolean;
	downloadThumbnail?: boolean;
	thumbnailBinaryPropertyName?: string;
	downloadSpritesheet?: boolean;
	spritesheetBinaryPropertyName?: string;
	pollInterval?: number;
	maxWait?: number;
	/** Concurrency as version 0.1.0 saved it; the field of its own replaces it. */
	concurrency?: number;
	strictValidation?: boolean;
	/** Max Spend per Run (USD); 0 or absent = no cap. */
	maxSpendUsd?: number;
	/** Price Table (JSON), as typed: parsed by helpers/cost.ts. */
	priceTable?: unknown;
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): NodeOptions {
	return ctx.getNodeParameter('options', itemIndex, {}) as NodeOptions;
}

/**
 * Concurrency, for the whole run: read once, from the first item. A value a workflow saved under
 * Options (version 0.1.0) still decides while it is there.
 */
export function readConcurrency(ctx: IExecuteFunctions): number {
	const earlier = readOptions(ctx, 0).concurrency;
	const value = earlier ?? (ctx.getNodeParameter('concurrency', 0, DEFAULT_CONCURRENCY) as unknown);
	return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_CONCURRENCY;
}

/** The model as chosen in the resource locator (list or free text). */
export function readModel(ctx: IExecuteFunctions, itemIndex: number): string {
	const model = ctx.getNodeParameter('model', itemIndex, '', { extractValue: true }) as string;
	return checkModel(model);
}

export function readSize(ctx: IExecuteFunctions, itemIndex: number): string {
	const size = ctx.getNodeParameter('size', itemIndex) as string;
	if (size !== 'custom') return checkSize(size);
	const custom = ctx.getNodeParameter('customSize', itemIndex, '') as string;
	if (!custom.trim()) throw new InputError('Custom Size', 'must not be empty when Size is Custom');
	return checkSize(custom);
}

export function readSeconds(ctx: IExecuteFunctions, itemIndex: number): string {
	const seconds = ctx.getNodeParameter('seconds', itemIndex) as string;
	if (seconds !== 'custom') return checkSeconds(seconds);
	const custom = ctx.getNodeParameter('customSeconds', itemIndex, '') as string;
	if (!String(custom).trim()) throw new InputError('Custom Seconds', 'must not be empty when Seconds is Custom');
	return checkSeconds(custom, 'Custom Seconds');
}

/** Sora-only checks: when the user asks for them, or on OpenAI's own host. */
export async function readStrict(ctx: IExecuteFunctions, itemIndex: number): Promise<boolean> {
	if (readOptions(ctx, itemIndex).strictValidation) return true;
	const credentials = await readCredentials(ctx);
	return isOpenAiHost(String(credentials.baseUrl ?? ''));
}

export function readBinaryPropertyName(ctx: IExecuteFunctions, itemIndex: number, field = 'Put Output File in Field') {
	const name = String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '').trim();
	if (!name) throw new InputError(field, 'must not be empty');
	return name;
}

/**
 * Reads the Wait for Completion toggle and checks now what the downloads after the wait need:
 * after the job is paid for is too late to find the output field empty, or to learn that the
 * server has no thumbnail (some serve the MP4 only).
 */
export async function readWaitMode(ctx: IExecuteFunctions, itemIndex: number): Promise<boolean> {
	const wait = ctx.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	if (!wait) return wait;
	const options = readOptions(ctx, itemIndex);
	if (options.downloadVideo !== false) readBinaryPropertyName(ctx, itemIndex);
	if (options.downloadThumbnail || options.downloadSpritesheet) {
		const lack = await whyNot(ctx, 'extraVariants');
		const field = options.downloadThumbnail ? 'Download Thumbnail' : 'Download Spritesheet';
		if (lack) throw new InputError(field, `${lack.because}, no thumbnail or spritesheet; turn the option off`);
	}
	return wait;
}

/** Wait for Completion as the jobs layer takes it: undefined when off, else Poll Interval, Max Wait and the files to download. */
export async function readWaitPlan(ctx: IExecuteFunctions, itemIndex: number): Promise<WaitPlan | undefined> {
	return (await readWaitMode(ctx, itemIndex)) ? readWaitSettings(ctx, itemIndex) : undefined;
}

/** Poll Interval, Max Wait and the files to download when the job ends. */
export function readWaitSettings(ctx: IExecuteFunctions, itemIndex: number): WaitPlan {
	return { ...readWaitOptions(ctx, itemIndex), variants: readWantedVariants(ctx, itemIndex) };
}

/** Poll Interval and Max Wait, in milliseconds. */
export function readWaitOptions(ctx: IExecuteFunctions, itemIndex: number): WaitOptions {
	const options = readOptions(ctx, itemIndex);
	return {
		pollIntervalMs: Math.max(1, options.pollInterval ?? 10) * 1000,
		maxWaitMs: Math.max(0.1, options.maxWait ?? 20) * 60_000,
	};
}

/** The variants of a finished video the user asked for, each with its output field. */
export function readWantedVariants(ctx: IExecuteFunctions, itemIndex: number): WantedVariant[] {
	const options = readOptions(ctx, itemIndex);
	const wanted: WantedVariant[] = [];
	if (options.downloadVideo !== false) wanted.push(['video', readBinaryPropertyName(ctx, itemIndex)]);
	if (options.downloadThumbnail) wanted.push(['thumbnail', options.thumbnailBinaryPropertyName || 'thumbnail']);
	if (options.downloadSpritesheet) {
		wanted.push(['spritesheet', options.spritesheetBinaryPropertyName || 'spritesheet']);
	}
	return wanted;
}

/**
 * Files in n8n's binary store (filesystem or S3 mode) from this size on are streamed into the
 * upload instead of read whole; smaller ones, and every file in memory mode, are read as before.
 */
export const STREAM_FROM_BYTES = 8 * 1024 * 1024;

/** How much of a streamed reference image is read to find its pixel size. */
const IMAGE_HEAD_BYTES = 1024 * 1024;

/** Reads an input item's binary property for upload; the error names the field and the property. */
export async function readInputBinary(
	ctx: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	field: string,
): Promise<InputFile> {
	const name = (propertyName ?? '').trim();
	if (!name) throw new InputError(field, 'must name a binary property of the input item');
	const binary = ctx.getInputData()[itemIndex]?.binary?.[name];
	if (!binary) {
		const available = Object.keys(ctx.getInputData()[itemIndex]?.binary ?? {});
		throw new InputError(
			field,
			`the input item has no binary property "${name}"` +
				(available.length ? ` (it has: ${available.join(', ')})` : ' (it has no binary data)'),
		);
	}
	const fileName = binary.fileName ?? `${name}.${binary.fileExtension ?? 'bin'}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	const stored = await storedSize(ctx, binary);
	if (binary.id && stored !== undefined && stored >= STREAM_FROM_BYTES) {
		const id = binary.id;
		return { fileName, mimeType, bytes: stored, open: async () => await ctx.helpers.getBinaryStream(id) };
	}
	return { data: await ctx.helpers.getBinaryDataBuffer(itemIndex, name), fileName, mimeType };
}

/**
 * The exact size of a big binary kept in n8n's binary store, from the store's own metadata;
 * undefined for one held in the item, a small one (by the size the item records) or when the
 * store cannot tell, all of which are read whole as before.
 */
async function storedSize(ctx: IExecuteFunctions, binary: IBinaryData): Promise<number | undefined> {
	if (!binary.id || (typeof binary.bytes === 'number' && binary.bytes < STREAM_FROM_BYTES)) return undefined;
	try {
		const size = (await ctx.helpers.getBinaryMetadata(binary.id)).fileSize;
		return Number.isSafeInteger(size) ? size : undefined;
	} catch {
		return undefined;
	}
}

export function fileSize(file: InputFile): number {
	return isStreamedUpload(file) ? file.bytes : file.data.length;
}

/** The first bytes of a file (all of a file in memory): enough to read an image's header. */
export async function fileHead(file: InputFile, maxBytes = IMAGE_HEAD_BYTES): Promise<Buffer> {
	if (!isStreamedUpload(file)) return file.data;
	const chunks: Buffer[] = [];
	let length = 0;
	// Leaving the loop early closes the stream.
	for await (const chunk of await file.open()) {
		chunks.push(Buffer.from(chunk));
		length += chunk.length;
		if (length >= maxBytes) break;
	}
	return Buffer.concat(chunks).subarray(0, maxBytes);
}

/** The whole file in memory, for servers that take it inside a JSON body (a data URL). */
export async function wholeFile(file: InputFile): Promise<UploadFile> {
	if (!isStreamedUpload(file)) return file;
	const chunks: Buffer[] = [];
	for await (const chunk of await file.open()) chunks.push(Buffer.from(chunk));
	return { data: Buffer.concat(chunks), fileName: file.fileName, mimeType: file.mimeType };
}

/** A video file from the input item, for upload; an empty file is refused before it costs anything. */
export async function readInputVideo(ctx: IExecuteFunctions, itemIndex: number, property: string): Promise<InputFile> {
	const file = await readInputBinary(ctx, itemIndex, property, 'Input Binary Field');
	if (fileSize(file) === 0) throw new InputError('Input Binary Field', `the file in "${property}" is empty`);
	return file;
}

/** The source video of Edit and Extend: a video ID, or a file from the input item. */
export async function readSourceVideo(ctx: IExecuteFunctions, itemIndex: number): Promise<FieldValue> {
	const source = ctx.getNodeParameter('videoSource', itemIndex, 'id') as string;
	if (source === 'id') return { id: checkId(ctx.getNodeParameter('videoId', itemIndex), 'Video ID') };
	return await readInputVideo(ctx, itemIndex, ctx.getNodeParameter('videoBinaryProperty', itemIndex) as string);
}
