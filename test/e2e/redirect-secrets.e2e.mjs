// Credential headers stay on the Base URL's origin in a real n8n: a content download that the
// server redirects (307) to another origin (the emulator's file host, another port) reaches it
// with none of the credential's headers: not the Azure `api-key`, not OpenAI-Organization or
// OpenAI-Project, not the Extra Headers. Every request on the API's own origin carries them all.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { createN8n, isMp4, soraCredential, startEmulator, useCredential } from './lib/harness.mjs';

const ORG = 'org-e2e-canary-1357';
const PROJECT = 'proj_e2e_canary_2468';
const GATEWAY_KEY = 'gw-e2e-canary-9753';
const PORTKEY = 'pk-e2e-canary-8642';

const CREDENTIAL_HEADERS = ['api-key', 'authorization', 'openai-organization', 'openai-project', 'x-gateway-key', 'x-portkey-api-key'];

const sora = (id, name, x, parameters) => ({
	id,
	name,
	type: 'n8n-nodes-sora-video.soraVideo',
	typeVersion: 1,
	position: [x, 0],
	parameters: { resource: 'video', ...parameters },
});

const WORKFLOW = useCredential({
	id: 'e2eRedirectSecrets',
	name: 'e2e: a redirected download keeps the credential home',
	nodes: [
		{ id: 'n-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		sora('n-create', 'Create Video', 240, {
			operation: 'create',
			prompt: 'A harbour at night, lights on the water',
			model: { __rl: true, mode: 'id', value: 'sora-2' },
			seconds: '4',
			size: '720x1280',
			waitForCompletion: true,
			options: { pollInterval: 1, maxWait: 2, downloadVideo: false },
		}),
		sora('n-download', 'Download', 480, { operation: 'download', videoId: '={{ $json.id }}', variant: 'video' }),
	],
	connections: {
		Start: { main: [[{ node: 'Create Video', type: 'main', index: 0 }]] },
		'Create Video': { main: [[{ node: 'Download', type: 'main', index: 0 }]] },
	},
});

describe('credential headers and redirects in a real n8n', { timeout: 600_000 }, () => {
	let emulator;
	let n8n;

	before(async () => {
		// Azure's profile accepts only the api-key header: the key mode n8n's own redirect option leaked.
		emulator = await startEmulator(['--profile', 'azure', '--duration-ms', '1500', '--queued-ms', '200']);
		n8n = createN8n('redirects');
		await n8n.importCredentials([
			soraCredential(emulator, {
				authType: 'apiKeyHeader',
				organizationId: ORG,
				projectId: PROJECT,
				extraHeaders: `X-Gateway-Key: ${GATEWAY_KEY}\nX-Portkey-Api-Key: ${PORTKEY}`,
			}),
		]);
		await n8n.importWorkflows([WORKFLOW]);
	});

	after(async () => {
		await n8n?.dispose();
		await emulator?.stop();
	});

	test('a 307 to another origin reaches it with none of the credential headers', async () => {
		await emulator.setFaults([{ match: { kind: 'content' }, fault: { type: 'contentRedirect', status: 307 } }]);
		const result = await n8n.execute('e2eRedirectSecrets');
		assert.equal(result.status, 'success', result.describe());
		const [item] = result.items('Download');
		assert.equal(item.json.mimeType, 'video/mp4');
		assert.ok(isMp4(result.readBinary(item.binary.data)), 'the redirected file is not an MP4');

		const requests = await emulator.requests();
		const away = requests.filter((r) => r.kind === 'fileHost');
		const home = requests.filter((r) => r.kind !== 'fileHost');
		assert.equal(away.length, 1, JSON.stringify(requests.map((r) => `${r.kind} ${r.path}`)));
		assert.ok(home.some((r) => r.kind === 'content'), 'the content route was not asked');

		// On the API's origin every request carried every credential header...
		for (const r of home) {
			assert.equal(r.authOk, true, `${r.kind} ${r.path} was not authenticated`);
			assert.equal(r.headers['openai-organization'], ORG, `${r.kind} lacks OpenAI-Organization`);
			assert.equal(r.headers['openai-project'], PROJECT, `${r.kind} lacks OpenAI-Project`);
			assert.equal(r.headers['x-gateway-key'], GATEWAY_KEY, `${r.kind} lacks X-Gateway-Key`);
			assert.equal(r.headers['x-portkey-api-key'], PORTKEY, `${r.kind} lacks X-Portkey-Api-Key`);
		}
		// ...and the other origin saw none of them, nor the key anywhere in its headers.
		const [file] = away;
		for (const name of CREDENTIAL_HEADERS) assert.equal(file.headers[name], undefined, `${name} reached the other origin`);
		assert.equal(file.authSeen, false);
		assert.equal(file.keySeen, false);
		const seen = JSON.stringify(file.headers);
		for (const value of [ORG, PROJECT, GATEWAY_KEY, PORTKEY]) assert.ok(!seen.includes(value), `${value} reached the other origin`);
	});
});
