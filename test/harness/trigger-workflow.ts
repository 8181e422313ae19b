// The workflow around a trigger under test (trigger -> downstream nodes, active, as n8n keeps an
// active workflow), the additional data one execution of it gets, and the run n8n's
// WorkflowRunner starts from the trigger's output items.
import { randomUUID } from 'node:crypto';
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials-helper';
import type { N8nRequest, N8nResponse } from './n8n-http';
import { buildAdditionalData } from './additional-data';
import { chain, harnessNodeTypes, storedWorkflow, type NodeSpec } from './workflow';

export interface TriggerWorkflow {
	workflow: Workflow;
	workflowData: IWorkflowBase;
	trigger: INode;
}

export interface TriggerRun {
	status: IRun['status'];
	error: IRun['data']['resultData']['error'];
	/** Items of main output 0 of each node's last run. */
	outputs: Record<string, INodeExecutionData[]>;
}

let workflowCounter = 0;

/** A node of the chain: latest version, every credential its type declares, parameters copied. */
function toNode(nodeTypes: INodeTypes, spec: NodeSpec, index: number): INode {
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
}

/** One Workflow for the server's life, as an active workflow in n8n (its parameters get defaults). */
export function buildTriggerWorkflow(nodeTypes: INodeTypes, specs: NodeSpec[], triggerName: string): TriggerWorkflow {
	const nodes = specs.map((spec, index) => toNode(nodeTypes, spec, index));
	const connections = chain(nodes);
	const id = `wf-trigger-${++workflowCounter}`;
	const settings = { executionOrder: 'v1' as const };
	const name = `trigger harness ${workflowCounter}`;
	const { workflow, workflowData } = storedWorkflow({ id, name, nodes, connections, settings, active: true, nodeTypes });
	return { workflow, workflowData, trigger: workflow.getNode(triggerName)! };
}

/** Additional data for one execution; with req/res, the webhook context reads and answers through them. */
export function additionalDataFor(
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
	data.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	data.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
	return data;
}

/** Runs the workflow from the trigger's output, as n8n's WorkflowRunner does after webhook(). */
export async function runFromTrigger(
	{ workflow, workflowData, trigger }: TriggerWorkflow,
	items: INodeExecutionData[][],
	execution: { id: string; mode: WorkflowExecuteMode; credentials: Record<string, ICredentialDataDecryptedObject> },
): Promise<TriggerRun> {
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: trigger, data: { main: items }, source: null }] },
	});
	const runData = additionalDataFor(execution.id, workflowData, execution.mode, execution.credentials);
	const run = await new WorkflowExecute(runData, execution.mode, runExecutionData).processRunExecutionData(workflow);
	const outputs: TriggerRun['outputs'] = {};
	for (const [name, tasks] of Object.entries(run.data.resultData.runData)) {
		outputs[name] = tasks[tasks.length - 1]?.data?.main?.[0] ?? [];
	}
	return { status: run.status, error: run.data.resultData.error, outputs };
}
