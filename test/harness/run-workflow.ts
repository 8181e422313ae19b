// runWorkflow(): one workflow, run for real by n8n-core's WorkflowExecute.
//
// Nothing is mocked between the node and the network: the node's
// this.helpers.httpRequestWithAuthentication goes through n8n-core's request helper (our
// credentials helper applies the credential type's `authenticate`, then @n8n/backend-network's
// OutboundHttp sends the request with axios), binaries go through n8n-core's BinaryDataService
// (memory or filesystem mode), and this.getExecutionCancelSignal() is the execution's own abort
// signal, which fires when the run's PCancelable is cancelled (how n8n stops an execution).
import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, ExternalSecretsProxy, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ExecutionBaseError,
	type ICredentialDataDecryptedObject,
	type IConnections,
	type INode,
	type INodeExecutionData,
	type IRun,
	type IRunData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureN8nCore, type BinaryMode } from './container';
import { TestCredentialsHelper } from './credentials-helper';
import { HarnessNodeTypes } from './node-types';
import { pendingInputs, type InputItem } from './test-nodes';

/** One node of a test workflow: name and type are enough, the rest gets n8n's defaults. */
export type NodeSpec = Partial<INode> & Pick<INode, 'name' | 'type'>;

export interface RunWorkflowOptions {
	nodes: NodeSpec[];
	/**
	 * n8n's connections object. Omitted: the nodes are chained in the order given
	 * (main output 0 -> main input 0).
	 */
	connections?: IConnections;
	/** Credentials by type, already decrypted, e.g. { soraApi: { apiKey, baseUrl } }. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** 'default' (memory, the default) or 'filesystem' (under N8N_USER_FOLDER). */
	binaryMode?: BinaryMode;
	/**
	 * Items the start node emits. A start node (type harnessStart, named "Start") is added in front
	 * of the first node when the workflow has none. Binaries given as { data: Buffer, mimeType,
	 * fileName } are stored through prepareBinaryData.
	 */
	inputItems?: InputItem[];
	/** Cancels the execution this many ms after it started (as the Stop button does). */
	cancelAfterMs?: number;
	/** Cancels the execution when this controller aborts. */
	abortController?: AbortController;
	/** Execution mode; default 'manual'. */
	mode?: WorkflowExecuteMode;
	settings?: IWorkflowSettings;
	/** Name of the node to start from; default: the harnessStart node. */
	startNode?: string;
}

export interface RunResult {
	executionId: string;
	run: IRun;
	runData: IRunData;
	/** Items of main output 0 of each node's last run (binaries resolvable with binaryBuffer). */
	outputs: Record<string, INodeExecutionData[]>;
	/** All main outputs of each node's last run. */
	allOutputs: Record<string, INodeExecutionData[][]>;
	/** The execution's error (the node error that stopped it, or the cancellation). */
	error: ExecutionBaseError | undefined;
	/** The error of each node whose last run failed. */
	nodeErrors: Record<string, ExecutionBaseError>;
	status: IRun['status'];
	canceled: boolean;
	/** Date.now() when the run started, when cancel was requested, and when run() settled. */
	startedAt: number;
	cancelledAt?: number;
	finishedAt: number;
	/** The credential types the nodes fetched, in order. */
	credentialsRequested: string[];
}

const nodeTypes = new HarnessNodeTypes();
let executionCounter = 0;

export function harnessNodeTypes(): HarnessNodeTypes {
	return nodeTypes;
}

function latestVersion(type: string): number {
	const nodeType = nodeTypes.getByName(type);
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const version = nodeType.description.version;
	return Array.isArray(version) ? Math.max(...version) : version;
}

function completeNode(spec: NodeSpec, index: number, credentials: Record<string, unknown>): INode {
	const typeVersion = spec.typeVersion ?? latestVersion(spec.type);
	const node: INode = {
		id: spec.id ?? randomUUID(),
		position: spec.position ?? [index * 220, 0],
		parameters: {},
		...spec,
		typeVersion,
	};
	node.parameters = structuredClone(spec.parameters ?? {});
	if (!spec.credentials) {
		// Give the node every test credential its type declares, as a user would pick them.
		const declared = nodeTypes.getByNameAndVersion(node.type, typeVersion).description.credentials ?? [];
		const picked = declared.filter((c) => c.name in credentials);
		if (picked.length) {
			node.credentials = Object.fromEntries(picked.map((c) => [c.name, { id: `cred-${c.name}`, name: `Test ${c.name}` }]));
		}
	}
	return node;
}

function chain(nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

function isStart(node: NodeSpec): boolean {
	return node.type === 'harnessStart' || node.type.endsWith('.harnessStart');
}

export async function runWorkflow(options: RunWorkflowOptions): Promise<RunResult> {
	await ensureN8nCore(options.binaryMode ?? 'default');

	const executionId = String(++executionCounter);
	const runKey = `run-${executionId}`;
	const credentials = options.credentials ?? {};

	let specs = options.nodes;
	let connections = options.connections;
	if (!specs.some(isStart)) {
		const start: NodeSpec = { name: 'Start', type: 'harnessStart' };
		if (connections) {
			// Feed every node that has no incoming main connection.
			const fed = new Set(
				Object.values(connections).flatMap((c) => (c.main ?? []).flat().filter(Boolean).map((t) => t!.node)),
			);
			const roots = specs.filter((n) => !fed.has(n.name));
			connections = { ...connections, Start: { main: [roots.map((n) => ({ node: n.name, type: 'main' as const, index: 0 }))] } };
		}
		specs = [start, ...specs];
	}
	const nodes = specs.map((spec, i) => completeNode(spec, i, credentials));
	for (const node of nodes) {
		if (isStart(node)) node.parameters = { ...node.parameters, runKey };
	}
	connections ??= chain(nodes);
	if (options.inputItems) pendingInputs.set(runKey, options.inputItems);

	const settings: IWorkflowSettings = { executionOrder: 'v1', ...options.settings };
	const workflowData: IWorkflowBase = {
		id: `wf-${executionId}`,
		name: `harness ${executionId}`,
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings,
	});

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const credentialsHelper = new TestCredentialsHelper(nodeTypes, credentials);
	const additionalData = buildAdditionalData(executionId, workflowData.id, hooks, credentialsHelper);

	const startName = options.startNode ?? nodes.find(isStart)?.name;
	const startNode = startName ? workflow.getNode(startName) ?? undefined : undefined;
	if (startName && !startNode) throw new Error(`harness: start node "${startName}" is not in the workflow`);

	const workflowExecute = new WorkflowExecute(additionalData, mode);
	const startedAt = Date.now();
	let cancelledAt: number | undefined;
	const running = workflowExecute.run({ workflow, startNode });
	const cancel = () => {
		if (cancelledAt !== undefined) return;
		cancelledAt = Date.now();
		running.cancel();
	};
	const timer = options.cancelAfterMs !== undefined ? setTimeout(cancel, options.cancelAfterMs) : undefined;
	const signal = options.abortController?.signal;
	if (signal?.aborted) cancel();
	signal?.addEventListener('abort', cancel, { once: true });

	let run: IRun;
	try {
		run = await running;
	} finally {
		if (timer) clearTimeout(timer);
		signal?.removeEventListener('abort', cancel);
		pendingInputs.delete(runKey);
	}
	const finishedAt = Date.now();
	return collect(run, {
		executionId,
		startedAt,
		cancelledAt,
		finishedAt,
		credentialsRequested: credentialsHelper.requested,
	});
}

/** The additional data n8n-core needs to run a workflow; the webhook harness reuses it. */
export function buildAdditionalData(
	executionId: string,
	workflowId: string,
	hooks: ExecutionLifecycleHooks,
	credentialsHelper: TestCredentialsHelper,
): IWorkflowExecuteAdditionalData {
	const notInHarness = (what: string) => async () => {
		throw new Error(`harness: ${what} is not available in engine tests`);
	};
	const base = 'http://localhost:5678';
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		executionId,
		workflowId,
		hooks,
		credentialsHelper,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: notInHarness('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: notInHarness('startRunnerTask') as IWorkflowExecuteAdditionalData['startRunnerTask'],
		logAiEvent: () => {},
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
	};
	return data as IWorkflowExecuteAdditionalData;
}

function collect(
	run: IRun,
	meta: Pick<RunResult, 'executionId' | 'startedAt' | 'cancelledAt' | 'finishedAt' | 'credentialsRequested'>,
): RunResult {
	const runData = run.data.resultData.runData;
	const outputs: RunResult['outputs'] = {};
	const allOutputs: RunResult['allOutputs'] = {};
	const nodeErrors: RunResult['nodeErrors'] = {};
	for (const [name, tasks] of Object.entries(runData)) {
		const last = tasks[tasks.length - 1];
		const main = (last?.data?.main ?? []).map((items) => items ?? []);
		allOutputs[name] = main;
		outputs[name] = main[0] ?? [];
		if (last?.error) nodeErrors[name] = last.error;
	}
	return {
		...meta,
		run,
		runData,
		outputs,
		allOutputs,
		error: run.data.resultData.error,
		nodeErrors,
		status: run.status,
		canceled: run.status === 'canceled' || meta.cancelledAt !== undefined,
	};
}
