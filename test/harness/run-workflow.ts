// runWorkflow(): one workflow, run for real by n8n-core's WorkflowExecute, and cancelled the
// way n8n cancels one when a test asks.
//
// Nothing is mocked between the node and the network: the node's
// this.helpers.httpRequestWithAuthentication goes through n8n-core's request helper (our
// credentials helper applies the credential type's `authenticate`, then @n8n/backend-network's
// OutboundHttp sends the request with axios), binaries go through n8n-core's BinaryDataService
// (memory or filesystem mode), and this.getExecutionCancelSignal() is the execution's own abort
// signal, which fires when the run's PCancelable is cancelled (how n8n stops an execution).
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	IConnections,
	INodeExecutionData,
	IRun,
	IRunData,
	IWorkflowSettings,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { ensureN8nCore, type BinaryMode } from './container';
import { TestCredentialsHelper } from './credentials-helper';
import { pendingInputs, type InputItem } from './test-nodes';
import { buildWorkflow, harnessNodeTypes, isStart, type NodeSpec } from './workflow';

let executionCounter = 0;

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

export async function runWorkflow(options: RunWorkflowOptions): Promise<RunResult> {
	await ensureN8nCore(options.binaryMode ?? 'default');

	const executionId = String(++executionCounter);
	const runKey = `run-${executionId}`;
	const credentials = options.credentials ?? {};

	if (options.inputItems) pendingInputs.set(runKey, options.inputItems);
	const { workflow, workflowData, nodes } = buildWorkflow({ ...options, credentials, runKey, executionId });

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const credentialsHelper = new TestCredentialsHelper(harnessNodeTypes(), credentials);
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
