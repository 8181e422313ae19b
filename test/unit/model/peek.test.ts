import { createServer, get } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { peekHead } from '../../../nodes/SoraVideo/transport/content';

// The first bytes of a real HTTP body are read to judge it, then put back for the binary store.
describe('peekHead on a real HTTP body', () => {
	const big = Buffer.alloc(3_000_000, 7);
	big.write('\0\0\0\x20ftypisom', 0, 'latin1');
	let server: Server;
	let port: number;
	beforeAll(async () => {
		server = createServer((req, res) => {
			if (req.url === '/small') {
				res.end('{"url":"https://cdn.example/v.mp4"}');
			} else if (req.url === '/cut') {
				res.setHeader('content-length', String(big.length));
				res.write(big.subarray(0, 1000));
				setTimeout(() => res.destroy(), 20);
			} else {
				res.end(big);
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	const fetchBody = (path: string) => new Promise<IncomingMessage>((resolve) => get({ port, path, host: '127.0.0.1' }, resolve));

	it('puts the head back so that the whole body still streams', async () => {
		const body = await fetchBody('/big');
		const { head, ended } = await peekHead(body, 16);
		expect(ended).toBe(false);
		expect(head.toString('latin1', 4, 8)).toBe('ftyp');
		const chunks: Buffer[] = [];
		for await (const chunk of body) chunks.push(chunk as Buffer);
		expect(Buffer.concat(chunks).equals(big)).toBe(true);
	});

	it('returns a small body whole, marked ended', async () => {
		const { head, ended } = await peekHead(await fetchBody('/small'));
		expect(ended).toBe(true);
		expect(JSON.parse(head.toString()).url).toBe('https://cdn.example/v.mp4');
	});

	it('reports a connection that breaks while the head is read', async () => {
		const result = await peekHead(await fetchBody('/cut'), 64 * 1024);
		expect(result.cutOff).toBeDefined();
		expect(result.head.length).toBe(1000);
	});
});
