// A captured delivery, as someone on the path between a provider and n8n could keep it: a
// loopback receiver that records the exact bytes and headers of each webhook the emulator sends,
// and `resend()` to post one to n8n again, with some headers changed or removed.
import { createServer } from 'node:http';

import { readAnswer } from './http.mjs';
import { waitFor } from './processes.mjs';

/** Starts the receiver; every POST is answered 204 and kept. */
export async function startCapture() {
	const captured = [];
	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			captured.push({ headers: { ...req.headers }, raw: Buffer.concat(chunks) });
			res.statusCode = 204;
			res.end();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/captured`,
		/** The first delivery whose parsed body satisfies `match`. */
		next: async (match, what = 'a captured delivery') =>
			await waitFor(() => captured.find((d) => match(JSON.parse(d.raw.toString('utf8')))), { timeoutMs: 30_000, intervalMs: 100, what }),
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/**
 * Posts a captured delivery to `url`: the same bytes, its headers with `changes` applied (a value
 * of undefined removes the header). Gives the status and the parsed answer.
 */
export async function resend(url, delivery, changes = {}, body = delivery.raw) {
	const headers = { 'content-type': 'application/json' };
	for (const [name, value] of Object.entries(delivery.headers)) {
		if (name.startsWith('webhook-') || name.startsWith('x-openrouter-')) headers[name] = value;
	}
	for (const [name, value] of Object.entries(changes)) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(60_000) });
	const { json } = await readAnswer(res);
	return { status: res.status, json };
}
