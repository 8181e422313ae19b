// The new profile, id styles and fault rules through the CLI process and its admin HTTP
// surface, as the end-to-end suite (n8n in another process) selects them.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

const CLI = join(__dirname, '..', '..', 'emulator', 'cli.js');

function startCli(args: string[]): Promise<{ proc: ChildProcess; baseUrl: string; apiKey: string }> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		proc.stdout!.on('data', (d) => {
			out += d;
			const m = /base URL (\S+)\s+API key (\S+)/.exec(out);
			if (m) resolve({ proc, baseUrl: m[1], apiKey: m[2] });
		});
		proc.on('exit', (code) => reject(new Error(`cli exited ${code}`)));
	});
}

async function http(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
	const res = await request(url, {
		method: method as any,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.body.text();
	return { status: res.statusCode, headers: res.headers, text, json: text && /json/.test(String(res.headers['content-type'])) ? JSON.parse(text) : null };
}

test('litellm profile and dialect faults over the admin surface', async () => {
	const { proc, baseUrl, apiKey } = await startCli(['--profile', 'litellm', '--id-style', 'litellm-unpadded', '--duration-ms', '50']);
	try {
		const origin = baseUrl.replace(/\/v1$/, '');
		const auth = { authorization: `Bearer ${apiKey}` };
		expect((await http(`${origin}/__emulator/health`)).json.profile).toBe('litellm');
		await http(`${origin}/__emulator/faults`, 'POST', [
			{ match: { kind: 'create' }, times: 1, fault: { type: 'rewrite', rename: { id: 'task_id' } } },
			{ match: { kind: 'get' }, times: 1, fault: { type: 'body', shape: 'html', status: 200 } },
			{ match: { kind: 'get' }, times: 1, fault: { type: 'rewrite', set: { status: 'succeeded' }, timestamps: 'ms' } },
			{ match: { kind: 'content' }, times: 1, fault: { type: 'contentUrl' } },
		]);
		const created = await http(`${baseUrl}/videos`, 'POST', { prompt: 'a\nb' }, auth);
		const id = created.json.task_id;
		expect(id).toMatch(/^video_[A-Za-z0-9+/]+$/);
		await new Promise((r) => setTimeout(r, 100));
		const path = `${baseUrl}/videos/${encodeURIComponent(id)}`;
		expect((await http(path, 'GET', undefined, auth)).text).toMatch(/^<html>/);
		const ms = (await http(path, 'GET', undefined, auth)).json;
		expect(ms.status).toBe('succeeded');
		expect(ms.created_at).toBeGreaterThan(1e12);
		const content = await http(`${path}/content`, 'GET', undefined, auth);
		const file = await http(content.json.url, 'GET', undefined, auth);
		expect([file.status, file.headers['content-type']]).toEqual([200, 'video/mp4']);

		const log = (await http(`${origin}/__emulator/requests`)).json;
		expect(log.map((e: any) => e.kind)).toEqual(['create', 'get', 'get', 'content', 'fileHost']);
		expect(Buffer.from(log[0].rawBody, 'base64').toString()).toBe('{"prompt":"a\\nb"}');
		expect(log[4]).toMatchObject({ authSeen: true, headers: { authorization: 'Bearer REDACTED' } });
		expect(JSON.stringify(log)).not.toContain(apiKey);
	} finally {
		const exited = new Promise((r) => proc.once('exit', r));
		proc.kill('SIGTERM');
		await exited;
	}
});
