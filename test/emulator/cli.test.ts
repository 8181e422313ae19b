// The CLI process and its admin HTTP surface, as the end-to-end suite uses them.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'undici';
import { SERVER_TEST_MS } from '../fixtures/wait';

const CLI = join(__dirname, '..', '..', 'emulator', 'cli.js');

function startCli(args: string[]): Promise<{ proc: ChildProcess; line: string; baseUrl: string; apiKey: string }> {
	return new Promise((resolve, reject) => {
		const proc = spawn(process.execPath, [CLI, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		proc.stdout!.on('data', (d) => {
			out += d;
			const line = out.split('\n').find((l) => l.includes('listening'));
			if (line) {
				const m = /base URL (\S+)\s+API key (\S+)/.exec(line)!;
				resolve({ proc, line, baseUrl: m[1], apiKey: m[2] });
			}
		});
		proc.stderr!.on('data', (d) => (err += d));
		proc.on('exit', (code) => reject(new Error(`cli exited ${code}: ${err}`)));
	});
}

async function json(url: string, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
	const res = await request(url, {
		method: method as any,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: res.statusCode, headers: res.headers, json: (await res.body.json()) as any };
}

describe('cli', () => {
	test('prints base URL and key on one line, serves the API, admin surface works, exits on SIGTERM', async () => {
		const fault = JSON.stringify({ match: { kind: 'list' }, times: 1, fault: { type: 'status', status: 503 } });
		const { proc, line, baseUrl, apiKey } = await startCli(['--profile', 'openai', '--duration-ms', '100', '--poll-after-ms', '50', '--fault', fault, '--api-key', 'sk-cli']);
		try {
			expect(line).toMatch(/^Sora emulator listening: base URL http:\/\/127\.0\.0\.1:\d+\/v1\s+API key sk-cli\s+profile openai$/);
			const origin = baseUrl.replace(/\/v1$/, '');
			const auth = { authorization: `Bearer ${apiKey}` };
			expect((await json(`${baseUrl}/videos`, 'GET', undefined, auth)).status).toBe(503);
			const created = await json(`${baseUrl}/videos`, 'POST', { prompt: 'from the cli' }, auth);
			expect(created.status).toBe(200);
			expect(created.headers['openai-poll-after-ms']).toBe('50');

			const jobs = await json(`${origin}/__emulator/jobs`);
			expect(jobs.json.map((j: any) => j.id)).toEqual([created.json.id]);
			const reqs = await json(`${origin}/__emulator/requests`);
			expect(reqs.json.map((r: any) => r.kind)).toEqual(['list', 'create']);
			expect(reqs.json[1].headers.authorization).toBe('Bearer REDACTED');

			await json(`${origin}/__emulator/faults`, 'POST', [{ match: { kind: 'get' }, times: 1, fault: { type: 'status', status: 429, retryAfter: 1 } }]);
			const limited = await json(`${baseUrl}/videos/${created.json.id}`, 'GET', undefined, auth);
			expect([limited.status, limited.headers['retry-after']]).toEqual([429, '1']);

			const opts = await json(`${origin}/__emulator/options`, 'POST', { pollAfterMs: 75 });
			expect(opts.json.options.pollAfterMs).toBe(75);
			const hook = await json(`${origin}/__emulator/webhook`, 'POST', { url: 'http://127.0.0.1:1/x', secret: 'whsec_c2VjcmV0' });
			expect(hook.json).toEqual({ ok: true, webhook: { url: 'http://127.0.0.1:1/x' } });
			expect((await json(`${origin}/__emulator/health`)).json).toMatchObject({ ok: true, baseUrl, profile: 'openai' });

			expect((await json(`${origin}/__emulator/reset`, 'POST')).json).toEqual({ ok: true });
			expect((await json(`${origin}/__emulator/jobs`)).json).toEqual([]);
			expect((await json(`${origin}/__emulator/faults`, 'POST', [{ fault: { type: 'nope' } }])).status).toBe(400);
		} finally {
			const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
			proc.kill('SIGTERM');
			expect(await exited).toBe(0);
		}
	});

	test('azure profile prints the /openai/v1 base URL; bad flags exit 2 with usage', async () => {
		const { proc, baseUrl } = await startCli(['--profile', 'azure']);
		expect(baseUrl).toMatch(/\/openai\/v1$/);
		const exited = new Promise((r) => proc.once('exit', r));
		proc.kill('SIGINT');
		await exited;
		const bad = spawn(process.execPath, [CLI, '--bogus'], { stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		bad.stderr!.on('data', (d) => (err += d));
		const code = await new Promise((r) => bad.once('exit', r));
		expect(code).toBe(2);
		expect(err).toContain('unknown option --bogus');
		expect(err).toContain('Usage');
	});
});

describe('cli memory', () => {
	jest.setTimeout(SERVER_TEST_MS);
	test('a 300 MB padded MP4 is streamed: the emulator process does not grow by the file size', async () => {
		const size = 300 * 1024 * 1024;
		const { proc, baseUrl, apiKey } = await startCli(['--duration-ms', '0', '--mp4-bytes', String(size)]);
		try {
			const origin = baseUrl.replace(/\/v1$/, '');
			const auth = { authorization: `Bearer ${apiKey}` };
			const v = await json(`${baseUrl}/videos`, 'POST', { prompt: 'big', size: '1280x720' }, auth);
			// warm the media cache, then measure one full download
			await (await request(`${baseUrl}/videos/${v.json.id}/content?variant=thumbnail`, { headers: auth })).body.dump();
			const before = (await json(`${origin}/__emulator/health`)).json.memory.rss;
			const res = await request(`${baseUrl}/videos/${v.json.id}/content`, { headers: auth });
			let total = 0;
			for await (const chunk of res.body) total += chunk.length;
			expect(total).toBe(size);
			const after = (await json(`${origin}/__emulator/health`)).json.memory.rss;
			expect(after - before).toBeLessThan(64 * 1024 * 1024);
		} finally {
			const exited = new Promise((r) => proc.once('exit', r));
			proc.kill('SIGTERM');
			await exited;
		}
	});
});
