/** Turning whatever arrived (object, text, bytes, nothing) into a JSON object, or saying what it was. */
import { htmlWords, looksLikeHtml, serverWords } from './errorText';
import { isObject } from './json';
import type { JsonObject } from './json';

export type Parsed = { ok: true; object: JsonObject } | { ok: false; reason: string };

function quote(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return `"${flat.length > 80 ? `${flat.slice(0, 79)}…` : flat}"`;
}

/** Describes a body that is not a JSON object, in words for an error message. */
export function describeBody(body: unknown): string {
	if (body === undefined || body === null) return 'an empty answer';
	if (Buffer.isBuffer(body) || body instanceof Uint8Array) return describeBody(Buffer.from(body).toString('utf8'));
	if (Array.isArray(body)) return 'a JSON list instead of an object';
	if (typeof body !== 'string') return `a bare value (${quote(String(body))})`;
	if (!body.trim()) return 'an empty answer';
	if (looksLikeHtml(body)) return `an HTML page (${quote(htmlWords(body) ?? 'no title')})`;
	return `a text answer (${quote(serverWords(body) ?? body)})`;
}

/** A JSON object from an object, a JSON text or JSON bytes. */
export function parseObject(body: unknown): Parsed {
	if (isObject(body)) return { ok: true, object: body };
	let value = body;
	if (Buffer.isBuffer(value) || value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
	if (typeof value === 'string' && /^\s*\{/.test(value)) {
		try {
			const parsed: unknown = JSON.parse(value);
			if (isObject(parsed)) return { ok: true, object: parsed };
		} catch {
			// Falls through to the description.
		}
	}
	return { ok: false, reason: describeBody(value) };
}

/** The first present value among aliases. */
export function pick(object: JsonObject, keys: readonly string[]): unknown {
	for (const key of keys) {
		const value = object[key];
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

/** A number from a number or a numeric string (`"45"`, `"45%"`). */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const match = /^\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
	return match ? Number(match[1]) : undefined;
}

/**
 * A Unix time in seconds from seconds, milliseconds (New API and other resellers),
 * microseconds, a numeric string or an ISO date.
 */
export function toUnixSeconds(value: unknown): number | undefined {
	const number = toNumber(value);
	if (number !== undefined) {
		if (number <= 0) return undefined;
		// 1e11 s is the year 5138 while 1e11 ms is 1973: no real date is ambiguous.
		if (number >= 1e14) return Math.floor(number / 1e6);
		return number >= 1e11 ? Math.floor(number / 1000) : Math.floor(number);
	}
	if (typeof value !== 'string') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
