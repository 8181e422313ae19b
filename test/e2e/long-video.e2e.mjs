// examples/long-video.json in a real n8n against the emulator: Create Long Video makes an 8 s
// first clip and continues it to 40 s; the MP4 n8n stores is the server's stitched video, and
// ffprobe reads its duration as 40 s. A Max Spend per Run below the chain's estimate refuses the
// run before any paid request.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { createN8n, isMp4, loadExample, soraCredential, startEmulator, withSpendCap } from './lib/harness.mjs';

const FILE = 'long-video.json';
const SORA = 'Long Video';

/** The container's duration in seconds, as ffprobe reads it. */
function ffprobeSeconds(file) {
	const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=nw=1:nk=1', file]).toString().trim();
	return Number(out);
}

describe('Create Long Video in a real n8n', { timeout: 600_000 }, () => {
	let emulator;
	let n8n;
	let workflow;
	let capped;

	before(async () => {
		emulator = await startEmulator(['--duration-ms', '1500']);
		n8n = createN8n('long-video');
		await n8n.importCredentials([soraCredential(emulator)]);
		workflow = loadExample(FILE, n8n);
		capped = withSpendCap(workflow, { id: 'soraLongVideoCapped1', nodeName: SORA, usd: 3 });
		await n8n.importWorkflows([workflow, capped]);
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	test(`${FILE} runs green: 8 + 16 + 16 s, one stitched 40 s MP4 (ffprobe), every segment in the output`, async () => {
		const result = await n8n.execute(workflow.id, { timeoutMs: 300_000 });
		assert.equal(result.status, 'success', result.describe());
		const [video] = result.items(SORA);
		const segments = video.json.segments;
		assert.deepEqual(
			segments.map((s) => [s.segment, s.seconds, s.totalSeconds, s.status, s.estimatedCostUsd]),
			[
				[1, 8, 8, 'completed', 0.8],
				[2, 16, 24, 'completed', 1.6],
				[3, 16, 40, 'completed', 1.6],
			],
		);
		assert.equal(video.json.id, segments[2].id, 'the output is the last segment, the stitched video');
		assert.equal(video.json.seconds, '40');
		assert.equal(video.json.estimatedCostUsd, 4);

		// What the server was asked: one create, then each continuation of the segment before, with its own prompt.
		const paid = (await emulator.requests()).filter((r) => r.kind === 'create' || r.kind === 'extend');
		assert.deepEqual(
			paid.map((r) => [r.kind, r.body.seconds, r.body.video?.id ?? null, r.body.prompt]),
			[
				['create', '8', null, 'A paper boat sets off down a rain-soaked street at dusk, cinematic tracking shot'],
				['extend', '16', segments[0].id, 'The boat rides a gutter stream past glowing shop windows'],
				['extend', '16', segments[1].id, 'The boat drifts out into a calm harbour as the rain stops'],
			],
		);

		const bytes = result.readBinary(video.binary.data);
		assert.ok(isMp4(bytes), 'not an MP4');
		assert.deepEqual(bytes, await emulator.content(video.json.id), 'the MP4 is not the stitched one the server served');
		const file = path.join(n8n.filesDir, `${video.json.id}.mp4`);
		assert.ok(existsSync(file), `${file} was not written`);
		assert.deepEqual(readFileSync(file), bytes);
		assert.equal(ffprobeSeconds(file), 40);
	});

	test('a Max Spend per Run below the chain estimate refuses before any paid request', async () => {
		await emulator.reset();
		const res = await n8n.cli(['execute', `--id=${capped.id}`, '--rawOutput'], { timeoutMs: 120_000, allowFail: true });
		assert.notEqual(res.code, 0);
		assert.match(res.stdout + res.stderr, /the 3 job\(s\) of this run are estimated at \$4\.00, over the limit of \$3\.00; no job was started/);
		assert.deepEqual(await emulator.requests(), []);
	});
});
