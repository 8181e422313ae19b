/**
 * Every error the transport raises: cancellation, unreachable servers and API error responses,
 * each with secrets removed and the subject of the request named.
 */
import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { serverError } from './model/errorText';
import { neverSent } from './retry';
import type { SoraContext, SoraRequest, SoraResponse } from './types';

/**
 * What an error item says beside its message, whatever the server sent: the server's code, the
 * HTTP status of the answer, the video concerned. Kept in the error's context under these keys.
 */
export interface ErrorFacts {
	code?: string;
	status?: number;
	videoId?: string;
}

const FACT_KEYS = { code: 'errorCode', status: 'httpStatus', videoId: 'videoId' } as const;

/** Records the facts on an n8n error (undefined ones are skipped) and returns it. */
export function withFacts<E extends { context: IDataObject }>(error: E, facts: ErrorFacts): E {
	for (const [fact, key] of Object.entries(FACT_KEYS) as Array<[keyof ErrorFacts, string]>) {
		const value = facts[fact];
		if (value !== undefined && value !== null && value !== '') error.context[key] = value;
	}
	return error;
}

/** The facts recorded on an error, if any. */
export function factsOf(error: unknown): ErrorFacts {
	const context = (error as { context?: IDataObject } | undefined)?.context;
	if (!context || typeof context !== 'object') return {};
	const facts: ErrorFacts = {};
	if (typeof context.errorCode === 'string') facts.code = context.errorCode;
	if (typeof context.httpStatus === 'number') facts.status = context.httpStatus;
	if (typeof context.videoId === 'string') facts.videoId = context.videoId;
	return facts;
}

/** Raised when the execution is canceled (n8n's spelling, which its engine matches to mark the run canceled). */
export class CancelledError extends NodeOperationError {}

export function cancellation(ctx: SoraContext): CancelledError {
	return new CancelledError(ctx.getNode(), 'The execution was canceled');
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

/** The network code behind a failed request, looked for in the error, its causes and its message. */
export function networkCodeOf(error: unknown): string {
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

/** Where to look for a job that may have started, on a server with a video list; a dialect without one says its own. */
export const FIND_STARTED_JOB = 'Check the video list (List operation) before running it again.';

/** For an answer to a create that holds no job: the server took the request, so a job may exist. */
export function acceptedMayHaveStarted(who = 'The server', findStartedJob = FIND_STARTED_JOB): string {
	return `${who} accepted the request, so a job may have started and may be charged. ${findStartedJob}`;
}

const mayExist = (findStartedJob = FIND_STARTED_JOB) =>
	`The request may have reached the server, so it was not sent again: it could start a second paid job. ${findStartedJob}`;

function about(request: SoraRequest): string {
	return request.subject ? ` (${request.subject})` : '';
}

/** The error for a request that got no answer: the server could not be reached or the connection broke. */
export function networkError(
	ctx: SoraContext,
	request: SoraRequest,
	failure: { error: unknown; networkCode: string },
	context: { baseURL: string; secrets: Array<string | undefined>; attempts: number },
): NodeOperationError {
	const { error, networkCode } = failure;
	const message = plainErrorText(redact((error as Error).message ?? String(error), context.secrets));
	const nodeError = new NodeOperationError(
		ctx.getNode(),
		`Could not reach the Sora API at ${context.baseURL}${about(request)}: ${message}`,
		{
			itemIndex: request.itemIndex,
			description:
				request.kind === 'create' && !neverSent(networkCode)
					? mayExist(request.findStartedJob)
					: `Gave up after ${context.attempts} attempt(s) (${networkCode}).`,
		},
	);
	return withFacts(nodeError, { code: networkCode === 'UNKNOWN' ? undefined : networkCode, videoId: request.videoId });
}

async function readStreamText(stream: AsyncIterable<Buffer | string>): Promise<string> {
	let text = '';
	for await (const chunk of stream) {
		text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
		if (text.length > 64_000) break;
	}
	return text;
}

/** A refused download answers with a stream; its error body is read from it as text. */
async function errorBodyOf(response: SoraResponse<unknown>, request: SoraRequest): Promise<unknown> {
	const body = response.body;
	if (!request.stream || !body || typeof body !== 'object' || !(Symbol.asyncIterator in body)) return body;
	return await readStreamText(body as AsyncIterable<Buffer>);
}

/**
 * The error for an answer outside 2xx, with the server's own words whatever the shape of its
 * body (model/errorText.ts), its code, parameter and request id.
 */
export async function apiError(
	ctx: SoraContext,
	response: SoraResponse<unknown>,
	request: SoraRequest,
	secrets: Array<string | undefined>,
	attempts: number,
): Promise<NodeApiError> {
	const said = serverError(await errorBodyOf(response, request), { redact: (text) => redact(text, secrets) });
	const apiMessage = said?.message ?? `the server gave no explanation (HTTP ${response.statusCode})`;
	const requestId = response.headers['x-request-id'];
	const details = [
		said?.code ? `code: ${said.code}` : '',
		said?.param ? `param: ${said.param}` : '',
		requestId ? `request id: ${String(requestId)}` : '',
		attempts > 1 ? `after ${attempts} attempts` : '',
	].filter(Boolean);
	const mayStart = request.kind === 'create' && response.statusCode >= 500;
	const error = new NodeApiError(
		ctx.getNode(),
		{ message: apiMessage, code: said?.code ?? null, status: response.statusCode } as JsonObject,
		{
			itemIndex: request.itemIndex,
			httpCode: String(response.statusCode),
			message: `Sora API error ${response.statusCode}${about(request)}: ${apiMessage}`,
			description: [mayStart ? mayExist(request.findStartedJob) : '', details.join(', ')].filter(Boolean).join(' ') || undefined,
		},
	);
	return withFacts(error, { code: said?.code, status: response.statusCode, videoId: request.videoId });
}
