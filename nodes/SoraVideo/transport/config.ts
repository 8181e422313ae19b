/** Reads the credential once per request: Base URL, extra headers and the secrets to redact. */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeBaseUrl } from './baseUrl';
import { redact } from './errors';
import type { SoraContext, SoraCredentials } from './types';

export const CREDENTIAL_TYPE = 'soraApi';

export { normalizeBaseUrl };

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

/**
 * The credential, read (and decrypted by n8n) once per node execution or webhook call: every
 * request, dialect check and poll of that context asks again, and the answer cannot change.
 */
const readOnce = new WeakMap<object, Promise<SoraCredentials>>();

export async function readCredentials(ctx: SoraContext): Promise<SoraCredentials> {
	let pending = readOnce.get(ctx);
	if (!pending) {
		pending = ctx.getCredentials<SoraCredentials>(CREDENTIAL_TYPE);
		readOnce.set(ctx, pending);
		// A failed read is not kept: the next request asks n8n again.
		pending.catch(() => readOnce.delete(ctx));
	}
	return await pending;
}

/** What every request needs from the credential. */
export interface Connection {
	baseURL: string;
	headers: IDataObject;
	/** Values that must never reach an error message: the key, the webhook secret, every extra header value. */
	secrets: Array<string | undefined>;
}

export async function connectionOf(ctx: SoraContext, itemIndex?: number): Promise<Connection> {
	const credentials = await readCredentials(ctx);
	const secrets = [credentials.apiKey, credentials.webhookSecret];
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
	// Extra headers often carry a second key (a gateway's, a tenant's): redacted like the API key.
	secrets.push(...Object.values(extraHeaders));
	const headers: IDataObject = { ...extraHeaders };
	if (credentials.organizationId) headers['OpenAI-Organization'] = credentials.organizationId;
	if (credentials.projectId) headers['OpenAI-Project'] = credentials.projectId;
	return { baseURL, headers, secrets };
}
