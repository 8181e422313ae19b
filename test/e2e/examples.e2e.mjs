// The workflows in examples/ are what users import, so they are tested as shipped, in a real
// n8n with the package installed, against the emulator:
// - every one has the shape of a user's workflow (credential reference, names, description;
//   sticky notes only where they say what to set) and imports into n8n unchanged;
// - every one that starts with a Manual Trigger runs green with `n8n execute`, and its real
//   outputs are checked by the assertions below (an example without them fails the suite);
// - the fire-and-forget pair (a trigger workflow) runs in fire-and-forget.e2e.mjs.
// Only the credential is swapped, and paths under /home/node/.n8n-files point at the
// instance's own ~/.n8n-files (see loadExample in lib/harness.mjs).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	EXAMPLES_DIR,
	PACKAGE_NAME,
	createN8n,
	exampleFile,
	isMp4,
	isWebp,
	loadExample,
	soraCredential,
	startEmulator,
} from './lib/harness.mjs';

const files = (() => {
	try {
		return readdirSync(EXAMPLES_DIR)
			.filter((f) => f.endsWith('.json'))
			.sort();
	} catch {
		return [];
	}
})();
const shipped = (file) => JSON.parse(readFileSync(exampleFile(file), 'utf8'));

/** Examples exercised by another e2e file (they need a running n8n, not `n8n execute`). */
const ELSEWHERE = {
	'batch-create-no-wait.json': 'fire-and-forget.e2e.mjs',
	'trigger-store-video.json': 'fire-and-forget.e2e.mjs',
	'openrouter-first-frame.json': 'openrouter.e2e.mjs',
	'scheduled-batch.json': 'pipelines.e2e.mjs',
	'deliver-video.json': 'pipelines.e2e.mjs',
};

/** The recipes (README "Recipes") carry sticky notes that say what to set. */
const WITH_NOTES = new Set(['scheduled-batch.json', 'deliver-video.json']);
const STICKY = 'n8n-nodes-base.stickyNote';

/** Why an example cannot run offline by `n8n execute`, or undefined when it can. */
function notRunnable(wf) {
	const triggers = wf.nodes.filter((n) => /trigger|webhook/i.test(n.type));
	if (!triggers.some((n) => n.type === 'n8n-nodes-base.manualTrigger')) {
		return `starts with ${triggers.map((n) => n.type).join(', ') || 'no trigger'}, not a Manual Trigger`;
	}
	const online = wf.nodes.find((n) => n.type === 'n8n-nodes-base.httpRequest');
	if (online) return `node "${online.name}" calls the internet`;
	return undefined;
}

/** Width and height from a PNG's IHDR. */
function pngSize(buf) {
	assert.equal(buf.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'not a PNG');
	assert.equal(buf.subarray(12, 16).toString('latin1'), 'IHDR');
	return `${buf.readUInt32BE(16)}x${buf.readUInt32BE(20)}`;
}

const mp4Of = (result, item, key = 'data') => {
	const binary = item.binary?.[key];
	assert.ok(binary, `no binary "${key}" on ${JSON.stringify(item).slice(0, 400)}`);
	assert.equal(binary.mimeType, 'video/mp4');
	assert.equal(binary.fileName, `${item.json.id}.mp4`);
	const bytes = result.readBinary(binary);
	assert.ok(isMp4(bytes), `binary "${key}" is not an MP4: ${bytes.subarray(0, 16).toString('hex')}`);
	return bytes;
};

/**
 * What each runnable example must produce. `arrange` runs before the execution (emulator
 * faults, for example), `check` gets the finished run.
 */
const CHECKS = {
	'text-to-video.json': {
		async check(result, { n8n, emulator }) {
			const [video] = result.items('Sora Video');
			assert.equal(video.json.status, 'completed');
			assert.match(video.json.id, /^video_/);
			assert.equal(video.json.size, '1280x720');
			const mp4 = mp4Of(result, video);
			assert.deepEqual(mp4, await emulator.content(video.json.id), 'the MP4 is not the one the server served');
			assert.equal(video.binary.thumbnail?.mimeType, 'image/webp');
			assert.ok(isWebp(result.readBinary(video.binary.thumbnail)), 'the thumbnail is not a WebP');

			// Write MP4 to Disk: <~/.n8n-files>/<video id>.mp4 holds the very bytes.
			const [written] = result.items('Write MP4 to Disk');
			const file = path.join(n8n.filesDir, `${video.json.id}.mp4`);
			assert.equal(written.json.fileName, file);
			assert.deepEqual(written.pairedItem, { item: 0 });
			assert.ok(existsSync(file), `${file} was not written`);
			assert.deepEqual(readFileSync(file), mp4, 'the file on disk differs from the downloaded MP4');
		},
	},

	'batch-from-prompts.json': {
		// The first create to arrive is held 2.5 s, so its job finishes after the others:
		// the output must still follow the input order.
		async arrange({ emulator }) {
			await emulator.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'delay', ms: 2500 } }]);
		},
		async check(result, { emulator }, t) {
			await emulator.setFaults([]);
			const prompts = result.items('Prompts').map((i) => i.json.prompt);
			assert.equal(prompts.length, 5);
			const items = result.items('Create Videos');
			assert.equal(items.length, 5);
			items.forEach((item, i) => {
				assert.equal(item.json.prompt, prompts[i], `item ${i} is out of order`);
				assert.deepEqual(item.pairedItem, { item: i });
				assert.equal(item.json.status, 'completed');
				mp4Of(result, item);
			});
			assert.equal(new Set(items.map((i) => i.json.id)).size, 5, 'five distinct videos');

			// Concurrency 5: the five creates went out together, not one video after another.
			const creates = (await emulator.requests()).filter((r) => r.kind === 'create' && r.status === 200).slice(-5);
			assert.equal(creates.length, 5);
			const spread = Math.max(...creates.map((r) => r.at)) - Math.min(...creates.map((r) => r.at));
			assert.ok(spread < 1000, `the creates were spread over ${spread} ms`);
			const held = creates.find((r) => r.fault === 'delay');
			assert.ok(held, 'the delayed create is not in the log');
			const heldIndex = prompts.indexOf(held.body?.prompt ?? held.body?.fields?.prompt);
			if (heldIndex >= 0 && heldIndex < 4) {
				t.diagnostic(`item ${heldIndex} finished last and still came out in place ${heldIndex}`);
			} else {
				t.diagnostic(`the held create was item ${heldIndex}: finishing order equalled input order this time`);
			}
		},
	},

	'image-to-video.json': {
		async check(result, { emulator }) {
			const [image] = result.items('Reference Image');
			const ref = image.binary?.data;
			assert.ok(ref, 'Reference Image output no binary "data"');
			assert.equal(ref.mimeType, 'image/png');
			const png = result.readBinary(ref);
			const [video] = result.items('Animate Image');
			assert.equal(video.json.status, 'completed');
			// Sora needs the picture's pixel size to equal the requested size.
			assert.equal(pngSize(png), video.json.size);
			assert.equal(video.json.size, '1280x720');
			mp4Of(result, video);

			// The create was a multipart upload carrying the very PNG.
			const create = (await emulator.requests()).filter((r) => r.kind === 'create' && r.status === 200).at(-1);
			assert.equal(create.format, 'multipart');
			const body = JSON.stringify(create.body);
			assert.match(body, /input_reference/);
			assert.match(body, /image\/png/);
			assert.match(body, new RegExp(`\\b${png.length}\\b`), `no part of ${png.length} bytes in ${body.slice(0, 400)}`);
		},
	},

	'remix-chain.json': {
		async check(result, { emulator }) {
			const [created] = result.items('Create Video');
			assert.equal(created.json.status, 'completed');
			assert.equal(created.binary, undefined, 'Download Video is off on Create Video');
			const [remixed] = result.items('Remix Video');
			assert.equal(remixed.json.status, 'completed');
			assert.notEqual(remixed.json.id, created.json.id);
			assert.equal(remixed.json.remixed_from_video_id, created.json.id);
			assert.match(remixed.json.prompt, /snowstorm/);
			const mp4 = mp4Of(result, remixed);
			assert.deepEqual(mp4, await emulator.content(remixed.json.id));
			const remixCalls = (await emulator.requests()).filter((r) => r.kind === 'remix' && r.status === 200);
			assert.ok(remixCalls.some((r) => r.path.includes(created.json.id)), 'no remix request for the created video');
		},
	},
};

describe('examples/ in a real n8n', { timeout: 900_000, skip: files.length === 0 && 'examples/ has no workflows yet' }, () => {
	let emulator;
	let n8n;
	let exported;
	const workflows = new Map();

	before(async () => {
		emulator = await startEmulator(['--duration-ms', '1500', '--queued-ms', '200']);
		n8n = createN8n('examples');
		await n8n.importCredentials([soraCredential(emulator)]);
		// First the files exactly as users download them (their credential does not exist here),
		await n8n.importWorkflows(files.map(shipped));
		const exportFile = path.join(n8n.userFolder, 'exported.json');
		await n8n.cli(['export:workflow', '--all', `--output=${exportFile}`]);
		exported = JSON.parse(readFileSync(exportFile, 'utf8'));
		// then over them the runnable copies (the e2e credential, this instance's files folder).
		for (const file of files) workflows.set(file, loadExample(file, n8n));
		await n8n.importWorkflows([...workflows.values()]);
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	test('every example is shaped as a user workflow', () => {
		for (const file of files) {
			const wf = shipped(file);
			const where = `examples/${file}`;
			assert.ok(wf.id && wf.name, `${where}: needs "id" (import:workflow, execute --id) and "name"`);
			assert.ok(wf.description?.length > 40, `${where}: needs a "description"`);
			assert.equal(wf.meta?.description, wf.description, `${where}: meta.description and description differ`);
			assert.equal(wf.active, false, `${where}: must not import active`);
			const names = wf.nodes.map((n) => n.name);
			assert.equal(new Set(names).size, names.length, `${where}: duplicate node names`);
			const notes = wf.nodes.filter((n) => n.type === STICKY);
			if (WITH_NOTES.has(file)) {
				assert.ok(notes.some((n) => /set up/i.test(n.parameters.content)), `${where}: no sticky note that says how to set it up`);
			} else {
				assert.deepEqual(notes.map((n) => n.name), [], `${where}: sticky notes`);
			}
			for (const note of notes) assert.ok(note.parameters.content?.length > 40, `${where}: "${note.name}" says nothing`);
			for (const node of wf.nodes) {
				assert.ok(
					Array.isArray(node.position) && node.position.length === 2 && node.position.every(Number.isFinite),
					`${where}: "${node.name}" has no position`,
				);
				if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
					const ref = node.credentials?.soraApi;
					assert.ok(ref?.id && ref.name === 'Sora API', `${where}: "${node.name}" must reference the Sora API credential`);
				}
				if (node.type === 'n8n-nodes-base.readWriteFile') {
					assert.match(node.parameters.fileName, /^=\/home\/node\/\.n8n-files\//, `${where}: "${node.name}" path`);
				}
			}
			// Connected: every node but the trigger has an input, and links name real nodes.
			const targets = new Set();
			for (const [from, outputs] of Object.entries(wf.connections)) {
				assert.ok(names.includes(from), `${where}: connection from unknown node "${from}"`);
				for (const list of outputs.main ?? []) for (const c of list ?? []) targets.add(c.node);
			}
			for (const target of targets) assert.ok(names.includes(target), `${where}: connection to unknown node "${target}"`);
			for (const node of wf.nodes) {
				if (!/trigger/i.test(node.type) && node.type !== STICKY) assert.ok(targets.has(node.name), `${where}: "${node.name}" is not connected`);
			}
			// Exercised with assertions here or elsewhere, so it cannot rot unnoticed.
			assert.ok(
				CHECKS[file] || ELSEWHERE[file],
				`${where}: no assertions: add them to CHECKS in examples.e2e.mjs (or another e2e file and ELSEWHERE)`,
			);
		}
	});

	test('every example imports into n8n as shipped', () => {
		for (const wf of files.map(shipped)) {
			const got = exported.find((w) => w.id === wf.id);
			assert.ok(got, `${wf.id} was not imported`);
			assert.equal(got.name, wf.name);
			assert.equal(got.description, wf.description, `${wf.id}: the description was not kept`);
			assert.deepEqual(
				got.nodes.map((n) => [n.name, n.type, n.typeVersion]),
				wf.nodes.map((n) => [n.name, n.type, n.typeVersion]),
				`${wf.id}: nodes changed on import`,
			);
			assert.deepEqual(got.connections, wf.connections, `${wf.id}: connections changed on import`);
		}
	});

	// Examples that run in another e2e file (ELSEWHERE) are checked there, not listed here as skipped.
	for (const file of files.filter((f) => !ELSEWHERE[f])) {
		const wf = shipped(file);
		const reason = notRunnable(wf);
		test(`${file} runs green and produces what it promises`, { skip: reason }, async (t) => {
			const runnable = workflows.get(file);
			const checks = CHECKS[file];
			assert.ok(checks, `no assertions for ${file}`);
			await checks.arrange?.({ n8n, emulator });
			const result = await n8n.execute(runnable.id, { timeoutMs: 240_000 });
			assert.equal(result.status, 'success', result.describe());
			// Every node ran, and no Sora node let an error item through.
			for (const node of runnable.nodes) {
				if (node.disabled) continue;
				const items = result.items(node.name);
				assert.ok(items.length > 0, `"${node.name}" output no items`);
				if (node.type.startsWith(`${PACKAGE_NAME}.`)) {
					for (const item of items) assert.equal(item.json.error ?? null, null, `"${node.name}": ${JSON.stringify(item.json.error)}`);
				}
			}
			await checks.check(result, { n8n, emulator }, t);
		});
	}
});
