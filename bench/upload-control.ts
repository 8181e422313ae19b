// The upload scenario's CONTROLS: the same upload done by plain Node, with no node code: a
// multipart body framed by hand around fs.createReadStream(file), written to node:http with
// stream.pipeline, measured exactly like upload.ts. Two variants (BENCH_CONTROL), as for downloads:
//   loaded  n8n-core and the harness loaded and warmed up by the same three 1 MiB Edit workflows
//           as upload.ts: the control the n8n figure is divided by;
//   bare    nothing else loaded: the floor of a streaming upload in Node 24.
//
// Env: BENCH_BASE_URL, BENCH_SOURCE_FILE, BENCH_OUT_DIR, BENCH_CONTROL, N8N_USER_FOLDER (loaded).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { profile, report } from './sampler';

function upload(baseUrl: string, file: string): Promise<void> {
	const boundary = `bench-${randomBytes(12).toString('hex')}`;
	const head = Buffer.from(
		`--${boundary}\r\nContent-Disposition: form-data; name="prompt"\r\n\r\nbenchmark upload\r\n` +
			`--${boundary}\r\nContent-Disposition: form-data; name="video"; filename="${path.basename(file)}"\r\n` +
			'Content-Type: video/mp4\r\n\r\n',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	const size = fs.statSync(file).size;
	const body = Readable.from(
		(async function* () {
			yield head;
			yield* fs.createReadStream(file);
			yield tail;
		})(),
	);
	return new Promise((resolve, reject) => {
		const request = http.request(
			`${baseUrl}/videos/edits`,
			{
				method: 'POST',
				headers: {
					Authorization: 'Bearer sk-bench-upload',
					'Content-Type': `multipart/form-data; boundary=${boundary}`,
					'Content-Length': head.length + size + tail.length,
				},
			},
			(response) => {
				response.resume();
				response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`))));
			},
		);
		request.on('error', reject);
		pipeline(body, request).catch(reject);
	});
}

async function main() {
	const baseUrl = process.env.BENCH_BASE_URL!;
	const file = process.env.BENCH_SOURCE_FILE!;
	const folder = process.env.BENCH_OUT_DIR!;
	const variant = process.env.BENCH_CONTROL === 'loaded' ? 'loaded' : 'bare';
	if (variant === 'loaded') {
		// Loaded only in this variant, so that the bare control has nothing of n8n in its heap.
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { warmUp } = require('./upload-workflow') as typeof import('./upload-workflow');
		await warmUp(baseUrl, folder);
	} else {
		const small = path.join(folder, 'warm-up.mp4');
		fs.writeFileSync(small, Buffer.alloc(1024 * 1024, 7));
		for (let i = 0; i < 3; i++) await upload(baseUrl, small);
	}
	const memory = await profile(() => upload(baseUrl, file));
	const received = (await (await fetch(`${new URL(baseUrl).origin}/__sink/last`)).json()) as {
		parts?: Array<{ name: string; bytes: number }>;
	};
	report({ ...memory, variant, storedBytes: fs.statSync(file).size, uploadedFileBytes: received.parts?.find((p) => p.name === 'video')?.bytes });
}

main().catch((error) => {
	process.stderr.write(`upload bench (control) failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
