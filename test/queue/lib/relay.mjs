// A delivery relay between the emulator and n8n's webhook processes, behaving like a
// provider's webhook sender: every signed delivery the emulator makes is forwarded, byte for
// byte with its webhook-id / -timestamp / -signature headers, to EVERY target (so each event
// reaches two webhook processes: the cross-process duplicate case). Per target it keeps a
// bounded number of requests in flight and retries a 5xx, a 409 or a network error with
// backoff, as providers retry failed webhooks (OpenAI and Standard Webhooks senders do).
import { createServer } from 'node:http';

const RETRY_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

/**
 * @param targets   webhook URLs (one per webhook process)
 * @param inFlight  concurrent requests per target
 * @param attempts  tries per delivery and target before it counts as lost
 */
export async function startRelay({ targets, inFlight = 8, attempts = 8, backoffMs = 500 }) {
	const records = []; // one per (delivery, target): { webhookId, videoId, target, tries, status, acceptedAt }
	const queues = targets.map(() => []);
	const active = targets.map(() => 0);
	let pending = 0;

	const pump = (t) => {
		while (active[t] < inFlight && queues[t].length) {
			const job = queues[t].shift();
			active[t]++;
			send(t, job).finally(() => {
				active[t]--;
				pump(t);
			});
		}
	};

	async function send(t, { headers, body, record }) {
		for (;;) {
			record.tries++;
			const sentAt = Date.now();
			try {
				const res = await fetch(targets[t], { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
				await res.arrayBuffer().catch(() => {});
				record.status = res.status;
				record.answerMs = Date.now() - sentAt; // how long n8n took to answer this try
				if (res.ok) {
					record.acceptedAt = Date.now();
					break;
				}
				if (!RETRY_STATUSES.has(res.status)) break;
			} catch (e) {
				record.status = 0;
				record.error = e.cause?.code || e.message;
			}
			if (record.tries >= attempts) break;
			await new Promise((r) => setTimeout(r, backoffMs * 2 ** Math.min(record.tries - 1, 4)));
		}
		pending--;
	}

	const server = createServer((req, res) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			const body = Buffer.concat(chunks);
			const headers = { 'content-type': 'application/json' };
			for (const h of ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'user-agent']) {
				if (req.headers[h]) headers[h] = req.headers[h];
			}
			let videoId;
			let type;
			try {
				({ type, data: { id: videoId } } = JSON.parse(body.toString('utf8')));
			} catch {
				// forwarded as is; n8n refuses it
			}
			const receivedAt = Date.now();
			targets.forEach((target, t) => {
				if (!relay.fanout.includes(t)) return;
				const record = { webhookId: headers['webhook-id'], videoId, type, target, tries: 0, status: null, receivedAt };
				records.push(record);
				pending++;
				queues[t].push({ headers, body, record });
				pump(t);
			});
			// The relay now owns the delivery (as a provider's queue does): the emulator is done.
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"queued":true}');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/`;

	const relay = {
		url,
		records,
		/** Indexes of the targets each delivery goes to (all by default). */
		fanout: targets.map((_, t) => t),
		get pending() {
			return pending;
		},
		/** Deliveries n8n accepted per second, from the first receipt to the last acceptance. */
		stats() {
			const accepted = records.filter((r) => r.acceptedAt);
			const first = Math.min(...records.map((r) => r.receivedAt));
			const last = Math.max(...accepted.map((r) => r.acceptedAt));
			const seconds = Math.max((last - first) / 1000, 0.001);
			const answers = accepted.map((r) => r.answerMs).sort((a, b) => a - b);
			const latencies = accepted.map((r) => r.acceptedAt - r.receivedAt).sort((a, b) => a - b);
			return {
				deliveries: records.length,
				medianAcceptMs: latencies[Math.floor(latencies.length / 2)] ?? null,
				maxAcceptMs: latencies.at(-1) ?? null,
				medianAnswerMs: answers[Math.floor(answers.length / 2)] ?? null,
				maxAnswerMs: answers.at(-1) ?? null,
				accepted: accepted.length,
				retried: records.filter((r) => r.tries > 1).length,
				lost: records.filter((r) => !r.acceptedAt).length,
				seconds,
				perSecond: accepted.length / seconds,
				firstReceivedAt: first,
				lastAcceptedAt: last,
			};
		},
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
	return relay;
}
