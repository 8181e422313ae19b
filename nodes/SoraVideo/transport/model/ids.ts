/**
 * Ids as servers give them. LiteLLM's ids are base64 and can hold `+`, `/` and `=`; resellers
 * use `sora-2-123456` or plain numbers. Any id a server returned must be usable again by every
 * operation, travel intact in a path, and give a file name that is safe on every system.
 */

/** Longer than any id seen (LiteLLM's are ~200 characters); beyond this it is pasted data, not an id. */
export const MAX_ID_LENGTH = 4096;

function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/** Why a value cannot be an id, or undefined when it can. Only the impossible is refused. */
export function idProblem(id: unknown): string | undefined {
	if (typeof id !== 'string' && typeof id !== 'number') return 'is not text';
	const value = String(id).trim();
	if (!value) return 'is empty';
	if (hasControlCharacter(value)) return 'holds a line break or another control character';
	// URL parsers resolve `.` and `..` segments even when percent-encoded, so no server can route them.
	if (/^\.{1,2}$/.test(value)) return 'is a dot, which cannot be a path segment';
	if (value.length > MAX_ID_LENGTH) return `is longer than ${MAX_ID_LENGTH} characters`;
	return undefined;
}

export function isAcceptableId(id: unknown): boolean {
	return idProblem(id) === undefined;
}

/** The id as typed or pasted: surrounding whitespace is a pasting accident, never part of an id. */
export function normalizeId(id: string | number): string {
	return String(id).trim();
}

/** One path segment: `/`, `+`, `=`, `?`, `#` and `%` all arrive as the server wrote them. */
export function encodeIdForPath(id: string): string {
	return encodeURIComponent(id);
}

/** FNV-1a: a short, stable fingerprint so that two ids never share a file name. */
function fingerprint(text: string): string {
	let hash = 0x811c9dc5;
	for (const byte of Buffer.from(text, 'utf8')) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

const MAX_NAME_LENGTH = 120;

/**
 * A file name made of the whole id. Characters that are unsafe in file names (path separators,
 * `+`, `=`, spaces, non-ASCII...) become `_`; when anything was replaced or cut, a fingerprint of
 * the real id is added so that `a/b` and `a_b` stay different files. The same id always gives
 * the same name.
 */
export function safeFileName(id: string, extension: string): string {
	const ext = extension.replace(/^\.+/, '').replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
	let base = id.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]+/, '_');
	const changed = base !== id || base.length > MAX_NAME_LENGTH;
	if (changed) base = `${base.slice(0, MAX_NAME_LENGTH)}-${fingerprint(id)}`;
	if (!id) base = 'video';
	return ext ? `${base}.${ext}` : base;
}
