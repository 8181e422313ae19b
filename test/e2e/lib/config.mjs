// Where things are for the end-to-end suite: the repository, the pinned n8n install, the
// run's work folder (run.sh sets SORA_E2E_WORK and cleans it), and the package's node types.
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGE_NAME = 'n8n-nodes-sora-video';
/** Installed community packages' node types read `<package>.<name>` (checked in n8n 2.41.1). */
export const NODE_TYPE = `${PACKAGE_NAME}.soraVideo`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.soraVideoTrigger`;
export const N8N_VERSION = process.env.N8N_VERSION || '2.41.1';

const cache = process.env.SORA_CACHE || path.join(homedir(), '.cache', 'n8n-nodes-sora-video');
export const N8N_DIR = process.env.SORA_E2E_N8N_DIR || path.join(cache, `n8n-${N8N_VERSION}`);
export const N8N_MAIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');

/** The run's scratch folder: run.sh's, or one made here (removed on exit unless KEEP). */
export const WORK = process.env.SORA_E2E_WORK || mkdtempSync(path.join(tmpdir(), 'sora-e2e-'));
mkdirSync(WORK, { recursive: true });
/** One line per started process group (`<pid> <label>`): run.sh's trap kills what is left. */
export const PIDS = path.join(WORK, 'pids');
/** SORA_E2E_KEEP=1: keep n8n's folders for a look after the run. */
export const KEEP = process.env.SORA_E2E_KEEP === '1';

/** Modules from the n8n install (flatted for execution data), never from the product. */
export const n8nRequire = createRequire(path.join(N8N_DIR, 'package.json'));

export function assertN8nInstalled() {
	if (!existsSync(N8N_MAIN)) {
		throw new Error(`n8n is not installed at ${N8N_DIR}: run bash test/e2e/install-n8n.sh (or npm run test:e2e)`);
	}
	if (!process.version.startsWith('v24.')) {
		throw new Error(`n8n 2.x needs Node 24, this is ${process.version}: source scripts/node24.sh first`);
	}
}

export function log(...args) {
	if (process.env.SORA_E2E_VERBOSE === '1') console.error('[e2e]', ...args);
}
