/**
 * Prompt text as the contract counts it and as it should arrive.
 *
 * Length: the contract's `maxLength: 32000` is JSON Schema's, which counts Unicode code points;
 * JavaScript's `length` counts UTF-16 units, so an emoji would count twice.
 *
 * Body format: `FormData` turns every `\n` of a string field into `\r\n` (the HTML multipart
 * rule), so a multipart prompt does not arrive as typed, while a JSON body keeps it byte for
 * byte. The contract accepts JSON for create, edits and extensions whenever no file is
 * uploaded, OpenRouter accepts JSON only, and LiteLLM reads either. The official SDKs send
 * multipart only because they allow a file; so a request without a file goes as JSON, and
 * multipart is kept for uploads, where it is the only way to send the file.
 */
export const PROMPT_MAX_CHARACTERS = 32_000;

/** Characters as the contract counts them: code points, so 👋 is one and é (one code point) is one. */
export function countCharacters(text: string): number {
	return Array.from(text).length;
}

/** The error words when a prompt is over the limit, or undefined when it fits. */
export function promptLengthProblem(prompt: string, max = PROMPT_MAX_CHARACTERS): string | undefined {
	const count = countCharacters(prompt);
	return count > max ? `is ${count} characters long; the maximum is ${max}` : undefined;
}

export type BodyFormat = 'json' | 'multipart';

/** JSON unless a file goes with the request (see the note at the top). */
export function bodyFormatFor(fields: Record<string, unknown>): BodyFormat {
	return Object.values(fields).some(holdsFile) ? 'multipart' : 'json';
}

function holdsFile(value: unknown): boolean {
	if (Buffer.isBuffer(value) || value instanceof Blob) return true;
	if (typeof value !== 'object' || value === null) return false;
	if (Buffer.isBuffer((value as { data?: unknown }).data)) return true;
	// A file streamed from n8n's binary store (StreamedUpload) has no bytes yet, only open().
	if (typeof (value as { open?: unknown }).open === 'function') return true;
	return Object.values(value).some(holdsFile);
}
