// Workflows run by the real n8n CLI (`n8n execute --id=ID --rawOutput`) with the built
// package installed as a community package, against the emulator on loopback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
	createN8n,
	isMp4,
	isWebp,
	loadWorkflow,
	makePng,
	N8N_VERSION,
	soraCredential,
	startEmulator,
	workflowFile,
} from './lib/harness.mjs';

const PNG = makePng(1280, 720);

/** n8n 2.0.x's `execute --rawOutput` prints a finished, error-free run with status "running". */
function assertSucceeded(result) {
	const oldCliQuirk = N8N_VERSION.startsWith('2.0.') && result.status === 'running' && result.run.finished === true && !result.error;
	assert.ok(result.status === 'success' || oldCliQuirk, result.describe());
}

describe('Sora Video node in a real n8n (CLI execute)', { timeout: 600_000 }, () => {
	let emulator;
	let n8n;

	before(async () => {
		emulator = await startEmulator(['--duration-ms', '1500', '--queued-ms', '200']);
		n8n = createN8n('cli');
		await n8n.importCredentials([soraCredential(emulator)]);
		const fixtures = ['text-to-video', 'image-reference', 'remix', 'list-all', 'thumbnail', 'fail-continue'];
		await n8n.importWorkflows(
			fixtures.map((name) =>
				loadWorkflow(workflowFile(name), { replacements: { __PNG_BASE64__: PNG.toString('base64') } }),
			),
		);
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	test('text to video with wait: completed job, MP4 binary stored by n8n', async () => {
		const result = await n8n.execute('e2eTextToVideo');
		assertSucceeded(result);
		const items = result.items('Create Video');
		assert.equal(items.length, 1);
		const [item] = items;
		assert.equal(item.json.object, 'video');
		assert.equal(item.json.status, 'completed');
		assert.match(item.json.id, /^video_/);
		assert.equal(item.json.prompt, 'A calico cat plays a tiny piano on a sunny windowsill');
		assert.deepEqual(item.pairedItem, { item: 0 });
		// Loaded from <user folder>/.n8n/nodes/node_modules as type n8n-nodes-sora-video.soraVideo.
		assert.equal(result.run.data.resultData.lastNodeExecuted, 'Create Video');

		const binary = item.binary?.data;
		assert.ok(binary, `no binary "data" on ${JSON.stringify(item).slice(0, 500)}`);
		assert.equal(binary.mimeType, 'video/mp4');
		assert.equal(binary.fileName, `${item.json.id}.mp4`);
		const bytes = result.readBinary(binary);
		assert.ok(bytes.length > 0, 'empty MP4');
		assert.ok(isMp4(bytes), `stored file is not an MP4: ${bytes.subarray(0, 16).toString('hex')}`);
		// n8n's own record of the file (filesystem mode keeps it beside the bytes).
		const meta = JSON.parse(readFileSync(`${n8n.binaryPath(binary)}.metadata`, 'utf8'));
		assert.deepEqual(meta, { fileName: binary.fileName, mimeType: 'video/mp4', fileSize: bytes.length });
		assert.match(binary.fileSize, /^\d+(\.\d+)? (B|kB|MB)$/);

		// The file n8n stored is the one the emulator served.
		const jobs = await emulator.jobs();
		assert.ok(jobs.some((j) => j.id === item.json.id && j.status === 'completed'));
	});

	test('image reference from a binary made by an earlier node is uploaded', async () => {
		const result = await n8n.execute('e2eImageReference');
		assertSucceeded(result);
		const [made] = result.items('Make PNG');
		assert.equal(made.binary.reference.mimeType, 'image/png');

		const [item] = result.items('Create From Image');
		assert.equal(item.json.status, 'completed');
		assert.equal(item.json.size, '1280x720');
		assert.equal(item.binary.data.mimeType, 'video/mp4');

		// The emulator checks that the image's pixel size equals `size`, and logs the part.
		const requests = await emulator.requests();
		const create = requests.filter((r) => r.kind === 'create' && r.status === 200).at(-1);
		assert.ok(create, `no successful create in ${JSON.stringify(requests.slice(-3))}`);
		assert.equal(create.format, 'multipart');
		const ref = JSON.stringify(create.body);
		assert.match(ref, /input_reference/);
		assert.match(ref, /image\/png/);
		assert.match(ref, new RegExp(String(PNG.length)));
	});

	test('remix chained from a create: new job remixed from the first', async () => {
		const result = await n8n.execute('e2eRemixChain');
		assertSucceeded(result);
		const [created] = result.items('Create Video');
		assert.equal(created.json.status, 'completed');
		assert.equal(created.binary, undefined, 'downloadVideo=false must not download');
		const [remixed] = result.items('Remix Video');
		assert.equal(remixed.json.status, 'completed');
		assert.notEqual(remixed.json.id, created.json.id);
		assert.equal(remixed.json.remixed_from_video_id, created.json.id);
		assert.equal(remixed.binary.data.mimeType, 'video/mp4');
		assert.ok(isMp4(result.readBinary(remixed.binary.data)));
	});

	test('download of a thumbnail gives a WebP binary', async () => {
		const result = await n8n.execute('e2eThumbnail');
		assertSucceeded(result);
		const [created] = result.items('Create Video');
		const [item] = result.items('Download Thumbnail');
		const thumb = item.binary?.thumb;
		assert.ok(thumb, `no binary "thumb" on ${JSON.stringify(item).slice(0, 500)}`);
		assert.equal(thumb.mimeType, 'image/webp');
		const bytes = result.readBinary(thumb);
		assert.ok(isWebp(bytes), `not a WebP: ${bytes.subarray(0, 16).toString('hex')}`);
		assert.equal(item.json.id ?? created.json.id, created.json.id);
	});

	test('a failed job with Continue On Fail outputs an item carrying the error', async () => {
		const result = await n8n.execute('e2eFailContinue');
		assertSucceeded(result);
		const items = result.items('Create Video');
		assert.equal(items.length, 1);
		const [item] = items;
		assert.ok(item.json.error, `no error on ${JSON.stringify(item.json)}`);
		assert.match(JSON.stringify(item.json.error), /moderation/i);
		// The one error shape: { message, code?, status?, videoId?, description? }.
		const { message, code, videoId, ...rest } = item.json.error;
		assert.match(message, /moderation/i);
		assert.equal(code, 'moderation_blocked');
		assert.equal(videoId, item.json.id);
		assert.deepEqual(Object.keys(rest).filter((key) => !['status', 'description'].includes(key)), []);
		assert.equal(item.binary, undefined);
		// The job id is never dropped.
		assert.match(String(item.json.id), /^video_/);
		assert.equal(item.json.status, 'failed');
		const jobs = await emulator.jobs();
		assert.equal(jobs.find((j) => j.id === item.json.id)?.status, 'failed');
	});

	test('list with Return All returns every video on the server (several pages)', async () => {
		// More than one page of the API's maximum (100) so Return All has to follow `after`.
		const have = (await emulator.jobs()).length;
		for (let i = have; i < 130; i++) {
			await emulator.api('POST', '/videos', { prompt: `filler ${i}`, model: 'sora-2', seconds: '4', size: '720x1280' });
		}
		const jobs = await emulator.jobs();
		const result = await n8n.execute('e2eListAll');
		assertSucceeded(result);
		const items = result.items('List Videos');
		assert.equal(items.length, jobs.length);
		assert.deepEqual(new Set(items.map((i) => i.json.id)), new Set(jobs.map((j) => j.id)));
		const listCalls = (await emulator.requests()).filter((r) => r.kind === 'list');
		assert.ok(listCalls.length >= 2, `expected paging, saw ${listCalls.length} list call(s)`);
	});
});
