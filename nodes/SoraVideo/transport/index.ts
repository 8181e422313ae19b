/**
 * The only place that talks HTTP: base URL, headers, multipart, retries, streaming.
 * One short function per endpoint, like the official SDKs.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { SoraCharacter, SoraVideo, SoraVideoList, UploadFile, VideoVariant } from '../helpers/types';
import { DEFAULT_RETRY_POLICY, isRetryable, neverSent, retryDelayMs } from './retry';
import type { Outcome, RequestKind } from './retry';

export type SoraContext = IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'soraApi';

export interface SoraCredentials {
	apiKey: string;
	baseUrl: string;
	authType?: 'bearer' | 'apiKeyHeader';
	organizationId?: string;
	projectId?: string;
	extraHeaders?: string;
	webhookSecret?: string;
}

export interface SoraResponse<T> {
	body: T;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** A value for a multipart body: text, an uploaded file, or a nested object sent with bracket keys. */
export type FormValue = string | number | UploadFile | { [key: string]: FormValue | undefined };

interface SoraRequest {
	method: IHttpRequestMethods;
	path: string;
	kind: RequestKind;
	qs?: IDataObject;
	json?: IDataObject;
	multipart?: Record<string, FormValue | undefined>;
	stream?: boolean;
	timeoutMs?: number;
	itemIndex?: number;
	/** What the request is about, e.g. "video video_123", so every error names it. */
	subject?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const UPLOAD_TIMEOUT_MS = 300_000;
const DOWNLOAD_TIMEOUT_MS = 120_000;

/**
 * Accepts the Base URL as providers write it: with or without a trailing slash or a pasted
 * `/videos`; a bare host means the OpenAI-style `/v1` root (`/openai/v1` for Azure OpenAI).
 * The credential's test request applies the same rules in an expression.
 */
export function normalizeBaseUrl(raw: string): string {
	const trimmed = (raw ?? '').trim().replace(/\/+$/, '').replace(/\/videos$/i, '');
	if (!/^https?:\/\/[^/\s]+/i.test(trimmed)) {
		// The value is not quoted: a key pasted into the wrong field must not be echoed.
		throw new Error('Base URL must start with http:// or https://');
	}
	// Azure OpenAI's v1 API lives under /openai/v1 of the resource host.
	if (/^https?:\/\/[^/]+\.openai\.azure\.com(\/openai)?$/i.test(trimmed)) {
		return `${trimmed.replace(/\/openai$/i, '')}/openai/v1`;
	}
	return /^https?:\/\/[^/]+$/i.test(trimmed) ? `${trimmed}/v1` : trimmed;
}

/** Parses the credential's extra headers: one `Name: value` per line. */
export function parseExtraHeaders(text: string | undefined): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const line of (text ?? '').split(/\r?\n/)) {
		const colon = line.indexOf(':');
		if (!line.trim()) continue;
		const name = line.slice(0, colon).trim();
		if (colon < 1 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
			// Only the first word is shown: the rest of the line may be a secret value.
			const shown = line.trim().split(/[\s:]/)[0].slice(0, 40);
			throw new Error(`Extra Headers: the line starting "${shown}" is not a "Name: value" line`);
		}
		headers[name] = line.slice(colon + 1).trim();
	}
	return headers;
}

/** A request-level cancel signal, where the context has one (triggers have none). */
function cancelSignal(ctx: SoraContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
}

/** Plain words for the network codes that n8n would otherwise swap for a generic message. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	GETADDRINFO: 'host name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'connection aborted',
	EHOSTUNREACH: 'host unreachable',
	EADDRNOTAVAIL: 'address not available',
};

/**
 * n8n replaces the whole message of a node error that mentions a code such as ECONNRESET with a
 * generic sentence, which would drop the video id; this spells the codes out instead.
 */
export function plainErrorText(text: string): string {
	return text.replace(/\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|GETADDRINFO|ETIMEDOUT|ECONNABORTED|EHOSTUNREACH|EADDRNOTAVAIL)\b/gi, (code) => NETWORK_WORDS[code.toUpperCase()]);
}

/** Removes secrets from any text that may reach the user. */
export function redact(text: string, secrets: Array<string | undefined>): string {
	let result = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
	}
	return result;
}

/**
 * One gate per execution: a 429 slows every request of the batch down instead of letting
 * each item hammer the server on its own.
 */
const rateLimitGates = new WeakMap<object, { until: number }>();

function gateFor(ctx: SoraContext): { until: number } {
	let gate = rateLimitGates.get(ctx);
	if (!gate) {
		gate = { until: 0 };
		rateLimitGates.set(ctx, gate);
	}
	return gate;
}

/** Raised when the execution is canceled (n8n's spelling, which its engine matches to mark the run canceled). */
export class CancelledError extends NodeOperationError {}

export function cancellation(ctx: SoraContext): CancelledError {
	return new CancelledError(ctx.getNode(), 'The execution was canceled');
}

function isCancelled(ctx: SoraContext): boolean {
	return cancelSignal(ctx)?.aborted === true;
}

export async function pause(ctx: SoraContext, ms: number): Promise<void> {
	if (ms <= 0) return;
	try {
		await sleep(ms, cancelSignal(ctx));
	} catch {
		throw cancellation(ctx);
	}
}

function networkCodeOf(error: unknown): string {
	const seen = new Set<unknown>();
	let current = error as { code?: unknown; cause?: unknown; name?: unknown } | undefined;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		if (current.name === 'CanceledError' || current.name === 'AbortError') return 'ERR_CANCELED';
		current = current.cause as typeof current;
	}
	const message = String((error as Error)?.message ?? '');
	const match = /\b(E[A-Z]{3,}|ERR_[A-Z_]+)\b/.exec(message);
	if (match) return match[1];
	return /timeout/i.test(message) ? 'ETIMEDOUT' : /aborted|socket hang up/i.test(message) ? 'ECONNRESET' : 'UNKNOWN';
}

async function readStreamText(stream: AsyncIterable<Buffer | string>): Promise<string> {
	let text = '';
	for await (const chunk of stream) {
		text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		if (text.length > 64_000) break;
	}
	return text;
}

function isUpload(value: unknown): value is UploadFile {
	return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadFile).data);
}

/** Builds a fresh multipart body (a body is consumed by sending it, so each attempt gets its own). */
export function toFormData(fields: Record<string, FormValue | undefined>, prefix = '', form = new FormData()): FormData {
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		const key = prefix ? `${prefix}[${name}]` : name;
		if (isUpload(value)) {
			form.append(key, new Blob([new Uint8Array(value.data)], { type: value.mimeType }), value.fileName);
		} else if (typeof value === 'object') {
			toFormData(value, key, form);
		} else {
			form.append(key, String(value));
		}
	}
	return form;
}

async function credentialsOf(ctx: SoraContext): Promise<SoraCredentials> {
	return (await ctx.getCredentials(CREDENTIAL_TYPE)) as unknown as SoraCredentials;
}

const MAY_EXIST =
	'The request may have reached the server, so it was not sent again: it could start a second paid job. Check the video list (List operation) before running it again.';

function about(request: SoraRequest): string {
	return request.subject ? ` (${request.subject})` : '';
}

/** Sends one request with the retry policy of its kind and returns the full response. */
export async function soraRequest<T>(ctx: SoraContext, request: SoraRequest): Promise<SoraResponse<T>> {
	const credentials = await credentialsOf(ctx);
	const secrets = [credentials.apiKey, credentials.webhookSecret];
	const itemIndex = request.itemIndex;
	let baseURL: string;
	let extraHeaders: Record<string, string>;
	try {
		baseURL = normalizeBaseUrl(credentials.baseUrl);
		extraHeaders = parseExtraHeaders(credentials.extraHeaders);
	} catch (error) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sora API credential: ${redact((error as Error).message, secrets)}`,
			{ itemIndex },
		);
	}
	const headers: IDataObject = { ...extraHeaders };
	if (credentials.organizationId) headers['OpenAI-Organization'] = credentials.organizationId;
	if (credentials.projectId) headers['OpenAI-Project'] = credentials.projectId;

	const gate = gateFor(ctx);
	for (let attempt = 1; ; attempt++) {
		if (isCancelled(ctx)) throw cancellation(ctx);
		await pause(ctx, gate.until - Date.now());

		const options: IHttpRequestOptions = {
			method: request.method,
			baseURL,
			url: request.path,
			qs: request.qs,
			headers: { ...headers },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs ?? (request.multipart ? UPLOAD_TIMEOUT_MS : DEFAULT_TIMEOUT_MS),
			// A download redirected to a storage URL must not carry the API key to that host.
			sendCredentialsOnCrossOriginRedirect: false,
		};
		if (request.multipart) options.body = toFormData(request.multipart);
		if (request.json) {
			options.body = request.json;
			options.json = true;
		}
		if (request.stream) options.encoding = 'stream';
		else options.json = true;

		let outcome: Outcome;
		let response: SoraResponse<unknown> | undefined;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_TYPE,
				options,
			)) as SoraResponse<unknown>;
			if (response.statusCode >= 200 && response.statusCode < 300) return response as SoraResponse<T>;
			outcome = { status: response.statusCode, headers: response.headers };
		} catch (error) {
			const networkCode = networkCodeOf(error);
			if (networkCode === 'ERR_CANCELED' || isCancelled(ctx)) throw cancellation(ctx);
			outcome = { networkCode };
			if (!isRetryable(request.kind, outcome) || attempt >= DEFAULT_RETRY_POLICY.maxAttempts) {
				const message = plainErrorText(redact((error as Error).message ?? String(error), secrets));
				throw new NodeOperationError(
					ctx.getNode(),
					`Could not reach the Sora API at ${baseURL}${about(request)}: ${message}`,
					{
						itemIndex,
						description:
							request.kind === 'create' && !neverSent(networkCode)
								? MAY_EXIST
								: `Gave up after ${attempt} attempt(s) (${networkCode}).`,
					},
				);
			}
		}

		if (response && (!isRetryable(request.kind, outcome) || attempt >= DEFAULT_RETRY_POLICY.maxAttempts)) {
			throw await apiError(ctx, response, request, secrets, attempt);
		}
		// A refused download's body is a stream: free its socket before asking again.
		if (request.stream) (response?.body as { destroy?: () => void } | undefined)?.destroy?.();
		const delay = retryDelayMs(attempt, outcome);
		if ('status' in outcome && outcome.status === 429) {
			gate.until = Math.max(gate.until, Date.now() + delay);
		} else {
			await pause(ctx, delay);
		}
		ctx.logger?.debug(`Sora API: retrying ${request.method} ${request.path} (attempt ${attempt + 1})`);
	}
}

async function apiError(
	ctx: SoraContext,
	response: SoraResponse<unknown>,
	request: SoraRequest,
	secrets: Array<string | undefined>,
	attempts: number,
): Promise<NodeApiError> {
	let body = response.body;
	if (request.stream && body && typeof body === 'object' && Symbol.asyncIterator in body) {
		const text = await readStreamText(body as AsyncIterable<Buffer>);
		try {
			body = JSON.parse(text);
		} catch {
			body = { error: { message: text.slice(0, 500) } };
		}
	}
	const error = ((body as { error?: IDataObject } | undefined)?.error ?? {}) as IDataObject;
	const apiMessage = redact(
		String(error.message ?? (typeof body === 'string' ? body.slice(0, 500) : `HTTP ${response.statusCode}`)),
		secrets,
	);
	const requestId = response.headers['x-request-id'];
	const details = [
		error.code ? `code: ${String(error.code)}` : '',
		error.param ? `param: ${String(error.param)}` : '',
		requestId ? `request id: ${String(requestId)}` : '',
		attempts > 1 ? `after ${attempts} attempts` : '',
	].filter(Boolean);
	const mayExist = request.kind === 'create' && response.statusCode >= 500;
	return new NodeApiError(
		ctx.getNode(),
		{ message: apiMessage, code: (error.code as string) ?? null, status: response.statusCode } as JsonObject,
		{
			itemIndex: request.itemIndex,
			httpCode: String(response.statusCode),
			message: `Sora API error ${response.statusCode}${about(request)}: ${apiMessage}`,
			description: [mayExist ? MAY_EXIST : '', details.join(', ')].filter(Boolean).join(' ') || undefined,
		},
	);
}

function pollAfterMs(headers: Record<string, unknown>): number | undefined {
	const value = Number(headers['openai-poll-after-ms']);
	return headers['openai-poll-after-ms'] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export interface VideoResponse {
	video: SoraVideo;
	pollAfterMs?: number;
}

function asVideoResponse(response: SoraResponse<SoraVideo>): VideoResponse {
	return { video: response.body, pollAfterMs: pollAfterMs(response.headers) };
}

export async function createVideo(
	ctx: SoraContext,
	fields: Record<string, FormValue | undefined>,
	itemIndex: number,
): Promise<VideoResponse> {
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, { method: 'POST', path: '/videos', kind: 'create', multipart: fields, itemIndex }),
	);
}

export async function remixVideo(ctx: SoraContext, videoId: string, prompt: string, itemIndex: number) {
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, {
			method: 'POST',
			path: `/videos/${encodeURIComponent(videoId)}/remix`,
			kind: 'create',
			json: { prompt },
			itemIndex,
			subject: `remix of video ${videoId}`,
		}),
	);
}

export async function editVideo(ctx: SoraContext, fields: Record<string, FormValue | undefined>, itemIndex: number) {
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, { method: 'POST', path: '/videos/edits', kind: 'create', multipart: fields, itemIndex }),
	);
}

export async function extendVideo(ctx: SoraContext, fields: Record<string, FormValue | undefined>, itemIndex: number) {
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, {
			method: 'POST',
			path: '/videos/extensions',
			kind: 'create',
			multipart: fields,
			itemIndex,
		}),
	);
}

export async function getVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<VideoResponse> {
	return asVideoResponse(
		await soraRequest<SoraVideo>(ctx, {
			method: 'GET',
			path: `/videos/${encodeURIComponent(videoId)}`,
			kind: 'read',
			itemIndex,
			subject: `video ${videoId}`,
		}),
	);
}

export async function listVideos(
	ctx: SoraContext,
	query: { limit?: number; order?: string; after?: string },
	itemIndex?: number,
): Promise<SoraVideoList> {
	const qs: IDataObject = {};
	if (query.limit !== undefined) qs.limit = query.limit;
	if (query.order) qs.order = query.order;
	if (query.after) qs.after = query.after;
	return (await soraRequest<SoraVideoList>(ctx, { method: 'GET', path: '/videos', kind: 'read', qs, itemIndex })).body;
}

export async function deleteVideo(ctx: SoraContext, videoId: string, itemIndex?: number): Promise<IDataObject> {
	return (
		await soraRequest<IDataObject>(ctx, {
			method: 'DELETE',
			path: `/videos/${encodeURIComponent(videoId)}`,
			kind: 'read',
			itemIndex,
			subject: `video ${videoId}`,
		})
	).body;
}

export interface ContentResponse {
	/** The response body as a Node.js Readable, which prepareBinaryData streams to storage. */
	stream: Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];
	contentType?: string;
	contentLength?: number;
}

export async function downloadContent(
	ctx: SoraContext,
	videoId: string,
	variant: VideoVariant,
	itemIndex?: number,
): Promise<ContentResponse> {
	const response = await soraRequest<ContentResponse['stream']>(ctx, {
		method: 'GET',
		path: `/videos/${encodeURIComponent(videoId)}/content`,
		qs: { variant },
		kind: 'read',
		stream: true,
		timeoutMs: DOWNLOAD_TIMEOUT_MS,
		itemIndex,
		subject: `video ${videoId}, ${variant}`,
	});
	const length = Number(response.headers['content-length']);
	return {
		stream: response.body,
		contentType: response.headers['content-type'] as string | undefined,
		contentLength: Number.isFinite(length) && response.headers['content-length'] !== undefined ? length : undefined,
	};
}

export async function createCharacter(
	ctx: SoraContext,
	fields: { name: string; video: UploadFile },
	itemIndex: number,
): Promise<SoraCharacter> {
	return (
		await soraRequest<SoraCharacter>(ctx, {
			method: 'POST',
			path: '/videos/characters',
			kind: 'create',
			multipart: fields,
			itemIndex,
		})
	).body;
}

export async function getCharacter(ctx: SoraContext, characterId: string, itemIndex?: number): Promise<SoraCharacter> {
	return (
		await soraRequest<SoraCharacter>(ctx, {
			method: 'GET',
			path: `/videos/characters/${encodeURIComponent(characterId)}`,
			kind: 'read',
			itemIndex,
			subject: `character ${characterId}`,
		})
	).body;
}

/** The server's model list, where it offers `GET /models`. */
export async function listModels(ctx: SoraContext): Promise<Array<{ id: string }>> {
	const response = await soraRequest<{ data?: Array<{ id: string }> }>(ctx, {
		method: 'GET',
		path: '/models',
		kind: 'read',
		timeoutMs: 15_000,
	});
	return Array.isArray(response.body?.data) ? response.body.data : [];
}
