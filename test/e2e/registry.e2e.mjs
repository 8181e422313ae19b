// The path a user takes: Settings → Community Nodes → Install. The packed package is published
// to a local registry that answers for registry.npmjs.org (see lib/registry.mjs), and a running
// n8n with NO copy of it installs it through the REST call behind that dialog, runs a workflow
// with it in the same process (no restart), uninstalls it and installs it again.
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { NODE_TYPE, PACKAGE_NAME, TRIGGER_TYPE, createN8n, run, startEmulator, waitFor } from './lib/harness.mjs';
import { NPM_HOST, makeCertificates, publish, startRegistryProxy, startVerdaccio } from './lib/registry.mjs';

const PACKAGE_DIR = process.env.SORA_E2E_PACKAGE_DIR;
const version = PACKAGE_DIR && JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version;

/** Webhook → Sora Video Create (wait for completion): the webhook answers with the Video object. */
function soraWorkflow(credential, webhookPath) {
	return {
		name: 'e2e: installed from the registry',
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: randomUUID(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2.1, position: [0, 0], webhookId: randomUUID(),
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', options: {} } },
			{ id: randomUUID(), name: 'Create Video', type: NODE_TYPE, typeVersion: 1, position: [240, 0],
				parameters: { resource: 'video', operation: 'create', prompt: '={{ $json.body.prompt }}', model: { __rl: true, mode: 'id', value: 'sora-2' },
					seconds: '4', size: '720x1280', waitForCompletion: true, options: { pollInterval: 1, maxWait: 2 } },
				credentials: { soraApi: { id: credential.id, name: credential.name } } },
		],
		connections: { Webhook: { main: [[{ node: 'Create Video', type: 'main', index: 0 }]] } },
	};
}

describe('installed through n8n’s Community Nodes installer', { timeout: 600_000 }, () => {
	let emulator, certs, verdaccio, proxy, n8n, server, tarball, workflow;
	const webhookPath = `sora-registry-${randomUUID().slice(0, 8)}`;
	const installedDir = () => path.join(n8n.n8nFolder, 'nodes', 'node_modules', PACKAGE_NAME);

	before(async () => {
		assert.ok(PACKAGE_DIR, 'SORA_E2E_PACKAGE_DIR is not set: run through test/e2e/run.sh');
		emulator = await startEmulator(['--duration-ms', '1000', '--queued-ms', '100']);
		n8n = createN8n('registry');
		// No copy in the nodes folder: the installer must bring the package.
		rmSync(path.join(n8n.n8nFolder, 'nodes'), { recursive: true, force: true });
		const work = path.join(n8n.userFolder, 'registry');
		mkdirSync(work, { recursive: true });
		certs = makeCertificates(path.join(work, 'certs'));
		verdaccio = await startVerdaccio(work, certs);
		const packed = await run('npm', ['pack', PACKAGE_DIR, '--pack-destination', work, '--silent', '--ignore-scripts'], { cwd: work });
		tarball = path.join(work, packed.stdout.trim().split('\n').pop());
		await publish(verdaccio, tarball, certs, work);
		proxy = await startRegistryProxy(verdaccio.port);
		// n8n stays on its default registry; its npm and its HTTP client reach it through the proxy.
		for (const key of Object.keys(n8n.env)) if (/^npm_config_/i.test(key)) delete n8n.env[key];
		Object.assign(n8n.env, {
			HTTPS_PROXY: proxy.url, https_proxy: proxy.url, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost',
			NODE_EXTRA_CA_CERTS: certs.caFile, npm_config_cache: path.join(work, 'n8n-npm-cache'),
		});
		server = await n8n.start();
		await server.setupOwner();
	});

	after(async () => {
		await n8n?.dispose();
		await proxy?.stop();
		await verdaccio?.stop();
		await emulator?.stop();
	});

	test('the registry serves what npm pack made, as registry.npmjs.org', async () => {
		const doc = await verdaccio.request('GET', `/${PACKAGE_NAME}`);
		assert.equal(doc.status, 200, doc.text);
		const sha512 = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
		assert.equal(doc.json.versions[version].dist.integrity, sha512);
		assert.deepEqual(await server.rest('GET', '/community-packages'), [], 'nothing installed before the Install call');
	});

	test('Install: n8n downloads the package from the registry and loads both nodes without a restart', async () => {
		const before = proxy.stats.tunnels;
		const installed = await server.rest('POST', '/community-packages', { name: PACKAGE_NAME });
		assert.equal(installed.packageName, PACKAGE_NAME);
		assert.equal(installed.installedVersion, version);
		assert.deepEqual(installed.installedNodes.map((n) => n.type).sort(), [NODE_TYPE, TRIGGER_TYPE].sort());
		assert.ok(proxy.stats.tunnels > before, `n8n never connected to ${NPM_HOST} through the proxy`);
		// The files n8n unpacked are the ones published.
		assert.deepEqual(fileList(installedDir()), fileList(PACKAGE_DIR));
		const listed = await server.rest('GET', '/community-packages');
		assert.deepEqual(listed.map((p) => [p.packageName, p.installedVersion]), [[PACKAGE_NAME, version]]);
	});

	test('a workflow with the installed node runs in that n8n against the emulator', async () => {
		const credential = await server.rest('POST', '/credentials', {
			name: 'Sora emulator (registry e2e)', type: 'soraApi',
			data: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, authType: 'bearer' },
		});
		workflow = await server.rest('POST', '/workflows', { ...soraWorkflow(credential, webhookPath), active: false });
		const activated = await server.rest('POST', `/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
		assert.equal(activated.active, true);
		await assertCreatesVideo('installed once');
	});

	test('Uninstall removes the package; Install again brings it back and the workflow runs', async () => {
		await server.rest('DELETE', `/community-packages?name=${PACKAGE_NAME}`);
		assert.deepEqual(await server.rest('GET', '/community-packages'), []);
		assert.equal(existsSync(installedDir()), false, 'package folder left behind after uninstall');

		const again = await server.rest('POST', '/community-packages', { name: PACKAGE_NAME });
		assert.equal(again.installedVersion, version);
		assert.deepEqual(fileList(installedDir()), fileList(PACKAGE_DIR));
		const current = await server.rest('GET', `/workflows/${workflow.id}`);
		if (!current.active) await server.rest('POST', `/workflows/${workflow.id}/activate`, { versionId: current.versionId });
		await assertCreatesVideo('installed again');
	});

	async function assertCreatesVideo(prompt) {
		// Activation registers the webhook a moment after the REST call returns.
		const { res, text } = await waitFor(async () => {
			const res = await fetch(`${server.url}/webhook/${webhookPath}`, {
				method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prompt }),
				signal: AbortSignal.timeout(60_000),
			});
			const text = await res.text();
			return res.status === 404 ? undefined : { res, text };
		}, { timeoutMs: 60_000, intervalMs: 500, what: `the webhook ${webhookPath} to be registered` });
		assert.equal(res.status, 200, text);
		const video = JSON.parse(text);
		assert.equal(video.object, 'video');
		assert.equal(video.status, 'completed');
		assert.equal(video.prompt, prompt);
		const jobs = await emulator.jobs();
		assert.ok(jobs.some((j) => j.id === video.id && j.status === 'completed'), `emulator has no completed job ${video.id}`);
	}
});

/** Relative paths of every file under `dir` (package.json aside: n8n rewrites it on install). */
function fileList(dir, prefix = '') {
	return readdirSync(path.join(dir, prefix), { withFileTypes: true })
		.flatMap((e) => (e.isDirectory() ? fileList(dir, path.join(prefix, e.name)) : [path.join(prefix, e.name)]))
		.filter((f) => f !== 'package.json' && !f.startsWith('node_modules'))
		.sort();
}
