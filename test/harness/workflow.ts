// The test workflow as n8n-core runs it: the nodes completed with n8n's defaults and the test
// credentials their types declare, a harnessStart node in front when there is none, and the
// nodes chained in order when no connections are given.
import { randomUUID } from 'node:crypto';
import {
	Workflow,
	type IConnections,
	type INode,
	type INodeTypes,
	type IWorkflowBase,
	type IWorkflowSettings,
} from 'n8n-workflow';

import { HarnessNodeTypes } from './node-types';

/** One node of a test workflow: name and type are enough, the rest gets n8n's defaults. */
export type NodeSpec = Partial<INode> & Pick<INode, 'name' | 'type'>;

const nodeTypes = new HarnessNodeTypes();
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

/** The nodes connected in the order given (main output 0 -> main input 0). */
export function chain(nodes: INode[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

export function isStart(node: NodeSpec): boolean {
	return node.type === 'harnessStart' || node.type.endsWith('.harnessStart');
}

/** Adds a start node in front when there is none; it feeds every node nothing else feeds. */
function withStartNode(specs: NodeSpec[], connections: IConnections | undefined) {
	if (specs.some(isStart)) return { specs, connections };
	const start: NodeSpec = { name: 'Start', type: 'harnessStart' };
	if (connections) {
		// Feed every node that has no incoming main connection.
		const fed = new Set(
			Object.values(connections).flatMap((c) => (c.main ?? []).flat().filter(Boolean).map((t) => t!.node)),
		);
		const roots = specs.filter((n) => !fed.has(n.name));
		connections = { ...connections, Start: { main: [roots.map((n) => ({ node: n.name, type: 'main' as const, index: 0 }))] } };
	}
	return { specs: [start, ...specs], connections };
}

export interface WorkflowSpec {
	nodes: NodeSpec[];
	connections?: IConnections;
	settings?: IWorkflowSettings;
	credentials: Record<string, unknown>;
	/** Given to the start node, which looks up the run's input items by it. */
	runKey: string;
	executionId: string;
}

/** The workflow to run and its stored form (which the lifecycle hooks get). */
export function buildWorkflow(spec: WorkflowSpec): { workflow: Workflow; workflowData: IWorkflowBase; nodes: INode[] } {
	const started = withStartNode(spec.nodes, spec.connections);
	const nodes = started.specs.map((node, i) => completeNode(node, i, spec.credentials));
	for (const node of nodes) {
		if (isStart(node)) node.parameters = { ...node.parameters, runKey: spec.runKey };
	}
	const connections = started.connections ?? chain(nodes);
	const settings: IWorkflowSettings = { executionOrder: 'v1', ...spec.settings };
	const { workflow, workflowData } = storedWorkflow({
		id: `wf-${spec.executionId}`,
		name: `harness ${spec.executionId}`,
		nodes,
		connections,
		settings,
		active: false,
		nodeTypes,
	});
	return { workflow, workflowData, nodes };
}

export interface StoredWorkflowSpec {
	id: string;
	name: string;
	nodes: INode[];
	connections: IConnections;
	settings: IWorkflowSettings;
	active: boolean;
	nodeTypes: INodeTypes;
}

/** A Workflow and the stored record n8n keeps of it (which the lifecycle hooks get). */
export function storedWorkflow(spec: StoredWorkflowSpec): { workflow: Workflow; workflowData: IWorkflowBase } {
	const { id, name, nodes, connections, settings, active, nodeTypes: types } = spec;
	const workflowData = {
		id,
		name,
		active,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as IWorkflowBase;
	const workflow = new Workflow({ id, name, nodes, connections, active, nodeTypes: types, settings });
	return { workflow, workflowData };
}
