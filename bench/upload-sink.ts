// The upload benchmark's server: a loopback HTTP sink, in its OWN process (so nothing it holds
// is counted in the measured process), that takes any multipart POST, counts the bytes of every
// part as they arrive (never keeping them) and answers like the Sora API's create endpoints with
// a queued video. GET /__sink/last returns what the last upload contained, part by part, so the
// benchmark can check that the whole file arrived.
//
// Usage: node upload-sink.js   -> prints "upload sink base URL http://127.0.0.1:<port>/v1"
import http from 'node:http';

interface Part {
	name: string;
	fileName?: string;
	contentType?: string;
	bytes: number;
}

interface Upload {
	path: string;
	contentLength?: number;
	receivedBytes: number;
	parts: Part[];
	ms: number;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * Counts the parts of a multipart body chunk by chunk. The body is read as if it started with
 * CRLF, so every delimiter is CRLF--boundary; the last (delimiter length - 1) bytes of each chunk
 * are carried into the next, so a delimiter split across chunks is still found.
 */
class MultipartCounter {
	readonly parts: Part[] = [];
	private readonly delimiter: Buffer;
	private carry = Buffer.from('\r\n');
	private head: Buffer | undefined; // the current part's header bytes while they are incomplete
	private current: Part | undefined;
	private ended = false;

	constructor(boundary: string) {
		this.delimiter = Buffer.from(`\r\n--${boundary}`);
	}

	write(chunk: Buffer) {
		const buffer = Buffer.concat([this.carry, chunk]);
		let from = 0;
		for (let at = buffer.indexOf(this.delimiter, from); at >= 0; at = buffer.indexOf(this.delimiter, from)) {
			this.feed(buffer.subarray(from, at));
			this.current = undefined;
			this.head = Buffer.alloc(0);
			from = at + this.delimiter.length;
		}
		const keep = Math.max(from, buffer.length - (this.delimiter.length - 1));
		this.feed(buffer.subarray(from, keep));
		this.carry = Buffer.from(buffer.subarray(keep));
	}

	private feed(data: Buffer) {
		if (this.ended || data.length === 0) return;
		if (this.current) {
			this.current.bytes += data.length;
			return;
		}
		if (!this.head) return; // preamble before the first delimiter
		this.head = Buffer.concat([this.head, data]);
		if (this.head.subarray(0, 2).toString() === '--') {
			this.ended = true; // the closing delimiter: what follows is the epilogue
			return;
		}
		const end = this.head.indexOf(CRLF2);
		if (end < 0) {
			if (this.head.length > 16_384) throw new Error('part headers longer than 16 KiB');
			return;
		}
		const headers = this.head.subarray(0, end).toString('latin1');
		const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
		this.current = {
			name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
			fileName: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
			contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1],
			bytes: this.head.length - end - CRLF2.length,
		};
		this.parts.push(this.current);
		this.head = undefined;
	}
}

let last: Upload | undefined;
let count = 0;

function answer(response: http.ServerResponse, status: number, body: object) {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

const server = http.createServer((request, response) => {
	if (request.method === 'GET' && request.url === '/__sink/last') return answer(response, 200, last ?? {});
	const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers['content-type'] ?? '');
	if (request.method !== 'POST' || !boundary) {
		request.resume();
		return answer(response, 400, { error: { message: 'the sink takes multipart POSTs only' } });
	}
	const started = performance.now();
	const counter = new MultipartCounter(boundary[1] ?? boundary[2]);
	let receivedBytes = 0;
	request.on('data', (chunk: Buffer) => {
		receivedBytes += chunk.length;
		counter.write(chunk);
	});
	request.on('end', () => {
		const length = request.headers['content-length'];
		last = {
			path: request.url ?? '',
			contentLength: length === undefined ? undefined : Number(length),
			receivedBytes,
			parts: counter.parts,
			ms: performance.now() - started,
		};
		count++;
		answer(response, 200, {
			id: `video_sink${count}`,
			object: 'video',
			status: 'queued',
			progress: 0,
			model: 'sora-2',
			seconds: '4',
			size: '720x1280',
			created_at: Math.floor(Date.now() / 1000),
		});
	});
});

server.listen(0, '127.0.0.1', () => {
	const { port } = server.address() as { port: number };
	process.stdout.write(`upload sink base URL http://127.0.0.1:${port}/v1\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
