'use strict';
// Writing response descriptors to the socket:
//   { status, headers, json }            JSON body
//   { status, headers, media }           media = { parts, zeroBytes, size, contentType }
//   { status, headers, text }            plain / XML body
// `truncateAt` (bytes, or 'half') sends the full Content-Length but only that many bytes,
// then destroys the socket: a download cut off mid-stream. `bytesPerSec` paces the body to
// that rate: a slow link or a large file that takes seconds to arrive.

const ZEROS = Buffer.alloc(1024 * 1024); // padding is written from one shared zero buffer

function drainOrClose(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.once('drain', done);
		res.once('close', done);
	});
}

function bodyOf(desc) {
	if (desc.media) return desc.media;
	const text = desc.json !== undefined ? JSON.stringify(desc.json) : desc.text || '';
	const buf = Buffer.from(text);
	const contentType = desc.json !== undefined ? 'application/json' : desc.contentType || 'text/plain; charset=utf-8';
	return { parts: [buf], zeroBytes: 0, size: buf.length, contentType };
}

async function send(res, desc, truncateAt = null, bytesPerSec = null) {
	if (res.destroyed) return;
	const body = bodyOf(desc);
	res.statusCode = desc.status || 200;
	for (const [k, v] of Object.entries(desc.headers || {})) if (v !== undefined && v !== null) res.setHeader(k, v);
	if ((body.size > 0 || desc.json !== undefined) && body.contentType) res.setHeader('content-type', body.contentType);
	res.setHeader('content-length', body.size);

	if (truncateAt === 'half') truncateAt = Math.floor(body.size / 2);
	let remaining = truncateAt === null ? Infinity : Math.max(0, Math.min(truncateAt, body.size - 1));
	const started = Date.now();
	let sent = 0;
	const pace = async (bytes) => {
		sent += bytes;
		const ahead = (sent / bytesPerSec) * 1000 - (Date.now() - started);
		if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
	};
	const write = async (chunk) => {
		if (res.destroyed || remaining <= 0) return false;
		if (chunk.length > remaining) chunk = chunk.subarray(0, remaining);
		remaining -= chunk.length;
		if (remaining <= 0 && truncateAt !== null) {
			// Last bytes before the cut: wait until they are flushed so the client sees them.
			await new Promise((resolve) => res.write(chunk, () => resolve()));
			return false;
		}
		// Each chunk leaves no earlier than the rate allows for it and everything before it.
		if (bytesPerSec) await pace(chunk.length);
		if (!res.write(chunk)) await drainOrClose(res);
		return !res.destroyed;
	};

	let going = true;
	for (const part of body.parts) if (going) going = await write(part);
	for (let left = body.zeroBytes; going && left > 0; left -= ZEROS.length) {
		going = await write(left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left));
	}
	if (truncateAt === null) {
		if (!res.destroyed) res.end();
		return;
	}
	if (!res.headersSent) res.flushHeaders();
	setTimeout(() => res.destroy(), 20);
}

module.exports = { send };
