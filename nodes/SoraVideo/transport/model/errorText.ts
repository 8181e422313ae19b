/**
 * The server's own words from an error body, whatever its shape: OpenAI's
 * `{error: {message, code, type, param}}`, FastAPI's `{detail: "..." | [{loc, msg}]}`, validator
 * lists, `{message}`, `{error: "..."}`, RFC 7807 problems, plain text, or a proxy's HTML page.
 */
import { isObject } from './json';
import type { JsonObject } from './json';

export interface ServerError {
	message: string;
	code?: string;
	type?: string;
	param?: string;
}

export interface ErrorTextOptions {
	/** Removes secrets; the transport passes its own redaction. */
	redact?: (text: string) => string;
	maxLength?: number;
}

const MAX_LENGTH = 500;

function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') return undefined;
	const trimmed = value.replace(/\s+/g, ' ').trim();
	return trimmed || undefined;
}

/** One violation of a validator list: `{loc, msg}`, `{field, message}`, or a string. */
function violation(entry: unknown): string | undefined {
	if (!isObject(entry)) return text(entry);
	const words = text(entry.msg) ?? text(entry.message) ?? text(entry.detail) ?? text(entry.description);
	const where = Array.isArray(entry.loc)
		? entry.loc.filter((part) => part !== 'body').join('.')
		: (text(entry.field) ?? text(entry.param) ?? text(entry.path));
	if (!words) return where ? undefined : objectWords(entry);
	return where ? `${where}: ${words}` : words;
}

function violations(list: unknown[]): string | undefined {
	return text(list.map(violation).filter(Boolean).join('; '));
}

/** `{errors: {prompt: ["too long"]}}`, as Rails and ASP.NET validators send. */
function fieldErrors(map: JsonObject): string | undefined {
	const parts = Object.entries(map).map(([field, value]) => {
		const words = Array.isArray(value) ? violations(value) : (text(value) ?? (isObject(value) ? objectWords(value) : undefined));
		return words ? `${field}: ${words}` : undefined;
	});
	return text(parts.filter(Boolean).join('; '));
}

/** The first message-like field of an object, looking one level into common wrappers. */
function objectWords(body: JsonObject): string | undefined {
	for (const key of ['message', 'msg', 'error_message', 'errorMessage', 'error_msg', 'detail', 'title', 'reason', 'description']) {
		const value = body[key];
		const words = Array.isArray(value) ? violations(value) : isObject(value) ? objectWords(value) : text(value);
		if (words) return words;
	}
	if (typeof body.error === 'string') return text(body.error);
	if (isObject(body.error)) return objectWords(body.error);
	if (Array.isArray(body.errors)) return violations(body.errors);
	if (isObject(body.errors)) return fieldErrors(body.errors);
	return undefined;
}

function fromObject(body: JsonObject): ServerError | null {
	const inner = isObject(body.error) ? body.error : body;
	let message = objectWords(body);
	// RFC 7807: the title says the kind, the detail says what happened.
	if (text(body.title) && text(body.detail) && !isObject(body.error)) message = `${text(body.title)}: ${text(body.detail)}`;
	const error: ServerError = { message: message ?? JSON.stringify(body) };
	if (message === undefined && error.message === '{}') return null;
	const code = text(inner.code) ?? text(body.code);
	if (code) error.code = code;
	if (text(inner.type)) error.type = text(inner.type);
	if (text(inner.param)) error.param = text(inner.param);
	return error;
}

/** The title or first heading of an HTML page, else its visible text. */
export function htmlWords(html: string): string | undefined {
	const strip = (part: string) => text(part.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&'));
	const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
	const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
	const body = html.replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, ' ');
	return (title && strip(title)) || (heading && strip(heading)) || strip(body);
}

export function looksLikeHtml(textBody: string): boolean {
	return /^\s*<(!doctype\s+html|html|head|body|title|h1|center|div|p)\b/i.test(textBody);
}

function fromText(raw: string): ServerError | null {
	const trimmed = raw.trim();
	if (!trimmed) return null;
	if (/^[{[]/.test(trimmed)) {
		try {
			return serverError(JSON.parse(trimmed));
		} catch {
			// Not JSON after all: shown as text.
		}
	}
	const words = looksLikeHtml(trimmed) ? htmlWords(trimmed) : text(trimmed);
	return words ? { message: words } : null;
}

function cap(error: ServerError | null, options: ErrorTextOptions): ServerError | null {
	if (!error) return null;
	// A server that echoes the request's Authorization header must not get it shown either.
	const redact = (value: string) =>
		(options.redact ?? ((same: string) => same))(value).replace(/\b(Bearer|Basic)\s+[\w.~+/=-]{8,}/gi, '$1 [redacted]');
	const max = options.maxLength ?? MAX_LENGTH;
	const message = redact(error.message);
	const result: ServerError = { ...error, message: message.length > max ? `${message.slice(0, max - 1)}…` : message };
	for (const key of ['code', 'type', 'param'] as const) if (result[key]) result[key] = redact(result[key]!).slice(0, 200);
	return result;
}

/** The server's words and codes from any error body; null when the body says nothing. */
export function serverError(body: unknown, options: ErrorTextOptions = {}): ServerError | null {
	if (body === undefined || body === null) return null;
	if (Buffer.isBuffer(body) || body instanceof Uint8Array) return cap(fromText(Buffer.from(body).toString('utf8')), options);
	if (typeof body === 'string') return cap(fromText(body), options);
	if (Array.isArray(body)) return cap(violations(body) ? { message: violations(body)! } : null, options);
	if (isObject(body)) return cap(fromObject(body), options);
	return cap(text(body) ? { message: text(body)! } : null, options);
}

/** Only the words, for messages. */
export function serverWords(body: unknown, options: ErrorTextOptions = {}): string | null {
	return serverError(body, options)?.message ?? null;
}
