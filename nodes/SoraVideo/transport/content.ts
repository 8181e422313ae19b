/**
 * Content downloads, checked against the variant asked for before anything is stored: the
 * first bytes are read (and put back), judged by model/content.ts, and a JSON answer carrying a
 * link is followed, with the credential only on the Base URL's origin (redirects.ts).
 */
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CONTENT_HEAD_BYTES, checkContent } from './model/content';
import type { ContentVariant } from './model/content';
import { connectionOf } from './config';
import { withFacts } from './errors';
import { sendFollowingRedirects } from './redirects';
import { soraRequest } from './request';
import type { SoraContext, SoraResponse } from './types';

const DOWNLOAD_TIMEOUT_MS = 120_000;

/** The parts of a Node.js Readable used here (the lint rules keep node:stream out of node code). */
interface BodyStream {
	read(): Buffer | string | null;
	unshift(chunk: Buffer): void;
	once(event: string, listener: (...args: unknown[]) => void): unknown;
	removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy?(): void;
	readableEnded?: boolean;
}

/** A checked content answer: a stream positioned at its first byte, or the whole body when small. */
export interface CheckedContent {
	data: BodyStream | Buffer;
	mimeType: string;
	extension: string;
	contentLength?: number;
	/** Set when the bytes are another media type than the variant's. */
	warning?: string;
	/** Set when the connection broke while the first bytes were read: the caller starts again. */
	cutOff?: string;
}

/** True at the end of the body, false when more can be read; rejects when the connection breaks. */
function waitForData(stream: BodyStream): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const cleanup = () => {
			stream.removeListener('readable', onReadable);
			stream.removeListener('end', onEnd);
			stream.removeListener('error', onError);
		};
		const onReadable = () => (cleanup(), resolve(false));
		const onEnd = () => (cleanup(), resolve(true));
		const onError = (error: unknown) => (cleanup(), reject(error));
		stream.once('readable', onReadable);
		stream.once('end', onEnd);
		stream.once('error', onError);
	});
}

interface Head {
	head: Buffer;
	ended: boolean;
	cutOff?: string;
}

/** Reads up to `want` bytes and puts them back, unless the body ended (then the head is all of it). */
export async function peekHead(stream: BodyStream, want = CONTENT_HEAD_BYTES): Promise<Head> {
	const chunks: Buffer[] = [];
	let total = 0;
	let ended = false;
	try {
		while (total < want && !ended) {
			const chunk = stream.read();
			if (chunk !== null) {
				const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				chunks.push(bytes);
				total += bytes.length;
			} else {
				ended = stream.readableEnded === true || (await waitForData(stream));
			}
		}
	} catch (error) {
		return { head: Buffer.concat(chunks), ended: true, cutOff: (error as Error).message || 'the connection broke' };
	}
	const head = Buffer.concat(chunks);
	if (!ended && head.length) stream.unshift(head);
	return { head, ended };
}

function lengthOf(headers: Record<string, unknown>): number | undefined {
	const length = Number(headers['content-length']);
	return headers['content-length'] !== undefined && Number.isFinite(length) ? length : undefined;
}

/** Judges one answer; a link is followed once, never a link to a link. */
async function checked(
	ctx: SoraContext,
	response: SoraResponse<unknown>,
	target: { videoId: string; variant: ContentVariant; itemIndex?: number; followed: boolean },
): Promise<CheckedContent> {
	const stream = response.body as BodyStream;
	const { head, ended, cutOff } = await peekHead(stream);
	if (cutOff) return { data: head, mimeType: '', extension: '', cutOff: `the connection broke after ${head.length} bytes (${cutOff})` };
	const contentType = response.headers['content-type'] as string | undefined;
	const check = checkContent(head, contentType, target.variant);
	const data = ended ? head : stream;
	const contentLength = ended ? head.length : lengthOf(response.headers);
	if (check.kind === 'ok') return { data, mimeType: check.mimeType, extension: check.extension, contentLength };
	if (check.kind === 'otherMedia') return { data, mimeType: check.mimeType, extension: check.extension, contentLength, warning: check.warning };
	if (!ended) stream.destroy?.();
	if (check.kind === 'url' && !target.followed) return await followLink(ctx, check.url, target);
	const what = check.kind === 'url' ? 'another link instead of the file' : check.description;
	const error = new NodeOperationError(
		ctx.getNode(),
		`The ${target.variant} of video ${target.videoId} is not a file: the server sent ${what}`,
		{ itemIndex: target.itemIndex, description: 'Nothing was stored. The server (or a proxy in front of it) answered the download with something else than the media.' },
	);
	throw withFacts(error, { videoId: target.videoId });
}

/**
 * Fetches a link the server handed out: with the credential only when it is on the Base URL's
 * origin (an OpenRouter content link), without any of it elsewhere (a presigned storage URL).
 */
async function followLink(
	ctx: SoraContext,
	url: string,
	target: { videoId: string; variant: ContentVariant; itemIndex?: number },
): Promise<CheckedContent> {
	const options: IHttpRequestOptions = { url, method: 'GET', encoding: 'stream', timeout: DOWNLOAD_TIMEOUT_MS };
	const connection = await connectionOf(ctx, target.itemIndex);
	const subject = `Download of video ${target.videoId}, ${target.variant}`;
	const response = await sendFollowingRedirects(ctx, connection, options, { subject, itemIndex: target.itemIndex, videoId: target.videoId });
	if (response.statusCode < 200 || response.statusCode >= 300) {
		(response.body as BodyStream).destroy?.();
		const host = new URL(url).host;
		const error = new NodeOperationError(
			ctx.getNode(),
			`The ${target.variant} of video ${target.videoId} could not be fetched from the link the server gave (${host}): HTTP ${response.statusCode}`,
			{ itemIndex: target.itemIndex, description: 'The link may have expired; download the video again.' },
		);
		throw withFacts(error, { status: response.statusCode, videoId: target.videoId });
	}
	return await checked(ctx, response, { ...target, followed: true });
}

/** Streams one variant of a finished video, checked to be what it says. */
export async function downloadContent(
	ctx: SoraContext,
	videoId: string,
	path: string,
	variant: ContentVariant,
	itemIndex?: number,
	qs: IDataObject = { variant },
): Promise<CheckedContent> {
	const response = await soraRequest<unknown>(ctx, {
		method: 'GET',
		path,
		qs,
		kind: 'read',
		stream: true,
		timeoutMs: DOWNLOAD_TIMEOUT_MS,
		itemIndex,
		subject: `Download of video ${videoId}, ${variant}`,
		videoId,
	});
	return await checked(ctx, response, { videoId, variant, itemIndex, followed: false });
}
