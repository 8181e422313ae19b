// The harness itself, with test-only nodes (no build of the package needed).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { binaryBuffer, continueOnFail, runWorkflow } from '../harness';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('engine harness (test-only nodes)', () => {
	it('runs a workflow and returns each node output with pairedItem', async () => {
		const result = await runWorkflow({
			nodes: [{ name: 'Echo', type: 'harnessEcho' }],
			inputItems: [{ json: { a: 1 } }, { json: { a: 2 } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.outputs.Echo.map((i) => i.json.a)).toEqual([1, 2]);
		expect(result.outputs.Echo.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each(['default', 'filesystem'] as const)('carries binary input in %s mode', async (binaryMode) => {
		const bytes = Buffer.from('hello binary world');
		const result = await runWorkflow({
			binaryMode,
			nodes: [{ name: 'Echo', type: 'harnessEcho' }],
			inputItems: [{ json: {}, binary: { data: { data: bytes, mimeType: 'text/plain', fileName: 'h.txt' } } }],
		});
		expect(result.error).toBeUndefined();
		const item = result.outputs.Echo[0];
		expect(item.json.seenBinaryKeys).toEqual(['data']);
		expect(item.binary?.data.mimeType).toBe('text/plain');
		expect(item.binary?.data.fileName).toBe('h.txt');
		if (binaryMode === 'filesystem') expect(item.binary?.data.id).toMatch(/^filesystem-v2:/);
		else expect(item.binary?.data.id).toBeUndefined();
		expect((await binaryBuffer(item)).equals(bytes)).toBe(true);
	});

	it('stops the workflow on a node error, or continues with onError', async () => {
		const failing = await runWorkflow({
			nodes: [{ name: 'Echo', type: 'harnessEcho' }],
			inputItems: [{ json: { fail: true } }],
		});
		expect(failing.error?.message).toMatch(/asked to fail/);
		expect(failing.nodeErrors.Echo?.message).toMatch(/asked to fail/);

		const continuing = await runWorkflow({
			nodes: [continueOnFail({ name: 'Echo', type: 'harnessEcho' })],
			inputItems: [{ json: { fail: true } }, { json: { ok: 1 } }],
		});
		expect(continuing.error).toBeUndefined();
		expect(continuing.outputs.Echo.map((i) => i.json.error ?? i.json.ok)).toEqual(['item 0 asked to fail', 1]);
	});

	it('cancels a running execution through the cancel signal', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Sleep', type: 'harnessSleep', parameters: { ms: 10_000 } },
				{ name: 'After', type: 'harnessEcho' },
			],
			cancelAfterMs: 200,
		});
		expect(result.canceled).toBe(true);
		// n8n computes 'canceled' only when the node's error says so; an AbortError makes it 'error'.
		expect(['canceled', 'error']).toContain(result.status);
		// Well before the 10 s sleep would have ended (wide: the machine may be loaded).
		expect(result.finishedAt - result.startedAt).toBeLessThan(8000);
		expect(result.finishedAt - result.cancelledAt!).toBeLessThan(7000);
		expect(result.outputs.After).toBeUndefined();
	});

	it('cancels through an AbortController', async () => {
		const abortController = new AbortController();
		setTimeout(() => abortController.abort(), 100);
		const result = await runWorkflow({
			nodes: [{ name: 'Sleep', type: 'harnessSleep', parameters: { ms: 10_000 } }],
			abortController,
		});
		expect(result.canceled).toBe(true);
		expect(result.finishedAt - result.startedAt).toBeLessThan(8000); // well before the 10 s sleep would have ended
	});

	it('sends real HTTP through httpRequestWithAuthentication, signed by the credential type', async () => {
		const seen: http.IncomingHttpHeaders[] = [];
		const urls: string[] = [];
		const server = http.createServer((req, res) => {
			seen.push(req.headers);
			urls.push(req.url ?? '');
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ ok: true }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const result = await runWorkflow({
				nodes: [{ name: 'HTTP', type: 'harnessHttp', parameters: { url: `http://127.0.0.1:${port}/x?a=1` } }],
				credentials: { harnessApi: { token: 'sekret' } },
			});
			expect(result.error).toBeUndefined();
			expect(result.outputs.HTTP[0].json).toEqual({ statusCode: 200, body: { ok: true } });
			expect(seen[0].authorization).toBe('Bearer sekret');
			expect(seen[0]['x-harness']).toBe('yes');
			expect(urls[0]).toContain('via=harness');
			expect(result.credentialsRequested).toEqual(['harnessApi']);
		} finally {
			server.close();
		}
	});
});
