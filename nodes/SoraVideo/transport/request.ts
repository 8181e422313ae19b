/** Sends one request with the retry policy of its kind; the only place that calls n8n's HTTP helper. */
import type { IHttpRequestOptions, NodeOperationError } from 'n8n-workflow';

import { connectionOf } from './config';
import type { Connection } from './config';
import { apiError, cancellation, networkCodeOf, networkError } from './errors';
import { multipartBody } from './multipart';
import { backOff, gateFor, isCancelled, waitForTurn } from './pacing';
import { RedirectLimitError, sendFollowingRedirects } from './redirects';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from './retry';
import type { Outcome } from './retry';
import type { SoraContext, SoraRequest, SoraResponse } from './types';

const DEFAULT_TIMEOUT_MS = 60_000;
const UPLOAD_TIMEOUT_MS = 300_000;

/** What one attempt brought back: an HTTP answer, or a network failure. */
export type Attempt = { response: SoraResponse<unknown> } | { error: unknown; networkCode: string };

function httpOptions(connection: Connection, request: SoraRequest): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL: connection.baseURL,
		url: request.path,
		qs: request.qs,
		// Credential headers are added per hop by redirects.ts, only on the Base URL's origin.
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeoutMs ?? (request.multipart ? UPLOAD_TIMEOUT_MS : DEFAULT_TIMEOUT_MS),
	};
	if (request.multipart) {
		// StreamedForm has what axios looks for in a form; n8n's option type knows only FormData.
		options.body = multipartBody(request.multipart) as FormData;
	}
	if (request.json) {
		options.body = request.json;
		options.json = true;
	}
	if (request.stream) options.encoding = 'stream';
	else options.json = true;
	return options;
}

async function sendOnce(ctx: SoraContext, connection: Connection, request: SoraRequest): Promise<Attempt> {
	try {
		const response = await sendFollowingRedirects(ctx, connection, httpOptions(connection, request), request);
		return { response };
	} catch (error) {
		// Already a node error that names the request: not a network fault to retry or rephrase.
		if (error instanceof RedirectLimitError) throw error as NodeOperationError;
		const networkCode = networkCodeOf(error);
		if (networkCode === 'ERR_CANCELED' || isCancelled(ctx)) throw cancellation(ctx);
		return { error, networkCode };
	}
}

function outcomeOf(attempt: Attempt): Outcome {
	return 'response' in attempt
		? { status: attempt.response.statusCode, headers: attempt.response.headers }
		: { networkCode: attempt.networkCode };
}

function isSuccess(attempt: Attempt): boolean {
	return 'response' in attempt && attempt.response.statusCode >= 200 && attempt.response.statusCode < 300;
}

async function finalError(ctx: SoraContext, connection: Connection, request: SoraRequest, attempt: Attempt, count: number) {
	const { baseURL, secrets } = connection;
	if ('response' in attempt) return await apiError(ctx, attempt.response, request, secrets, count);
	return networkError(ctx, request, attempt, { baseURL, secrets, attempts: count });
}

/** One try without retries, for a caller that paces itself (the poll loop); `error()` builds the error for it. */
export async function soraAttempt(ctx: SoraContext, request: SoraRequest) {
	const connection = await connectionOf(ctx, request.itemIndex);
	await waitForTurn(ctx, gateFor(ctx));
	const attempt = await sendOnce(ctx, connection, request);
	return { attempt, secrets: connection.secrets, error: async () => await finalError(ctx, connection, request, attempt, 1) };
}

/** Sends one request with the retry policy of its kind and returns the full response. */
export async function soraRequest<T>(ctx: SoraContext, request: SoraRequest): Promise<SoraResponse<T>> {
	const connection = await connectionOf(ctx, request.itemIndex);
	const gate = gateFor(ctx);
	for (let count = 1; ; count++) {
		await waitForTurn(ctx, gate);
		const attempt = await sendOnce(ctx, connection, request);
		if (isSuccess(attempt)) return (attempt as { response: SoraResponse<T> }).response;
		const outcome = outcomeOf(attempt);
		if (!isRetryable(request.kind, outcome) || count >= DEFAULT_RETRY_POLICY.maxAttempts) {
			throw await finalError(ctx, connection, request, attempt, count);
		}
		// A refused download's body is a stream: free its socket before asking again.
		if (request.stream && 'response' in attempt) {
			(attempt.response.body as { destroy?: () => void } | undefined)?.destroy?.();
		}
		await backOff(ctx, gate, retryDelayMs(count, outcome), 'status' in outcome && outcome.status === 429);
		ctx.logger?.debug(`Sora API: retrying ${request.method} ${request.path} (attempt ${count + 1})`);
	}
}
