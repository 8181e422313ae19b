/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, not a node */
// startTriggerServer(): a loopback HTTP server that plays n8n's webhook server for one trigger node.
//
// What n8n 2.41 does for a production webhook call, and this mirrors (packages/cli webhook-helpers
// and middlewares/body-parser): the request gets `readRawBody()`, which reads the exact bytes into
// `req.rawBody`; a JSON body is parsed into `req.body` first (unparsable JSON is answered 422
// before the node runs); the node's `webhook()` runs in n8n-core's real WebhookContext (real
// credentials helper, real request helper, real BinaryDataService); a node that answered itself
// returns `noWebhookResponse`; without `workflowData` nothing starts and the caller gets 200
// `{message: 'Webhook call received'}` (or the node's `webhookResponse`); with it, responseMode
// `onReceived` answers 200 `{message: 'Workflow was started'}` and the workflow runs from the
// trigger's output in n8n-core's WorkflowExecute (as n8n's WorkflowRunner does); a `webhook()` that
// throws is answered 500 "Workflow Webhook Error: Workflow could not be started!".
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IRun,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureN8nCore, type BinaryMode } from './container';
import { TestCredentialsHelper } from './credentials-helper';
import { buildAdditionalData, harnessNodeTypes, type NodeSpec } from './run-workflow';

export interface TriggerServerOptions {
	/** The trigger node, e.g. { name: 'Trigger', type: 'soraVideoTrigger', parameters: {...} }. */
	trigger: NodeSpec;
	/** Nodes chained after the trigger; default one harnessEcho named 'Echo'. */
	downstream?: NodeSpec[];
	/** Credentials by type (decrypted), or a function read at each request (set after start). */
	credentials: Record<string, ICredentialDataDecryptedObject> | (() => Record<string, ICredentialDataDecryptedObject>);
	binaryMode?: BinaryMode;
	/** 'webhook' (production URL, the default) or 'manual' (test URL). */
	mode?: WorkflowExecuteMode;
}

export interface TriggerRun {
	status: IRun['status'];
	error: IRun['data']['resultData']['error'];
	/** Items of main output 0 of each node's last run. */
	outputs: Record<string, INodeExecutionData[]>;
}

export interface WebhookDelivery {
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** What the caller (the provider) was answered. */
	status: number;
	responseBody: unknown;
	/** What webhook() returned, or the error it threw. */
	result?: IWebhookResponseData;
	error?: Error;
	/** The workflow run the delivery started, once it has finished. */
	run?: TriggerRun;
	/** Resolves when the answer is sent and the run (if any) has finished. */
	done: Promise<void>;
}

export interface TriggerServer {
	/** The production webhook URL: http://127.0.0.1:PORT/webhook/<webhookId>/<path>. */
	url: string;
	webhookId: string;
	workflowId: string;
	deliveries: WebhookDelivery[];
	/** Waits until `count` deliveries have arrived and finished. */
	waitForDeliveries(count: number, timeoutMs?: number): Promise<WebhookDelivery[]>;
	close(): Promise<void>;
}

type N8nRequest = http.IncomingMessage & {
	rawBody?: Buffer;
	readRawBody(): Promise<void>;
	body?: unknown;
	contentType?: string;
	params: IDataObject;
	query: IDataObject;
};

type N8nResponse = http.ServerResponse & {
	status(code: number): N8nResponse;
	json(body: unknown): N8nResponse;
	send(body?: unknown): N8nResponse;
};

/** The express Response methods nodes use, on a plain ServerResponse. */
function expressLike(res: http.ServerResponse): N8nResponse {
	const out = res as N8nResponse;
	out.status = (code: number) => {
		out.statusCode = code;
		return out;
	};
	out.json = (body: unknown) => {
		if (!out.headersSent) out.setHeader('content-type', 'application/json; charset=utf-8');
		out.end(JSON.stringify(body));
		return out;
	};
	out.send = (body?: unknown) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return out.json(body);
		out.end(body === undefined ? undefined : Buffer.isBuffer(body) ? body : String(body));
		return out;
	};
	return out;
}

function n8nRequest(req: http.IncomingMessage, url: URL): N8nRequest {
	const out = req as N8nRequest;
	out.contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() || undefined;
	out.params = {};
	out.query = Object.fromEntries(url.searchParams);
	out.readRawBody = async () => {
		if (out.rawBody) return;
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		out.rawBody = Buffer.concat(chunks);
	};
	return out;
}

function additionalDataFor(
	executionId: string,
	workflowData: IWorkflowBase,
	mode: WorkflowExecuteMode,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	req?: N8nRequest,
	res?: N8nResponse,
): IWorkflowExecuteAdditionalData {
	const data = buildAdditionalData(
		executionId,
		workflowData.id,
		new ExecutionLifecycleHooks(mode, executionId, workflowData),
		new TestCredentialsHelper(harnessNodeTypes(), credentials),
	);
	// The webhook context reads the incoming request and answers through these.
	data.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	data.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	return data;
}

let serverCounter = 0;

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	await ensureN8nCore(options.binaryMode ?? 'default');
	const nodeTypes = harnessNodeTypes();
	const mode = options.mode ?? 'webhook';
	const credentialsNow = () => (typeof options.credentials === 'function' ? options.credentials() : options.credentials);

	const triggerType = nodeTypes.getByName(options.trigger.type) as INodeType;
	const webhookDescription = triggerType.description.webhooks?.[0];
	if (!webhookDescription || !triggerType.webhook) throw new Error(`harness: ${options.trigger.type} is not a webhook node`);

	const webhookId = randomUUID();
	const specs: NodeSpec[] = [
		{ ...options.trigger, webhookId },
		...(options.downstream ?? [{ name: 'Echo', type: 'harnessEcho' }]),
	];
	const nodes: INode[] = specs.map((spec, index) => {
		const type = nodeTypes.getByName(spec.type) as INodeType;
		const declared = (type.description.credentials ?? []).map((c) => c.name);
		const version = type.description.version;
		return {
			id: randomUUID(),
			position: [index * 220, 0],
			typeVersion: Array.isArray(version) ? Math.max(...version) : version,
			credentials: Object.fromEntries(declared.map((name) => [name, { id: `cred-${name}`, name: `Test ${name}` }])),
			...spec,
			parameters: structuredClone(spec.parameters ?? {}),
		} as INode;
	});
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	const workflowId = `wf-trigger-${++serverCounter}`;
	const settings = { executionOrder: 'v1' as const };
	const workflowData = {
		id: workflowId,
		name: `trigger harness ${serverCounter}`,
		active: true,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	// One Workflow for the server's life, as an active workflow in n8n (its parameters get defaults).
	const workflow = new Workflow({ id: workflowId, name: workflowData.name, nodes, connections, active: true, nodeTypes, settings });
	const trigger = workflow.getNode(options.trigger.name)!;
	const path = `/webhook/${webhookId}/${webhookDescription.path}`;

	let executionCounter = 0;
	const deliveries: WebhookDelivery[] = [];
	const waiters = new Set<() => void>();

	async function handle(rawReq: http.IncomingMessage, rawRes: http.ServerResponse, delivery: WebhookDelivery) {
		const url = new URL(rawReq.url ?? '/', 'http://127.0.0.1');
		const req = n8nRequest(rawReq, url);
		const res = expressLike(rawRes);
		const respond = (status: number, body: unknown) => {
			delivery.responseBody = body;
			res.status(status).json(body);
		};
		if (rawReq.method !== String(webhookDescription!.httpMethod) || url.pathname !== path) {
			await req.readRawBody();
			respond(404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}
		// n8n's parseBody: read the raw bytes, parse JSON bodies (422 when that fails).
		await req.readRawBody();
		delivery.rawBody = req.rawBody ?? Buffer.alloc(0);
		req.body = {};
		if (req.contentType === 'application/json' && delivery.rawBody.length) {
			try {
				req.body = JSON.parse(delivery.rawBody.toString('utf8'));
			} catch {
				respond(422, { code: 422, message: 'Failed to parse request body' });
				return;
			}
		}

		const executionId = `trigger-${workflowId}-${++executionCounter}`;
		const credentials = credentialsNow();
		const additionalData = additionalDataFor(executionId, workflowData, mode, credentials, req, res);
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: trigger.name,
			path: `${webhookId}/${webhookDescription!.path}`,
			webhookDescription: webhookDescription!,
			workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId,
		};
		const context = new WebhookContext(workflow, trigger, additionalData, mode, webhookData, [], null);
		let result: IWebhookResponseData;
		try {
			result = await triggerType.webhook!.call(context);
			delivery.result = result;
		} catch (error) {
			delivery.error = error as Error;
			respond(500, { code: 500, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		if (result.noWebhookResponse) {
			if (!res.writableEnded) res.end();
		}
		if (result.workflowData === undefined) {
			if (!res.writableEnded) respond(200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		if (!res.writableEnded) respond(200, { message: 'Workflow was started' });

		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: trigger, data: { main: result.workflowData }, source: null }] },
		});
		const runData = additionalDataFor(executionId, workflowData, mode, credentials);
		const run = await new WorkflowExecute(runData, mode, runExecutionData).processRunExecutionData(workflow);
		const outputs: TriggerRun['outputs'] = {};
		for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
			outputs[name] = tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
		}
		delivery.run = { status: run.status, error: run.data.resultData.error, outputs };
	}

	const server = http.createServer((req, res) => {
		let finish!: () => void;
		const delivery: WebhookDelivery = {
			headers: req.headers,
			rawBody: Buffer.alloc(0),
			status: 0,
			responseBody: undefined,
			done: new Promise<void>((resolve) => (finish = resolve)),
		};
		deliveries.push(delivery);
		res.on('finish', () => {
			delivery.status = res.statusCode;
		});
		handle(req, res, delivery)
			.catch((error: Error) => {
				delivery.error ??= error;
				if (!res.headersSent) {
					res.statusCode = 500;
					res.end(JSON.stringify({ code: 500, message: error.message }));
				}
			})
			.finally(() => {
				delivery.status = res.statusCode;
				finish();
				for (const wake of [...waiters]) wake();
			});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}${path}`,
		webhookId,
		workflowId,
		deliveries,
		async waitForDeliveries(count: number, timeoutMs = 15_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				if (deliveries.length >= count) {
					await Promise.all(deliveries.slice(0, count).map((d) => d.done));
					return deliveries.slice(0, count);
				}
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`harness: ${deliveries.length} of ${count} webhook deliveries arrived in ${timeoutMs} ms`);
				await new Promise<void>((resolve) => {
					const wake = () => {
						waiters.delete(wake);
						clearTimeout(timer);
						resolve();
					};
					const timer = setTimeout(wake, Math.min(left, 200));
					waiters.add(wake);
				});
			}
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
