/**
 * Redirects, followed here rather than by n8n's HTTP helper: the helper's
 * `sendCredentialsOnCrossOriginRedirect: false` drops only `Authorization`, so an Azure
 * `api-key`, OpenAI-Organization/-Project and the Extra Headers would follow a redirect to a
 * storage host or CDN. Here every header derived from the credential goes only to the Base
 * URL's origin (scheme, host, port); a hop to another origin, and every hop after it, is sent
 * through the plain helper with none of them. The same rule applies to links a server hands out.
 */
import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from './config';
import { withFacts } from './errors';
import type { Connection } from './config';
import { StreamedForm } from './multipart';
import type { SoraContext, SoraResponse } from './types';

/** Hops followed after the first request; one more redirect is an error. */
export const MAX_REDIRECTS = 5;

/** Too many hops: not a network fault, so never retried. */
export class RedirectLimitError extends NodeOperationError {}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** `scheme://host:port` of a URL (default ports made explicit by URL itself), or '' when it is not one. */
export function originOf(url: string): string {
	try {
		return new URL(url).origin;
	} catch {
		return '';
	}
}

/** True when `url` is on the Base URL's origin: the only place credential headers may go. */
export function isCredentialOrigin(connection: Pick<Connection, 'baseURL'>, url: string): boolean {
	const origin = originOf(url);
	return origin !== '' && origin !== 'null' && origin === originOf(connection.baseURL);
}

/** The absolute URL axios builds from `baseURL` + `url` (qs aside), to resolve a relative Location against. */
function absoluteUrl(options: IHttpRequestOptions): string {
	if (!options.baseURL) return options.url;
	return `${options.baseURL.replace(/\/+$/, '')}/${options.url.replace(/^\/+/, '')}`;
}

function headerOf(headers: Record<string, unknown>, name: string): string | undefined {
	const value = headers[name] ?? headers[name.toLowerCase()];
	return Array.isArray(value) ? String(value[0]) : typeof value === 'string' ? value : undefined;
}

/** The next hop's request per the redirect status, or null when it cannot be sent again as it was. */
function nextHop(options: IHttpRequestOptions, status: number, url: string): IHttpRequestOptions | null {
	const { baseURL, qs, ...rest } = options;
	void baseURL;
	void qs;
	const method = (options.method ?? 'GET').toUpperCase();
	// 303 always, and 301/302 after a POST, become a GET without the body (as browsers and axios do).
	if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
		const { body, ...withoutBody } = rest;
		void body;
		return { ...withoutBody, url, method: method === 'HEAD' ? 'HEAD' : 'GET' };
	}
	// 307/308 repeat the request as it was; a streamed upload cannot be read a second time.
	if (options.body instanceof StreamedForm) return null;
	return { ...rest, url };
}

function destroyBody(response: SoraResponse<unknown>) {
	(response.body as { destroy?: () => void } | undefined)?.destroy?.();
}

/** One hop: with the credential on its origin, through the plain helper without any of it elsewhere. */
async function sendHop(ctx: SoraContext, connection: Connection, options: IHttpRequestOptions, credentialed: boolean) {
	const hop: IHttpRequestOptions = { ...options, disableFollowRedirect: true, returnFullResponse: true, ignoreHttpStatusErrors: true };
	if (!credentialed) {
		return (await ctx.helpers.httpRequest({ ...hop, headers: { ...(options.headers ?? {}) } })) as SoraResponse<unknown>;
	}
	hop.headers = { ...connection.headers, ...(options.headers ?? {}) };
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, hop)) as SoraResponse<unknown>;
}

/**
 * Sends `options` (its `url` relative to `baseURL`, or absolute) and follows up to MAX_REDIRECTS
 * redirects. Credential headers travel only while every hop so far stayed on the Base URL's
 * origin: once a redirect leaves it, nothing of the credential is sent again, even back there.
 * `options.headers` must hold only headers of the request itself, never credential ones.
 */
export async function sendFollowingRedirects(
	ctx: SoraContext,
	connection: Connection,
	options: IHttpRequestOptions,
	context: { subject?: string; itemIndex?: number; videoId?: string } = {},
): Promise<SoraResponse<unknown>> {
	let current = options;
	let url = absoluteUrl(options);
	let credentialed = isCredentialOrigin(connection, url);
	for (let hops = 0; ; hops++) {
		const response = await sendHop(ctx, connection, current, credentialed);
		const location = headerOf(response.headers, 'location');
		if (!REDIRECT_STATUSES.has(response.statusCode) || !location) return response;
		const target = new URL(location, url).toString();
		if (hops >= MAX_REDIRECTS) {
			destroyBody(response);
			const error = new RedirectLimitError(
				ctx.getNode(),
				`${context.subject ?? 'The request'}: the server redirected more than ${MAX_REDIRECTS} times (the last hop to ${originOf(target) || 'an invalid address'}); stopped there`,
				{ itemIndex: context.itemIndex, description: 'A redirect loop, or a chain longer than a storage link needs. Nothing was stored.' },
			);
			throw withFacts(error, { status: response.statusCode, videoId: context.videoId });
		}
		const next = nextHop(current, response.statusCode, target);
		if (!next) return response;
		destroyBody(response);
		credentialed = credentialed && isCredentialOrigin(connection, target);
		current = next;
		url = target;
	}
}
