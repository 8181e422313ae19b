/**
 * Multipart bodies for uploads.
 *
 * Files in memory go into a web FormData as Blobs. A file in n8n's binary store (StreamedUpload)
 * is never read whole: the body is then a StreamedForm, the few members of the web FormData that
 * the HTTP client inside n8n's request helper (axios) checks to treat a body as a spec-compliant
 * form, which it encodes part by part, reading each file part through its stream(). The file is
 * opened only then and goes out chunk by chunk. The request must not follow redirects (see
 * request.ts): the redirect follower keeps the whole body to be able to send it again.
 */
import type { JobFields, FieldValue, StreamedUpload, UploadFile } from './types';

/** A file in memory (bytes in a Buffer), as opposed to a stored one to stream or a plain value. */
export function isUpload(value: unknown): value is UploadFile {
	return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadFile).data);
}

export function isStreamedUpload(value: unknown): value is StreamedUpload {
	return typeof value === 'object' && value !== null && typeof (value as StreamedUpload).open === 'function';
}

/** What axios reads from a file part of a form: name, type, exact size and stream(). */
interface FilePart {
	readonly name: string;
	readonly type: string;
	readonly size: number;
	stream(): AsyncIterable<Uint8Array>;
}

/** A stored file as a form part: opened when read, and checked to have the size announced. */
function streamedPart(file: StreamedUpload): FilePart {
	return {
		name: file.fileName,
		type: file.mimeType,
		size: file.bytes,
		async *stream() {
			let sent = 0;
			for await (const chunk of await file.open()) {
				sent += chunk.length;
				yield chunk;
			}
			if (sent !== file.bytes) {
				throw new Error(`the file "${file.fileName}" changed while it was sent: ${sent} of ${file.bytes} bytes`);
			}
		},
	};
}

/** A file in memory as a form part (when the same body also streams a stored file). */
function memoryPart(file: UploadFile): FilePart {
	return {
		name: file.fileName,
		type: file.mimeType,
		size: file.data.length,
		async *stream() {
			yield file.data;
		},
	};
}

/** The members of the web FormData that axios needs to stream a form (utils.isSpecCompliantForm). */
export class StreamedForm {
	readonly [Symbol.toStringTag] = 'FormData';
	readonly parts: Array<[string, string | FilePart]> = [];

	append(name: string, value: string | FilePart): void {
		this.parts.push([name, value]);
	}

	entries(): IterableIterator<[string, string | FilePart]> {
		return this.parts[Symbol.iterator]();
	}

	[Symbol.iterator](): IterableIterator<[string, string | FilePart]> {
		return this.entries();
	}
}

/** Whether any field, nested ones included, is a stored file to stream. */
export function streams(fields: JobFields): boolean {
	return Object.values(fields).some(
		(value: FieldValue | undefined) =>
			isStreamedUpload(value) || (typeof value === 'object' && !isUpload(value) && streams(value)),
	);
}

/** Builds a fresh web FormData (a body is consumed by sending it, so each attempt gets its own). */
export function toFormData(fields: JobFields, prefix = '', form = new FormData()): FormData {
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		const key = prefix ? `${prefix}[${name}]` : name;
		if (isUpload(value)) {
			form.append(key, new Blob([new Uint8Array(value.data)], { type: value.mimeType }), value.fileName);
		} else if (isStreamedUpload(value)) {
			throw new Error(`the stored file "${value.fileName}" must be sent with multipartBody()`);
		} else if (typeof value === 'object') {
			toFormData(value, key, form);
		} else {
			form.append(key, String(value));
		}
	}
	return form;
}

/** The same fields as a StreamedForm: every file part is read through stream() when it is sent. */
function toStreamedForm(fields: JobFields, prefix = '', form = new StreamedForm()): StreamedForm {
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		const key = prefix ? `${prefix}[${name}]` : name;
		if (isStreamedUpload(value)) form.append(key, streamedPart(value));
		else if (isUpload(value)) form.append(key, memoryPart(value));
		else if (typeof value === 'object') toStreamedForm(value, key, form);
		else form.append(key, String(value));
	}
	return form;
}

/**
 * A fresh body for one attempt: the web FormData when every file is in memory, a StreamedForm
 * (each stored file opened again from its start) when a file is to be streamed.
 */
export function multipartBody(fields: JobFields): FormData | StreamedForm {
	return streams(fields) ? toStreamedForm(fields) : toFormData(fields);
}
