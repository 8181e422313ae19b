// Side by side with n8n's built-in OpenAI node (Video > Generate), in the REAL n8n of the e2e
// suite (CLI `n8n execute`), against one emulator (its own process): the same jobs (D = 10 s,
// poll hint 1 s), the same batch sizes, built-in (A) and ours (B) in turn, A B A B.
// Per run: the execution's wall time (startedAt -> stoppedAt of the run n8n prints, so the CLI's
// own start-up is left out), GET /videos/{id} per job from the emulator's request log, and
// whether every item came back with an MP4 (the bytes read from n8n's binary store).
//
// Run by bench/main.ts (npm run bench) as `node bench/side-by-side.mjs`; prints progress and one
// line `BENCH_RESULT {json}`. Env: BENCH_SIDE_SIZES=1,5,50, BENCH_SIDE_ROUNDS=2 (A B A B) for
// sizes below 50, BENCH_SIDE_ROUNDS_LARGE=1 for 50 and up (the built-in node needs ~20 s per
// item, one after another: 50 items are ~17 minutes a round), BENCH_DURATION_MS,
// BENCH_POLL_AFTER_MS, SORA_E2E_PACKAGE_DIR (the built package: package.json + dist).
import { createN8n, isMp4, soraCredential, startEmulator, CREDENTIAL_ID, CREDENTIAL_NAME, NODE_TYPE } from '../test/e2e/lib/harness.mjs';

const list = (name, fallback) => (process.env[name] || fallback).split(',').map((s) => Number(s.trim()));
const sizes = list('BENCH_SIDE_SIZES', '1,5,50');
const rounds = (n) => Number(n >= 50 ? process.env.BENCH_SIDE_ROUNDS_LARGE || 1 : process.env.BENCH_SIDE_ROUNDS || 2);
const durationMs = Number(process.env.BENCH_DURATION_MS || 10_000);
const pollAfterMs = Number(process.env.BENCH_POLL_AFTER_MS || 1000);
const say = (line) => process.stdout.write(`  ${line}\n`);

const OPENAI_CREDENTIAL = { id: 'benchOpenAiCredential1', name: 'OpenAI (emulator)' };
const BUILTIN_TYPE = '@n8n/n8n-nodes-langchain.openAi';
const VIDEO_NODE = 'Video';

/** Manual trigger -> N prompts (Set + Split Out) -> the video node. */
function workflow(id, count, videoNode) {
	const prompts = Array.from({ length: count }, (_, i) => `side by side ${i + 1}: a lighthouse at dusk, slow pan`);
	const node = (name, type, typeVersion, parameters, x) => ({ id: `n-${name}`, name, type, typeVersion, position: [x, 0], parameters });
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger', 1, {}, 0),
		node('Prompts', 'n8n-nodes-base.set', 3.4, { mode: 'raw', jsonOutput: JSON.stringify({ prompts }), options: {} }, 200),
		node('Split', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'prompts', options: { destinationFieldName: 'prompt' } }, 400),
		{ ...videoNode, id: 'n-video', name: VIDEO_NODE, position: [600, 0] },
	];
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		id,
		name: id,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes,
		connections: { Start: link('Prompts'), Prompts: link('Split'), Split: link(VIDEO_NODE) },
		pinData: {},
	};
}

const builtin = (count) =>
	workflow(`benchBuiltin${count}`, count, {
		type: BUILTIN_TYPE,
		typeVersion: 2.3,
		parameters: {
			resource: 'video',
			operation: 'generate',
			modelId: { __rl: true, mode: 'id', value: 'sora-2' },
			prompt: '={{ $json.prompt }}',
			seconds: 4,
			size: '720x1280',
			options: {},
		},
		credentials: { openAiApi: OPENAI_CREDENTIAL },
	});

const ours = (count) =>
	workflow(`benchOurs${count}`, count, {
		type: NODE_TYPE,
		typeVersion: 1,
		parameters: {
			resource: 'video',
			operation: 'create',
			prompt: '={{ $json.prompt }}',
			model: { __rl: true, mode: 'id', value: 'sora-2' },
			seconds: '4',
			size: '720x1280',
			waitForCompletion: true,
			// Poll Interval left at its default: the node follows the server's hint.
			concurrency: count,
		},
		credentials: { soraApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
	});

async function measure(n8n, emulator, which, count) {
	await emulator.reset();
	const started = Date.now();
	const result = await n8n.execute(which === 'builtin' ? `benchBuiltin${count}` : `benchOurs${count}`, {
		timeoutMs: 120_000 + count * 40_000,
	});
	const cliMs = Date.now() - started;
	if (result.error) throw new Error(`${which} ${count}: the run failed: ${result.error.message}`);
	const wallMs = new Date(result.run.stoppedAt).getTime() - new Date(result.run.startedAt).getTime();
	const items = result.items(VIDEO_NODE);
	let mp4s = 0;
	for (const item of items) {
		const binary = item.binary?.data;
		if (binary && isMp4(result.readBinary(binary))) mp4s++;
	}
	const requests = await emulator.requests();
	const log = Array.isArray(requests) ? requests : (requests.requests ?? []);
	const creates = log.filter((r) => r.kind === 'create').length;
	const gets = log.filter((r) => r.kind === 'get').length;
	const run = { which, count, wallMs, cliMs, items: items.length, mp4s, creates, getsPerJob: creates ? gets / creates : NaN };
	say(
		`${which.padEnd(8)} ${String(count).padStart(3)} items: ${(wallMs / 1000).toFixed(2)} s (CLI ${(cliMs / 1000).toFixed(1)} s), ` +
			`${run.getsPerJob.toFixed(2)} GET per job, ${mp4s}/${count} MP4`,
	);
	return run;
}

async function main() {
	const emulator = await startEmulator(['--duration-ms', String(durationMs), '--poll-after-ms', String(pollAfterMs)]);
	const n8n = createN8n('bench-side');
	try {
		await n8n.importCredentials([
			soraCredential(emulator),
			{ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: emulator.apiKey, url: emulator.baseUrl, header: false } },
		]);
		await n8n.importWorkflows(sizes.flatMap((n) => [builtin(n), ours(n)]));
		const runs = [];
		for (const count of sizes) {
			for (let round = 1; round <= rounds(count); round++) {
				runs.push(await measure(n8n, emulator, 'builtin', count));
				runs.push(await measure(n8n, emulator, 'ours', count));
			}
		}
		process.stdout.write(`BENCH_RESULT ${JSON.stringify({ durationMs, pollAfterMs, runs })}\n`);
	} finally {
		await n8n.dispose();
		await emulator.stop();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stderr.write(`side by side failed: ${error.stack ?? error}\n`);
		process.exit(1);
	},
);
