// The upload scenario's measured process: n8n's engine (harness) with the built node, in n8n's
// FILESYSTEM binary mode, runs Edit with a source video from the input item (Input Binary) against
// the upload sink (bench/upload-sink.ts, another process). The source file is put into n8n's
// binary store (streamed from disk) before the baseline, as an upstream node would have left it;
// the profile covers the node's run only. Warm-up: the same workflow with 1 MiB, three times.
//
// Env: BENCH_BASE_URL (the sink), BENCH_SOURCE_FILE, BENCH_OUT_DIR, N8N_USER_FOLDER (temp folders
// the parent removes). Prints one line `BENCH_RESULT {json}` on stdout.
import { editWith, lastUpload, storeSource, warmUp } from './upload-workflow';
import { profile, report } from './sampler';

async function main() {
	const baseUrl = process.env.BENCH_BASE_URL!;
	await warmUp(baseUrl, process.env.BENCH_OUT_DIR!);
	const binary = await storeSource(process.env.BENCH_SOURCE_FILE!);
	const memory = await profile(() => editWith(baseUrl, binary));
	report({ ...memory, storedBytes: binary.bytes, ...(await lastUpload(baseUrl, 'video')) });
}

main().catch((error) => {
	process.stderr.write(`upload bench (n8n) failed: ${error.stack ?? error}\n`);
	process.exit(1);
});
