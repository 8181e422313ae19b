// The demo: runs examples/text-to-video.json through n8n's real execution engine with the
// built Sora Video node, against the emulator (or the server in SORA_BASE_URL / SORA_API_KEY),
// and writes the MP4 and the thumbnail to ./out.
import fs from 'node:fs';
import path from 'node:path';

import { binaryBuffer, runWorkflow } from '../test/harness';
import type { NodeSpec } from '../test/harness';

interface Emulator {
	baseUrl: string;
	apiKey: string;
	close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startEmulator } = require('../emulator') as { startEmulator(options: object): Promise<Emulator> };

const ROOT = process.cwd();

async function main() {
	const prompt = process.argv.slice(2).join(' ').trim() || undefined;
	const external = process.env.SORA_BASE_URL && process.env.SORA_API_KEY;
	const emulator = external ? undefined : await startEmulator({ port: 0, durationMs: 8000, pollAfterMs: 1000 });
	const baseUrl = external ? process.env.SORA_BASE_URL! : emulator!.baseUrl;
	const apiKey = external ? process.env.SORA_API_KEY! : emulator!.apiKey;
	console.log(`Sora server: ${baseUrl}${emulator ? ' (local emulator)' : ''}`);

	const workflow = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples/text-to-video.json'), 'utf8'));
	const sora = workflow.nodes.find((node: NodeSpec) => node.type.endsWith('.soraVideo'));
	if (prompt) sora.parameters.prompt = prompt;
	console.log(`Prompt: ${sora.parameters.prompt}`);

	// The engine here has only this package's nodes: the harness's start node stands in for the
	// Manual Trigger, and the demo writes the files that the example's n8n-nodes-base nodes would.
	const nodes = workflow.nodes.filter((node: NodeSpec) => node.type.startsWith('n8n-nodes-sora-video.'));
	const started = Date.now();
	const progress = emulator ? watchProgress(baseUrl, apiKey, started) : undefined;
	try {
		const result = await runWorkflow({ nodes, credentials: { soraApi: { apiKey, baseUrl } } });
		if (result.error) throw result.error;
		const item = result.outputs[sora.name][0];
		const outDir = path.join(ROOT, 'out');
		fs.mkdirSync(outDir, { recursive: true });
		const written: string[] = [];
		for (const [key, binary] of Object.entries(item.binary ?? {})) {
			const file = path.join(outDir, binary.fileName ?? `${key}.bin`);
			fs.writeFileSync(file, await binaryBuffer(item, key));
			written.push(`${path.relative(process.cwd(), file)} (${binary.mimeType}, ${fs.statSync(file).size} bytes)`);
		}
		progress?.stop();
		const video = item.json;
		console.log(`\nVideo ${video.id} ${video.status}: ${video.seconds} s at ${video.size}, model ${video.model}`);
		console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Files:`);
		for (const line of written) console.log(`  ${line}`);
	} finally {
		progress?.stop();
		await emulator?.close();
	}
}

/** Prints the job's status once a second (read from the server, as anyone could). */
function watchProgress(baseUrl: string, apiKey: string, started: number) {
	let stopped = false;
	const tick = async () => {
		while (!stopped) {
			try {
				const response = await fetch(`${baseUrl}/videos?limit=1`, { headers: { Authorization: `Bearer ${apiKey}` } });
				const job = ((await response.json()) as { data: Array<{ id: string; status: string; progress?: number }> }).data[0];
				const seconds = ((Date.now() - started) / 1000).toFixed(0);
				if (job && !stopped) process.stdout.write(`\r  waiting: ${job.id} ${job.status} ${job.progress ?? 0}% (${seconds} s)   `);
			} catch {
				// progress is cosmetic
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	};
	void tick();
	return {
		stop() {
			stopped = true;
		},
	};
}

main().catch((error) => {
	console.error(`\nDemo failed: ${error.message}`);
	process.exit(1);
});
