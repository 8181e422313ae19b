// The engine-test harness: real n8n-core WorkflowExecute, the BUILT node from dist/, real HTTP.
// See README.md beside this file.
export { runWorkflow, type RunResult, type RunWorkflowOptions } from './run-workflow';
export { harnessNodeTypes, type NodeSpec } from './workflow';
export { binaryBuffer, binaryOf } from './binary';
export { ensureN8nCore, binaryDataService, logs, type BinaryMode } from './container';
export { assertBuilt, distFiles, DistNotBuiltError, PACKAGE_NAME, PACKAGE_ROOT } from './node-types';
export type { InputItem, InputBinary } from './test-nodes';
export { continueOnFail } from './nodes';
