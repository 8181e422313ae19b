// examples/openrouter-first-frame.json in a real n8n against the emulator's openrouter profile:
// the same Sora Video node, one credential setting apart (Dialect: OpenRouter Videos). The run
// sends JSON bodies with first frames, waits, downloads and writes the MP4s; a lower Max Spend
// per Run refuses the whole batch before any create.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createN8n, isMp4, loadExample, soraCredential, startEmulator, withSpendCap } from './lib/harness.mjs';

const FILE = 'openrouter-first-frame.json';
const SORA = 'Veo on OpenRouter';

describe('OpenRouter dialect in a real n8n', { timeout: 600_000 }, () => {
	let emulator;
	let n8n;
	let workflow;
	let capped;

	before(async () => {
		emulator = await startEmulator(['--profile', 'openrouter', '--duration-ms', '1500', '--queued-ms', '200']);
		n8n = createN8n('openrouter');
		await n8n.importCredentials([soraCredential(emulator, { dialect: 'openrouter' })]);
		workflow = loadExample(FILE, n8n);
		capped = withSpendCap(workflow, { id: 'soraOpenRouterCapped1', nodeName: SORA, usd: 5 });
		await n8n.importWorkflows([workflow, capped]);
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	test(`${FILE} runs green: first frames as data URLs, MP4s written, cost on every item`, async () => {
		const result = await n8n.execute(workflow.id, { timeoutMs: 240_000 });
		assert.equal(result.status, 'success', result.describe());
		const prompts = result.items('Prompts and First Frames');
		const videos = result.items(SORA);
		assert.equal(videos.length, 2);
		videos.forEach((video, i) => {
			assert.equal(video.json.status, 'completed');
			assert.equal(video.json.provider_status, 'completed');
			assert.equal(video.json.prompt, prompts[i].json.prompt);
			assert.equal(video.json.estimatedCostUsd, 3.2, '8 s at the published $0.40/s');
			assert.equal(video.json.costUsd, 3.2, 'usage.cost of the finished job');
			const bytes = result.readBinary(video.binary.data);
			assert.ok(isMp4(bytes), 'not an MP4');
			const file = path.join(n8n.filesDir, `${video.json.id}.mp4`);
			assert.ok(existsSync(file), `${file} was not written`);
			assert.deepEqual(readFileSync(file), bytes);
		});
		const creates = (await emulator.requests()).filter((r) => r.kind === 'create');
		assert.equal(creates.length, 2);
		for (const create of creates) {
			assert.equal(create.format, 'json');
			assert.equal(create.status, 202);
			// The emulator logs bodies with long strings cut (the data URL starts as sent).
			const body = create.body;
			assert.equal(body.model, 'google/veo-3.1');
			assert.equal(body.duration, 8);
			assert.equal(body.size, '1280x720');
			assert.equal(body.generate_audio, true);
			assert.equal(body.frame_images.length, 1);
			assert.equal(body.frame_images[0].frame_type, 'first_frame');
			assert.match(body.frame_images[0].image_url.url, /^data:image\/png;base64,iVBORw0KGgo/);
		}
		const contents = (await emulator.requests()).filter((r) => r.kind === 'content');
		assert.ok(contents.length >= 2 && contents.every((r) => r.query.index === '0'), 'content was not fetched with index=0');
	});

	test('a Max Spend per Run below the estimate refuses the batch before any create', async () => {
		await emulator.reset();
		// `n8n execute` exits 1 for a failed run; its output carries the node's error.
		const res = await n8n.cli(['execute', `--id=${capped.id}`, '--rawOutput'], { timeoutMs: 120_000, allowFail: true });
		assert.notEqual(res.code, 0);
		assert.match(res.stdout + res.stderr, /estimated at \$6\.40, over the limit of \$5\.00; no job was started/);
		const creates = (await emulator.requests()).filter((r) => r.kind === 'create');
		assert.deepEqual(creates, []);
	});
});
