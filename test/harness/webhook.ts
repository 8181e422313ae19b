/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, not a node */
// startTriggerServer(): a loopback HTTP server that plays n8n's webhook server for one trigger node
// (request and response shapes in n8n-http.ts, the workflow and its run in trigger-workflow.ts).
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
import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { SERVER_WAIT_MS } from '../fixtures/wait';
import { ensureN8nCore, type BinaryMode } from './container';
import { expressLike, n8nRequest, parseBody, type N8nRequest, type N8nResponse } from './n8n-http';
import { harnessNodeTypes, type NodeSpec } from './workflow';
import { additionalDataFor, buildTriggerWorkflow, runFromTrigger, type TriggerRun, type TriggerWorkflow } from './trigger-workflow';

export type { TriggerRun } from './trigger-workflow';

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

export interface WebhookDelivery {
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** What the caller (the provider) was answered. */
	status: number;
	/** When the request arrived and when its answer was sent (ms since the epoch). */
	receivedAt: number;
	answeredAt?: number;
	/** When the run (if any) finished. */
	settledAt?: number;
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

/** What every request to one trigger server shares. */
interface Endpoint extends TriggerWorkflow {
	triggerType: INodeType;
	description: IWebhookDescription;
	webhookId: string;
	/** /webhook/<webhookId>/<path> */
	path: string;
	mode: WorkflowExecuteMode;
	credentials: () => Record<string, ICredentialDataDecryptedObject>;
	nextExecutionId: () => string;
}

function endpointFor(options: TriggerServerOptions): Endpoint {
	const nodeTypes = harnessNodeTypes();
	const triggerType = nodeTypes.getByName(options.trigger.type) as INodeType;
	const description = triggerType.description.webhooks?.[0];
	if (!description || !triggerType.webhook) throw new Error(`harness: ${options.trigger.type} is not a webhook node`);
	const webhookId = randomUUID();
	const specs: NodeSpec[] = [{ ...options.trigger, webhookId }, ...(options.downstream ?? [{ name: 'Echo', type: 'harnessEcho' }])];
	const built = buildTriggerWorkflow(nodeTypes, specs, options.trigger.name);
	let executions = 0;
	return {
		...built,
		triggerType,
		description,
		webhookId,
		path: `/webhook/${webhookId}/${description.path}`,
		mode: options.mode ?? 'webhook',
		credentials: () => (typeof options.credentials === 'function' ? options.credentials() : options.credentials),
		nextExecutionId: () => `trigger-${built.workflowData.id}-${++executions}`,
	};
}

/** The trigger's webhook() in n8n-core's real WebhookContext; a throw is n8n's 500. */
async function callWebhook(
	endpoint: Endpoint,
	execution: { id: string; credentials: Record<string, ICredentialDataDecryptedObject> },
	req: N8nRequest,
	res: N8nResponse,
): Promise<IWebhookResponseData> {
	const { workflow, workflowData, trigger, description, webhookId, mode } = endpoint;
	const additionalData = additionalDataFor(execution.id, workflowData, mode, execution.credentials, req, res);
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		node: trigger.name,
		path: `${webhookId}/${description.path}`,
		webhookDescription: description,
		workflowId: workflowData.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId,
	};
	const context = new WebhookContext(workflow, trigger, additionalData, mode, webhookData, [], null);
	return await endpoint.triggerType.webhook!.call(context);
}

/** One request, as n8n's webhook server handles it: route, parse, webhook(), answer, run. */
async function handle(endpoint: Endpoint, rawReq: http.IncomingMessage, rawRes: http.ServerResponse, delivery: WebhookDelivery) {
	const url = new URL(rawReq.url ?? '/', 'http://127.0.0.1');
	const req = n8nRequest(rawReq, url);
	const res = expressLike(rawRes);
	// What was answered, whether by the harness (as n8n) or by the node through getResponseObject().
	const json = res.json.bind(res);
	res.json = (body: unknown) => {
		delivery.responseBody = body;
		return json(body);
	};
	const respond = (status: number, body: unknown): void => void res.status(status).json(body);
	if (rawReq.method !== String(endpoint.description.httpMethod) || url.pathname !== endpoint.path) {
		await req.readRawBody();
		return respond(404, { code: 404, message: 'The requested webhook is not registered.' });
	}
	const raw = await parseBody(req);
	delivery.rawBody = raw ?? req.rawBody ?? Buffer.alloc(0);
	if (raw === null) return respond(422, { code: 422, message: 'Failed to parse request body' });

	const execution = { id: endpoint.nextExecutionId(), mode: endpoint.mode, credentials: endpoint.credentials() };
	let result: IWebhookResponseData;
	try {
		result = await callWebhook(endpoint, execution, req, res);
		delivery.result = result;
	} catch (error) {
		delivery.error = error as Error;
		return respond(500, { code: 500, message: 'Workflow Webhook Error: Workflow could not be started!' });
	}
	if (result.noWebhookResponse && !res.writableEnded) res.end();
	if (result.workflowData === undefined) {
		if (!res.writableEnded) respond(200, result.webhookResponse ?? { message: 'Webhook call received' });
		return;
	}
	if (!res.writableEnded) respond(200, { message: 'Workflow was started' });
	delivery.run = await runFromTrigger(endpoint, result.workflowData, execution);
}

/** Deliveries as they arrive, and a wait for the first `count` of them to finish. */
function deliveryLog() {
	const deliveries: WebhookDelivery[] = [];
	const waiters = new Set<() => void>();
	const nextEvent = (ms: number) =>
		new Promise<void>((resolve) => {
			const wake = () => {
				waiters.delete(wake);
				clearTimeout(timer);
				resolve();
			};
			const timer = setTimeout(wake, ms);
			waiters.add(wake);
		});
	return {
		deliveries,
		/** Called when a delivery has finished. */
		settled: () => {
			for (const wake of [...waiters]) wake();
		},
		async waitFor(count: number, timeoutMs: number): Promise<WebhookDelivery[]> {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				if (deliveries.length >= count) {
					await Promise.all(deliveries.slice(0, count).map((d) => d.done));
					return deliveries.slice(0, count);
				}
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`harness: ${deliveries.length} of ${count} webhook deliveries arrived in ${timeoutMs} ms`);
				await nextEvent(Math.min(left, 200));
			}
		},
	};
}

/** Records one request as a delivery and answers a crash in the harness itself with a 500. */
function serve(endpoint: Endpoint, log: ReturnType<typeof deliveryLog>) {
	return (req: http.IncomingMessage, res: http.ServerResponse) => {
		let finish!: () => void;
		const delivery: WebhookDelivery = {
			headers: req.headers,
			rawBody: Buffer.alloc(0),
			status: 0,
			receivedAt: Date.now(),
			responseBody: undefined,
			done: new Promise<void>((resolve) => (finish = resolve)),
		};
		log.deliveries.push(delivery);
		res.on('finish', () => {
			delivery.status = res.statusCode;
			delivery.answeredAt = Date.now();
		});
		handle(endpoint, req, res, delivery)
			.catch((error: Error) => {
				delivery.error ??= error;
				if (!res.headersSent) {
					res.statusCode = 500;
					res.end(JSON.stringify({ code: 500, message: error.message }));
				}
			})
			.finally(() => {
				delivery.status = res.statusCode;
				delivery.settledAt = Date.now();
				finish();
				log.settled();
			});
	};
}

export async function startTriggerServer(options: TriggerServerOptions): Promise<TriggerServer> {
	await ensureN8nCore(options.binaryMode ?? 'default');
	const endpoint = endpointFor(options);
	const log = deliveryLog();
	const server = http.createServer(serve(endpoint, log));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}${endpoint.path}`,
		webhookId: endpoint.webhookId,
		workflowId: endpoint.workflowData.id,
		deliveries: log.deliveries,
		waitForDeliveries: (count: number, timeoutMs = SERVER_WAIT_MS) => log.waitFor(count, timeoutMs),
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
