// The emulator as a separate process (`node emulator/cli.js`), as n8n would meet a real server:
// its Sora API for direct calls, and its /__emulator admin routes for faults, logs and webhooks.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { REPO } from './config.mjs';
import { spawnTracked, stopProcess, waitFor } from './processes.mjs';

/** One JSON call with a 30 s limit (only a hung emulator reaches it); a non-2xx answer throws with `what` and the body. */
async function fetchJson(url, method, body, headers, what) {
	const res = await fetch(url, {
		method,
		headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(json)}`);
	return json;
}

/** Waits for the CLI's one line `... base URL <url>  API key <key> ...`. */
async function listening({ child, output }) {
	return await waitFor(
		() => {
			if (child.exitCode !== null) throw new Error(`emulator exited (${child.exitCode}): ${output()}`);
			const m = /base URL (\S+)\s+API key (\S+)/.exec(output());
			return m && { baseUrl: m[1], apiKey: m[2] };
		},
		{ timeoutMs: 60_000, intervalMs: 50, what: 'the emulator to listen' },
	);
}

/** Starts `node emulator/cli.js` on a free loopback port and reads its base URL and key. */
export async function startEmulator(args = []) {
	const cli = path.join(REPO, 'emulator', 'cli.js');
	if (!existsSync(cli)) throw new Error(`the emulator is missing: ${cli}`);
	const proc = spawnTracked(process.execPath, [cli, '--port', '0', ...args], { cwd: REPO, label: 'emulator' });
	const { baseUrl, apiKey } = await listening(proc);
	const origin = new URL(baseUrl).origin;
	const auth = { authorization: `Bearer ${apiKey}` };
	const admin = (method, route, body) =>
		fetchJson(`${origin}/__emulator/${route}`, method, body, {}, `emulator ${method} ${route}`);
	const webhooks = () => admin('GET', 'webhooks');
	// The emulator retries an event the receiver did not take (up to ~31 s, each attempt up to
	// 30 s): the record to judge is the final one, after which no attempt follows.
	const finalDeliveries = (ids, what) =>
		waitFor(
			async () => {
				const done = (await webhooks()).filter((d) => ids.includes(d.videoId) && d.final);
				return done.length >= ids.length && done;
			},
			{ timeoutMs: 120_000, intervalMs: 200, what },
		);
	return {
		baseUrl,
		apiKey,
		origin,
		process: proc.child,
		output: proc.output,
		jobs: () => admin('GET', 'jobs'),
		requests: () => admin('GET', 'requests'),
		webhooks,
		/** The final delivery record of each job's event (in delivery order), once all are in. */
		finalDeliveries: (ids) => finalDeliveries(ids, `the emulator's final delivery for each of ${ids.join(', ')}`),
		/** The final delivery record of one job's event. */
		finalDelivery: async (id) => (await finalDeliveries([id], `the emulator's final delivery for ${id}`))[0],
		setFaults: (rules) => admin('POST', 'faults', rules),
		reset: () => admin('POST', 'reset'),
		setWebhook: (url, secret) => admin('POST', 'webhook', { url, secret }),
		setOptions: (options) => admin('POST', 'options', options),
		/** The bytes the emulator serves for a video's asset (what the node should have stored). */
		content: async (videoId, variant = 'video') => {
			const res = await fetch(`${baseUrl}/videos/${encodeURIComponent(videoId)}/content?variant=${variant}`, {
				headers: auth,
				signal: AbortSignal.timeout(30_000),
			});
			if (!res.ok) throw new Error(`emulator content ${videoId} ${variant}: ${res.status} ${await res.text()}`);
			return Buffer.from(await res.arrayBuffer());
		},
		/** Calls the Sora API of the emulator directly (as another client would). */
		api: (method, route, body) => fetchJson(`${baseUrl}${route}`, method, body, auth, `emulator API ${method} ${route}`),
		stop: () => stopProcess(proc.child),
	};
}
