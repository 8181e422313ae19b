/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test harness, not a node */
// The request and response a webhook node meets in n8n 2.41, made from plain node:http objects:
// express's res.status/json/send, and n8n's readRawBody() + JSON body parsing (its webhook
// helpers and body-parser middleware), including the 422 for JSON that does not parse.
import type http from 'node:http';
import type { IDataObject } from 'n8n-workflow';

export type N8nRequest = http.IncomingMessage & {
	rawBody?: Buffer;
	readRawBody(): Promise<void>;
	body?: unknown;
	contentType?: string;
	params: IDataObject;
	query: IDataObject;
};

export type N8nResponse = http.ServerResponse & {
	status(code: number): N8nResponse;
	json(body: unknown): N8nResponse;
	send(body?: unknown): N8nResponse;
};

/** The express Response methods nodes use, on a plain ServerResponse. */
export function expressLike(res: http.ServerResponse): N8nResponse {
	const out = res as N8nResponse;
	out.status = (code: number) => {
		out.statusCode = code;
		return out;
	};
	out.json = (body: unknown) => {
		if (!out.headersSent) out.setHeader('content-type', 'application/json; charset=utf-8');
		out.end(JSON.stringify(body));
		return out;
	};
	out.send = (body?: unknown) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return out.json(body);
		out.end(body === undefined ? undefined : Buffer.isBuffer(body) ? body : String(body));
		return out;
	};
	return out;
}

/** n8n's request fields on a plain IncomingMessage: content type, params, query, readRawBody(). */
export function n8nRequest(req: http.IncomingMessage, url: URL): N8nRequest {
	const out = req as N8nRequest;
	out.contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() || undefined;
	out.params = {};
	out.query = Object.fromEntries(url.searchParams);
	out.readRawBody = async () => {
		if (out.rawBody) return;
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		out.rawBody = Buffer.concat(chunks);
	};
	return out;
}

/**
 * n8n's parseBody: reads the raw bytes and parses a JSON body into req.body ({} otherwise).
 * Returns the raw bytes, or null when the JSON does not parse (n8n answers 422 then).
 */
export async function parseBody(req: N8nRequest): Promise<Buffer | null> {
	await req.readRawBody();
	const raw = req.rawBody ?? Buffer.alloc(0);
	req.body = {};
	if (req.contentType === 'application/json' && raw.length) {
		try {
			req.body = JSON.parse(raw.toString('utf8'));
		} catch {
			return null;
		}
	}
	return raw;
}
