// The memory scenario's CONTROLS: the same download done by plain Node, with no node code:
// node:http GET -> stream.pipeline -> fs.createWriteStream, measured exactly like memory.ts (same
// sampler, same warm-up count). Two variants (BENCH_CONTROL):
//   bare    a process with nothing else loaded: the floor of a streaming download in Node 24;
//   loaded  a process with n8n-core and the harness loaded and warmed up by the same three
//           thumbnail workflows as memory.ts, then the plain-Node download: the floor of a
//           streaming download inside a process the size of n8n (a bigger heap makes each GC
//           slower, so more collectable buffers wait). The n8n figure is read against this one.
//
// Env: BENCH_BASE_URL, BENCH_API_KEY, BENCH_VIDEO_ID, BENCH_OUT_DIR, BENCH_CONTROL,
// N8N_USER_FOLDER (loaded). Prints `BENCH_RESULT {json}`.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

import { profile, report } from './sampler';

function download(url: string, apiKey: string, file: string): Promise<void> {
	return new Promise((resolve, reject) => {
		http
			.get(url, { headers: { Authorization: `Bearer ${apiKey}` } }, (response) => {
				if (response.statusCode !== 200) {
					response.resume();
					reject(new Error(`HTTP ${response.statusCode} for ${url}`));
					return;
				}
				pipeline(response, fs.createWriteStream(file)).then(resolve, reject);
			})
			.on('error', reject);
	});
}

async function warmUpN8n(baseUrl: string, apiKey: string, videoId: string) {
	// Loaded only in this variant, so that the bare control has nothing of n8n in its heap.
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { runWorkflow } = require('../test/harness') as typeof import('../test/harness');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { soraNode } = require('./lib') as typeof import('./lib');
	for (let i = 0; i < 3; i++) {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'download', videoId, variant: 'thumbnail' })],
			credentials: { soraApi: { apiKey, baseUrl } },
			binaryMode: 'filesystem',
		});
		if (result.error) throw new Error(`warm-up workflow failed: ${result.error.message}`);
	}
}

async function main() {
	const baseUrl = process.env.BENCH_BASE_URL!;
	const apiKey = process.env.BENCH_API_KEY!;
	const videoId = process.env.BENCH_VIDEO_ID!;
	const variant = process.env.BENCH_CONTROL === 'loaded' ? 'loaded' : 'bare';
	const content = (asset: string) => `${baseUrl}/videos/${encodeURIComponent(videoId)}/content?variant=${asset}`;
	const file = path.join(process.env.BENCH_OUT_DIR!, 'control.mp4');

	if (variant === 'loaded') await warmUpN8n(baseUrl, apiKey, videoId);
	else for (let i = 0; i < 3; i++) await download(content('thumbnail'), apiKey, file);
	const memory = await profile(() => download(content('video'), apiKey, file));
	report({ ...memory, variant, storedPath: file, storedBytes: fs.statSync(file).size });
}

main().catch((error) => {
	process.stderr.write(`memory bench (control) failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
