'use strict';
// multipart/form-data parser over a complete Buffer (binary-safe: parts are
// sliced, never decoded as text unless they are plain fields).

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Boundary parameter of a Content-Type header, or null. */
function boundaryOf(contentType) {
	const m = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType || '');
	return m ? m[1] || m[2] : null;
}

// Parameters of a header value like `form-data; name="a"; filename="b.png"`.
function headerParams(value) {
	const params = {};
	const re = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
	let m;
	while ((m = re.exec(value))) {
		const key = m[1].toLowerCase();
		let v = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].trim();
		if (key.endsWith('*')) {
			// RFC 5987: filename*=UTF-8''na%20me.png
			const ext = /^[^']*'[^']*'(.*)$/.exec(v);
			try {
				v = decodeURIComponent(ext ? ext[1] : v);
			} catch {
				/* keep raw */
			}
			params[key.slice(0, -1)] = v;
		} else if (!(key in params)) params[key] = v;
	}
	return params;
}

/**
 * Parse a multipart body. Returns [{ name, filename, contentType, data, isFile }].
 * Throws an Error with a reason when the body is malformed.
 */
function parseMultipart(body, boundary) {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts = [];
	let pos = body.indexOf(delimiter);
	if (pos < 0) throw new Error('multipart boundary not found in body');
	for (;;) {
		pos += delimiter.length;
		if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // closing --boundary--
		// Skip transport padding and the CRLF after the delimiter.
		while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
		else throw new Error('malformed multipart delimiter line');
		const headerEnd = body.indexOf(HEADER_END, pos);
		let headerText = '';
		let dataStart;
		if (body[pos] === 0x0d && body[pos + 1] === 0x0a) dataStart = pos + 2; // part without headers
		else {
			if (headerEnd < 0) throw new Error('multipart part headers not terminated');
			headerText = body.toString('utf8', pos, headerEnd);
			dataStart = headerEnd + 4;
		}
		const next = body.indexOf(Buffer.concat([CRLF, delimiter]), dataStart);
		if (next < 0) throw new Error('multipart body not terminated by the closing boundary');
		const headers = {};
		for (const line of headerText.split('\r\n')) {
			const i = line.indexOf(':');
			if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
		}
		const disposition = headerParams(`x; ${(headers['content-disposition'] || '').replace(/^[^;]*;?/, '')}`);
		const contentType = headers['content-type'] || null;
		const filename = disposition.filename !== undefined ? disposition.filename : null;
		parts.push({
			name: disposition.name !== undefined ? disposition.name : null,
			filename,
			contentType,
			data: body.subarray(dataStart, next),
			// A part is a file when it says so, or when it carries non-text content.
			isFile: filename !== null || (contentType !== null && !/^text\/plain\b/i.test(contentType)),
		});
		pos = next + CRLF.length;
	}
}

module.exports = { parseMultipart, boundaryOf };
