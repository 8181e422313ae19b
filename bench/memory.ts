// The memory scenario's measured process: n8n's engine (harness) with the built node, in n8n's
// FILESYSTEM binary mode, downloads one big MP4 (Download operation) from an emulator that runs
// in ANOTHER process (started by main.ts), so only the n8n side is in this process's RSS.
// Warm-up: the same workflow downloading the small thumbnail three times, so the node,
// n8n-core, axios and the binary store are loaded and initialised before the baseline.
//
// Env: BENCH_BASE_URL, BENCH_API_KEY, BENCH_VIDEO_ID, N8N_USER_FOLDER (a temp folder the parent
// removes, with the stored file). Prints one line `BENCH_RESULT {json}` on stdout.
import fs from 'node:fs';

import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { binaryDataService, runWorkflow } from '../test/harness';
import { soraNode } from './lib';
import { profile, report } from './sampler';

async function main() {
	const videoId = process.env.BENCH_VIDEO_ID!;
	const credentials = { soraApi: { apiKey: process.env.BENCH_API_KEY!, baseUrl: process.env.BENCH_BASE_URL! } };
	const download = async (variant: string) => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'download', videoId, variant })],
			credentials,
			binaryMode: 'filesystem',
		});
		if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
		return result.outputs.Sora?.[0];
	};

	for (let i = 0; i < 3; i++) await download('thumbnail');
	let item: { json: IDataObject; binary?: Record<string, IBinaryData> } | undefined;
	const memory = await profile(async () => {
		item = await download('video');
	});

	const binary = item?.binary?.data;
	if (!binary?.id) throw new Error(`no filesystem binary in the output: ${JSON.stringify(item?.binary ?? null)}`);
	const storedPath = binaryDataService().getPath(binary.id);
	report({
		...memory,
		binaryId: binary.id,
		binaryBytes: binary.bytes,
		itemJsonBytes: item?.json.bytes,
		storedPath,
		storedBytes: fs.statSync(storedPath).size,
	});
}

main().catch((error) => {
	process.stderr.write(`memory bench (n8n) failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
