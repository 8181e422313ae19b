// The emulator as a separate process (`node emulator/cli.js`), as n8n would meet a real server:
// its Sora API for direct calls, and its /__emulator admin routes for faults, logs and webhooks.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { REPO } from './config.mjs';
import { spawnTracked, stopProcess, waitFor } from './processes.mjs';

/** One JSON call with a 10 s limit; a non-2xx answer throws with `what` and the body. */
async function fetchJson(url, method, body, headers, what) {
	const res = await fetch(url, {
		method,
		headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(10_000),
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
		{ timeoutMs: 15_000, intervalMs: 50, what: 'the emulator to listen' },
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
	return {
		baseUrl,
		apiKey,
		origin,
		process: proc.child,
		output: proc.output,
		jobs: () => admin('GET', 'jobs'),
		requests: () => admin('GET', 'requests'),
		webhooks: () => admin('GET', 'webhooks'),
		setFaults: (rules) => admin('POST', 'faults', rules),
		reset: () => admin('POST', 'reset'),
		setWebhook: (url, secret) => admin('POST', 'webhook', { url, secret }),
		setOptions: (options) => admin('POST', 'options', options),
		/** The bytes the emulator serves for a video's asset (what the node should have stored). */
		content: async (videoId, variant = 'video') => {
			const res = await fetch(`${baseUrl}/videos/${encodeURIComponent(videoId)}/content?variant=${variant}`, {
				headers: auth,
				signal: AbortSignal.timeout(10_000),
			});
			if (!res.ok) throw new Error(`emulator content ${videoId} ${variant}: ${res.status} ${await res.text()}`);
			return Buffer.from(await res.arrayBuffer());
		},
		/** Calls the Sora API of the emulator directly (as another client would). */
		api: (method, route, body) => fetchJson(`${baseUrl}${route}`, method, body, auth, `emulator API ${method} ${route}`),
		stop: () => stopProcess(proc.child),
	};
}
