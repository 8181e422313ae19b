// A stand-in for registry.npmjs.org on loopback, for registry.e2e.mjs.
//
// n8n's community-package installer accepts another registry (N8N_COMMUNITY_PACKAGES_REGISTRY)
// only with an enterprise licence (feat:communityNodes:customRegistry, checked in n8n 2.41.1),
// so the test leaves n8n on its default registry, https://registry.npmjs.org, and answers for
// that host itself: Verdaccio (test/e2e/install-verdaccio.sh) serves HTTPS with a certificate
// for registry.npmjs.org from a throwaway CA, and n8n (and the npm it runs) reaches it through
// a local HTTPS proxy that tunnels registry.npmjs.org:443 to Verdaccio and refuses every other
// host. Verdaccio has no uplink: nothing is fetched from, or published to, the real registry.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';

import { freePort, run, stopProcess, waitFor } from './harness.mjs';

export const NPM_HOST = 'registry.npmjs.org';
const VERDACCIO_VERSION = process.env.VERDACCIO_VERSION || '6.10.4';
const cache = process.env.SORA_CACHE || path.join(homedir(), '.cache', 'n8n-nodes-sora-video');
const VERDACCIO_DIR = process.env.SORA_E2E_VERDACCIO_DIR || path.join(cache, `verdaccio-${VERDACCIO_VERSION}`);

/** A throwaway CA and a server certificate for registry.npmjs.org and 127.0.0.1, made with openssl. */
export function makeCertificates(dir) {
	mkdirSync(dir, { recursive: true });
	const f = (name) => path.join(dir, name);
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	const openssl = (args) => execFileSync('openssl', args, { stdio: 'pipe' });
	openssl(['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', '/CN=sora-e2e throwaway CA',
		'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
	openssl(['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', `/CN=${NPM_HOST}`]);
	writeFileSync(f('server.ext'), `subjectAltName=DNS:${NPM_HOST},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n`);
	openssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial',
		'-out', f('server.pem'), '-days', '2', '-extfile', f('server.ext')]);
	return { caFile: f('ca.pem'), keyFile: f('server.key'), certFile: f('server.pem') };
}

/** Verdaccio on https://127.0.0.1:<port>, storage in `dir`, publishing for one user it creates. */
export async function startVerdaccio(dir, certs) {
	const bin = path.join(VERDACCIO_DIR, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const port = await freePort();
	const config = path.join(dir, 'config.yaml');
	writeFileSync(config, [
		`storage: ${path.join(dir, 'storage')}`,
		'auth:', '  htpasswd:', `    file: ${path.join(dir, 'htpasswd')}`, '    max_users: 1',
		'uplinks: {}',
		'packages:', "  '**':", '    access: $all', '    publish: $authenticated',
		'https:', `  key: ${certs.keyFile}`, `  cert: ${certs.certFile}`, `  ca: ${certs.caFile}`,
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n'));
	const child = spawn(process.execPath, [bin, '--config', config, '--listen', `https://127.0.0.1:${port}`], {
		cwd: dir, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
	});
	// run.sh's trap kills what is listed here if the test process dies first.
	if (process.env.SORA_E2E_WORK) appendFileSync(path.join(process.env.SORA_E2E_WORK, 'pids'), `${child.pid} verdaccio\n`);
	process.on('exit', () => {
		try {
			process.kill(-child.pid, 'SIGKILL'); // its own process group (detached)
		} catch {
			// already stopped
		}
	});
	let out = '';
	child.stdout.on('data', (d) => (out += d));
	child.stderr.on('data', (d) => (out += d));
	const ca = readFileSync(certs.caFile);
	const url = `https://127.0.0.1:${port}`;
	const request = (method, route, body) => httpsJson(`${url}${route}`, { method, body, ca });
	await waitFor(async () => {
		if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}): ${out}`);
		return (await request('GET', '/-/ping')).status === 200;
	}, { timeoutMs: 30_000, intervalMs: 300, what: 'verdaccio to listen' });
	return { url, port, request, output: () => out, stop: () => stopProcess(child) };
}

/** Publishes a tarball with npm (as a maintainer would), to Verdaccio directly, never through the proxy. */
export async function publish(verdaccio, tarball, certs, workDir) {
	const user = { name: 'sora-e2e', password: 'sora-e2e-password' };
	const res = await verdaccio.request('PUT', `/-/user/org.couchdb.user:${user.name}`, user);
	if (!res.json?.token) throw new Error(`verdaccio adduser: ${res.status} ${res.text}`);
	const userconfig = path.join(workDir, 'publish.npmrc');
	writeFileSync(userconfig, `//127.0.0.1:${verdaccio.port}/:_authToken=${res.json.token}\n`);
	const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
	const out = await run('npm', ['publish', tarball, `--registry=${verdaccio.url}/`, '--ignore-scripts', '--access=public'], {
		env: { ...env, NODE_EXTRA_CA_CERTS: certs.caFile, npm_config_userconfig: userconfig, npm_config_cache: path.join(workDir, 'npm-cache') },
		cwd: workDir,
		label: 'npm publish',
	});
	if (out.code !== 0) throw new Error(`npm publish failed\n${out.stdout}\n${out.stderr}`);
}

/**
 * An HTTP proxy that tunnels CONNECT registry.npmjs.org:443 to Verdaccio and refuses the rest.
 * `tunnels` counts what went to Verdaccio, `refused` lists the other hosts asked for.
 */
export async function startRegistryProxy(verdaccioPort) {
	const stats = { tunnels: 0, refused: [] };
	const sockets = new Set(); // tunnels leave the HTTP server's bookkeeping: close them on stop
	const server = http.createServer((req, res) => {
		stats.refused.push(req.headers.host ?? req.url);
		res.writeHead(403).end('only CONNECT registry.npmjs.org:443 is allowed');
	});
	server.on('connect', (req, socket, head) => {
		if (req.url !== `${NPM_HOST}:443`) {
			stats.refused.push(req.url);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		stats.tunnels++;
		const upstream = net.connect(verdaccioPort, '127.0.0.1', () => {
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(socket).pipe(upstream);
		});
		const close = () => { upstream.destroy(); socket.destroy(); };
		sockets.add(close);
		socket.on('close', () => sockets.delete(close));
		upstream.on('error', close);
		socket.on('error', close);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		stats,
		stop: () => new Promise((resolve) => {
			for (const close of sockets) close();
			server.closeAllConnections();
			server.close(resolve);
		}),
	};
}

function httpsJson(url, { method = 'GET', body, ca }) {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = https.request(url, {
			method, ca, timeout: 10_000,
			headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {},
		}, (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => {
				let json;
				try { json = JSON.parse(text); } catch { json = undefined; }
				resolve({ status: res.statusCode, text, json });
			});
		});
		req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
		req.on('error', reject);
		req.end(data);
	});
}
