/**
 * The Base URL rules, written once: the node applies them with normalizeBaseUrl, and the
 * credential's test request applies the same list as an n8n expression (BASE_URL_EXPRESSION).
 * Pure, with no imports, so that the credential file can import it by relative path.
 */

/** Each rule in order: a trailing `/` and a pasted `/videos` go; a bare host gets its API root. */
const RULES: Array<[pattern: RegExp, replacement: string]> = [
	[/\/+$/, ''],
	[/\/videos$/i, ''],
	// Azure OpenAI's v1 API lives under /openai/v1 of the resource host. (The escaped `/` in
	// classes keeps the expression's regex literals unambiguous to n8n's expression parser.)
	// eslint-disable-next-line no-useless-escape
	[/^(https?:\/\/[^\/]+\.openai\.azure\.com)(\/openai)?$/i, '$1/openai/v1'],
	// OpenRouter's API lives under /api/v1 of its host.
	[/^(https?:\/\/(www\.)?openrouter\.ai)$/i, '$1/api/v1'],
	// Any other bare host means the OpenAI-style /v1 root.
	// eslint-disable-next-line no-useless-escape
	[/^(https?:\/\/[^\/]+)$/i, '$1/v1'],
];

/**
 * Accepts the Base URL as providers write it: with or without a trailing slash or a pasted
 * `/videos`; a bare host means the OpenAI-style `/v1` root (`/openai/v1` for Azure OpenAI).
 */
export function normalizeBaseUrl(raw: string): string {
	const trimmed = (raw ?? '').trim();
	if (!/^https?:\/\/[^/\s]+/i.test(trimmed.replace(/\/+$/, '').replace(/\/videos$/i, ''))) {
		// The value is not quoted: a key pasted into the wrong field must not be echoed.
		throw new Error('Base URL must start with http:// or https://');
	}
	return RULES.reduce((url, [pattern, replacement]) => url.replace(pattern, replacement), trimmed);
}

/** The same rules as an n8n expression over `$credentials.baseUrl`, for the credential's test request. */
export const BASE_URL_EXPRESSION = `={{ $credentials.baseUrl.trim()${RULES.map(([pattern, replacement]) => `.replace(${String(pattern)}, ${JSON.stringify(replacement)})`).join('')} }}`;
