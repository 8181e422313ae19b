// Workflows and credentials the e2e suite imports: test/e2e/workflows/*.json and examples/*.json
// with every Sora node pointed at one e2e credential for the emulator.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { PACKAGE_NAME, REPO } from './config.mjs';

export const CREDENTIAL_ID = 'soraE2eCredential1';
export const CREDENTIAL_NAME = 'Sora emulator (e2e)';

export function soraCredential(emulator, extra = {}) {
	return {
		id: CREDENTIAL_ID,
		name: CREDENTIAL_NAME,
		type: 'soraApi',
		data: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, authType: 'bearer', ...extra },
	};
}

/** test/e2e/workflows/<name>.json */
export const workflowFile = (name) => path.join(REPO, 'test', 'e2e', 'workflows', `${name}.json`);

/** Reads a workflow fixture and points every Sora node at the e2e credential. */
export function loadWorkflow(file, { id, replacements = {} } = {}) {
	let text = readFileSync(file, 'utf8');
	for (const [from, to] of Object.entries(replacements)) text = text.split(from).join(to);
	const wf = JSON.parse(text);
	return useCredential(wf, { id });
}

export function useCredential(wf, { id } = {}) {
	wf.id = id || wf.id;
	wf.active = false;
	wf.settings = { executionOrder: 'v1', ...(wf.settings ?? {}) };
	for (const node of wf.nodes) {
		if (node.type.startsWith(`${PACKAGE_NAME}.`) || node.type.startsWith('CUSTOM.')) {
			node.type = `${PACKAGE_NAME}.${node.type.split('.').pop()}`;
			node.credentials = { soraApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
		}
	}
	return wf;
}

/** examples/: the workflows users import, tested as shipped. */
export const EXAMPLES_DIR = path.join(REPO, 'examples');
export const exampleFile = (name) => path.join(EXAMPLES_DIR, name.endsWith('.json') ? name : `${name}.json`);
/**
 * Where the examples write files: n8n 2.x's default allowed folder (~/.n8n-files) as it is
 * in the official Docker image, whose user is `node`.
 */
export const EXAMPLE_FILES_DIR = '/home/node/.n8n-files';

/**
 * examples/<name>.json as shipped, ready to import into `inst`: Sora nodes use the e2e
 * credential, and file paths under /home/node/.n8n-files point at the instance's own
 * ~/.n8n-files (the same folder under another home), so n8n's default file restriction,
 * not a loosened one, is what lets the write through. Nothing else is changed.
 */
export function loadExample(name, inst) {
	const wf = useCredential(JSON.parse(readFileSync(exampleFile(name), 'utf8')));
	for (const node of wf.nodes) {
		if (node.type !== 'n8n-nodes-base.readWriteFile') continue;
		const fileName = String(node.parameters?.fileName ?? '');
		const at = fileName.indexOf(`${EXAMPLE_FILES_DIR}/`);
		if (at < 0 || at > 1) {
			throw new Error(`${name}: "${node.name}" writes to ${fileName}, expected a path under ${EXAMPLE_FILES_DIR}/`);
		}
		node.parameters.fileName = fileName.replace(EXAMPLE_FILES_DIR, inst.filesDir);
	}
	return wf;
}

/** A copy of `wf` under `id` whose node `nodeName` has Max Spend per Run set to `usd`, for the refused-before-any-request checks. */
export function withSpendCap(wf, { id, nodeName, usd }) {
	const capped = structuredClone(wf);
	capped.id = id;
	capped.name = `${wf.name} (cap $${usd})`;
	capped.nodes.find((n) => n.name === nodeName).parameters.options.maxSpendUsd = usd;
	return capped;
}
