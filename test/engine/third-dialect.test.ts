// The dialect seam holds: a third server dialect, written here in test code, plugs in through
// the transport's registerDialect and runs Create with Wait for Completion through the real
// router in n8n's engine, against a loopback server with a job API of its own (POST /tasks,
// GET /tasks/{id}, GET /tasks/{id}/file). No operation, helper or job file knows about it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

import type { Dialect, VideoResponse } from '../../nodes/SoraVideo/transport';
import { binaryBuffer, runWorkflow } from '../harness';
import { assertBuilt } from '../harness/node-types';
import { FAST_OPTIONS, soraNode } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS);

// The engine runs the BUILT node: the dialect registers with the transport module it loads.
type Transport = typeof import('../../nodes/SoraVideo/transport');
const builtTransport = () => require(path.resolve(__dirname, '../../dist/nodes/SoraVideo/transport')) as Transport;

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\0\0isommp41', 'latin1'), Buffer.alloc(4096, 7)]);

/** The loopback server's task, in its own words: task_id, phase (waiting/rendering/ready), pct. */
interface Task {
	task_id: string;
	phase: string;
	pct: number;
	text: string;
	polls: number;
}

function startTaskServer() {
	const tasks = new Map<string, Task>();
	const seen: string[] = [];
	const auth: string[] = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
		req.on('end', () => {
			seen.push(`${req.method} ${req.url}`);
			auth.push(String(req.headers.authorization));
			const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
			const match = /^\/v9\/tasks(?:\/([^/?]+))?(\/file)?/.exec(req.url ?? '');
			const task = match?.[1] ? tasks.get(decodeURIComponent(match[1])) : undefined;
			if (req.method === 'POST' && match && !match[1]) {
				const id = `task-${tasks.size + 1}`;
				tasks.set(id, { task_id: id, phase: 'waiting', pct: 0, text: (JSON.parse(body) as { text: string }).text, polls: 0 });
				return json(202, tasks.get(id));
			}
			if (!task) return json(404, { problem: 'no such task' });
			if (match?.[2]) return res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': MP4.length }).end(MP4);
			// Each status check moves the task on: rendering, then ready.
			task.polls++;
			Object.assign(task, task.polls >= 2 ? { phase: 'ready', pct: 100 } : { phase: 'rendering', pct: 50 });
			return json(200, task);
		});
	});
	return new Promise<{ baseUrl: string; seen: string[]; auth: string[]; close: () => Promise<void> }>((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as AddressInfo;
			resolve({ baseUrl: `http://127.0.0.1:${port}/v9`, seen, auth, close: () => new Promise((done) => server.close(() => done())) });
		}),
	);
}

/** The whole third dialect: its body, its job words, its paths. */
function taskDialect(transport: Transport): Dialect {
	const toResponse = (task: Task): VideoResponse => {
		const state = task.phase === 'ready' ? 'completed' : 'running';
		const job = { id: task.task_id, state, status: task.phase, progress: task.pct, raw: { ...task } } as const;
		return { job, video: { id: task.task_id, object: 'video', status: state === 'completed' ? 'completed' : 'in_progress', progress: task.pct, prompt: task.text } };
	};
	const read = async (ctx: Parameters<Dialect['getJob']>[0], id: string, itemIndex?: number) =>
		toResponse((await transport.soraRequest<Task>(ctx, { method: 'GET', path: `/tasks/${encodeURIComponent(id)}`, kind: 'read', itemIndex })).body);
	return {
		id: 'tasks',
		name: 'Task API',
		lacks: {},
		startJob: async (ctx, request, itemIndex) => {
			if (request.endpoint !== 'create') throw new Error('this test dialect only creates');
			const json = { text: request.fields.prompt as string, length: Number(request.fields.seconds) };
			return toResponse((await transport.soraRequest<Task>(ctx, { method: 'POST', path: '/tasks', kind: 'create', json, itemIndex })).body);
		},
		getJob: read,
		pollJob: async (ctx, id, itemIndex) => ({ ok: true, ...(await read(ctx, id, itemIndex)) }),
		content: async (ctx, id, variant, itemIndex) => await transport.downloadContent(ctx, id, `/tasks/${encodeURIComponent(id)}/file`, variant, itemIndex, {}),
		listModels: async () => [{ id: 'task-model', name: 'Task Model' }],
	};
}

describe('a third dialect, registered from test code', () => {
	let server: Awaited<ReturnType<typeof startTaskServer>>;

	beforeAll(async () => {
		assertBuilt(['SoraVideo.node.js', 'SoraApi.credentials.js']);
		const transport = builtTransport();
		transport.registerDialect(taskDialect(transport));
		server = await startTaskServer();
	});
	afterAll(async () => await server?.close());

	it('runs Create with Wait for Completion through the router: its own create body, polls and file route', async () => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: 'a kite over dunes', model: { __rl: true, mode: 'id', value: 'task-model' }, seconds: '4', size: '1280x720', options: FAST_OPTIONS })],
			credentials: { soraApi: { apiKey: 'task-key-123', baseUrl: server.baseUrl, dialect: 'tasks' } },
		});
		if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
		const [item] = result.outputs.Sora;
		expect(item.json).toMatchObject({ id: 'task-1', status: 'completed', progress: 100, prompt: 'a kite over dunes' });
		expect(item.binary?.data.mimeType).toBe('video/mp4');
		expect((await binaryBuffer(item, 'data')).equals(MP4)).toBe(true);
		expect(server.seen).toEqual(['POST /v9/tasks', 'GET /v9/tasks/task-1', 'GET /v9/tasks/task-1', 'GET /v9/tasks/task-1/file']);
		// The credential reached the server through the transport, as for the built-in dialects.
		expect(new Set(server.auth)).toEqual(new Set(['Bearer task-key-123']));
	});

	it('refuses what it has not declared, through the same neutral checks (no list endpoint)', async () => {
		const transport = builtTransport();
		transport.registerDialect({ ...taskDialect(transport), lacks: { list: { what: 'task list', instead: 'the ids Create returns', because: 'the task API lists nothing' } } });
		const before = server.seen.length;
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'list', returnAll: true })],
			credentials: { soraApi: { apiKey: 'task-key-123', baseUrl: server.baseUrl, dialect: 'tasks' } },
		});
		expect(result.error?.message).toMatch(/Task API has no task list; nothing was sent/);
		expect(server.seen.length).toBe(before);
	});
});
