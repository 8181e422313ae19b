/** The one reader of request headers (webhook deliveries), for every signature scheme. */

/** Request headers as Node gives them: names in lower case, a repeated header as an array. */
export type RequestHeaders = Record<string, string | string[] | undefined>;

/**
 * One header as trimmed text, or undefined when absent or blank. A repeated header gives its
 * first value; with `list`, for headers whose value is a list (Standard Webhooks' space-separated
 * signatures), every value joined by a space.
 */
export function headerText(headers: RequestHeaders, name: string, options: { list?: boolean } = {}): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? (options.list ? value.join(' ') : value[0]) : value;
	return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}
