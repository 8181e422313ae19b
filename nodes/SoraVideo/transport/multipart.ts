/** Multipart bodies for uploads. */
import type { FormFields, UploadFile } from './types';

function isUpload(value: unknown): value is UploadFile {
	return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadFile).data);
}

/** Builds a fresh multipart body (a body is consumed by sending it, so each attempt gets its own). */
export function toFormData(fields: FormFields, prefix = '', form = new FormData()): FormData {
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		const key = prefix ? `${prefix}[${name}]` : name;
		if (isUpload(value)) {
			form.append(key, new Blob([new Uint8Array(value.data)], { type: value.mimeType }), value.fileName);
		} else if (typeof value === 'object') {
			toFormData(value, key, form);
		} else {
			form.append(key, String(value));
		}
	}
	return form;
}
