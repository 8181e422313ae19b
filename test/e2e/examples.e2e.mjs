// Every workflow in examples/ must import into a real n8n with the package installed, and
// each one that starts with a Manual Trigger must run green against the emulator: the
// examples are what users copy, so they are tested as shipped (only the credential is
// swapped for the emulator's).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { PACKAGE_NAME, REPO, createN8n, isMp4, soraCredential, startEmulator, useCredential } from './lib/harness.mjs';

const EXAMPLES = path.join(REPO, 'examples');
const files = (() => {
	try {
		return readdirSync(EXAMPLES)
			.filter((f) => f.endsWith('.json'))
			.sort();
	} catch {
		return [];
	}
})();

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

describe('examples/ in a real n8n', { timeout: 900_000, skip: files.length === 0 && 'examples/ has no workflows yet' }, () => {
	let emulator;
	let n8n;
	const workflows = files.map((file) => ({
		file,
		wf: useCredential(JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8'))),
	}));

	before(async () => {
		emulator = await startEmulator(['--duration-ms', '1500', '--queued-ms', '200']);
		n8n = createN8n('examples');
		await n8n.importCredentials([soraCredential(emulator, { webhookSecret: 'whsec_c3ludGhldGljLXdlYmhvb2stc2VjcmV0' })]);
		for (const { file, wf } of workflows) {
			assert.ok(wf.id, `${file} has no "id": n8n import:workflow and execute --id need one`);
		}
		await n8n.importWorkflows(workflows.map(({ wf }) => wf));
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	for (const { file, wf } of workflows) {
		const reason = notRunnable(wf);
		test(`${file} runs green`, { skip: reason }, async () => {
			const result = await n8n.execute(wf.id, { timeoutMs: 240_000 });
			assert.equal(result.status, 'success', result.describe());
			const soraNodes = wf.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`) && !n.disabled);
			assert.ok(soraNodes.length > 0, `${file} has no Sora node`);
			for (const node of soraNodes) {
				const items = result.items(node.name);
				assert.ok(items.length > 0, `"${node.name}" output no items`);
				for (const item of items) {
					const onError = node.onError === 'continueRegularOutput' || node.onError === 'continueErrorOutput';
					if (!onError) assert.equal(item.json.error ?? null, null, `"${node.name}": ${JSON.stringify(item.json.error)}`);
					for (const [key, binary] of Object.entries(item.binary ?? {})) {
						const bytes = result.readBinary(binary);
						assert.ok(bytes.length > 0, `"${node.name}" binary "${key}" is empty`);
						if (binary.mimeType === 'video/mp4') assert.ok(isMp4(bytes), `"${node.name}" binary "${key}" is not an MP4`);
					}
				}
			}
		});
	}
});
