// End-to-end harness: a REAL n8n (the pinned install from install-n8n.sh) with the BUILT
// package installed the way a user's n8n has it, and the emulator as a separate process.
// One module per concern (see ../README.md); this file re-exports them all, so a test file
// imports everything from './lib/harness.mjs'.
export { REPO, PACKAGE_NAME, NODE_TYPE, TRIGGER_TYPE, N8N_VERSION, N8N_DIR, n8nRequire, assertN8nInstalled, log } from './config.mjs';
export { stopProcess, run, freePort, waitFor } from './processes.mjs';
export { startEmulator } from './emulator.mjs';
export { createN8n } from './n8n.mjs';
export { ExecutionResult } from './execution.mjs';
export { N8nServer, OWNER } from './rest.mjs';
export {
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	soraCredential,
	workflowFile,
	loadWorkflow,
	useCredential,
	EXAMPLES_DIR,
	exampleFile,
	EXAMPLE_FILES_DIR,
	loadExample,
	withSpendCap,
} from './fixtures.mjs';
export { makePng, isMp4, isWebp } from './media.mjs';
export { startCapture, resend } from './capture.mjs';
