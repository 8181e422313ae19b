// The few n8n-core services an execution reaches through the DI container, set up once per
// jest test file (each file has its own module registry, hence its own Container).
//
// What a workflow run touches: InstanceSettings (n8n folder under N8N_USER_FOLDER, see env.js),
// Logger (n8n-core's Service; replaced by a quiet recorder), BinaryDataService (prepareBinaryData,
// getBinaryDataBuffer, getBinaryStream...), and @n8n/backend-network's OutboundHttp (the axios
// request helper; built by the container on first use, nothing to configure).
import { BinaryDataConfig, BinaryDataService, InstanceSettings } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';

import { Container, Logger } from './core-deps';

export type BinaryMode = 'default' | 'filesystem';

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** Everything n8n-core logs during the tests of this file (printed too when HARNESS_LOG=1). */
export const logs: LogEntry[] = [];

function makeLogger() {
	const print = process.env.HARNESS_LOG === '1';
	const log = (level: LogEntry['level']) => (message: string, meta?: unknown) => {
		logs.push({ level, message, meta });
		// eslint-disable-next-line no-console
		if (print) console.log(`[n8n ${level}] ${message}`, meta ?? '');
	};
	const logger = {
		error: log('error'),
		warn: log('warn'),
		info: log('info'),
		debug: log('debug'),
		scoped: () => logger,
	};
	return logger;
}

let initialised: Promise<void> | undefined;
let currentMode: BinaryMode | undefined;

async function initOnce(): Promise<void> {
	if (!process.env.N8N_USER_FOLDER) {
		throw new Error(
			'N8N_USER_FOLDER is not set: the engine harness must run with test/harness/env.js as a jest setup file',
		);
	}
	const logger = makeLogger();
	Container.set(Logger, logger);
	LoggerProxy.init(logger);
	// Constructing InstanceSettings creates <N8N_USER_FOLDER>/.n8n/config with an encryption key.
	Container.get(InstanceSettings);
}

/**
 * Makes sure the container is ready and BinaryDataService stores binaries in `mode`:
 * 'default' keeps them in memory (base64 inside the item), 'filesystem' writes them under
 * <N8N_USER_FOLDER>/.n8n/storage and items carry only an id. Switching mode re-initialises the
 * service, so do not run two workflows with different modes at the same time in one test file.
 */
export async function ensureN8nCore(mode: BinaryMode = 'default'): Promise<void> {
	initialised ??= initOnce();
	await initialised;
	if (currentMode === mode) return;
	const config = Container.get(BinaryDataConfig);
	config.mode = mode;
	await Container.get(BinaryDataService).init();
	currentMode = mode;
}

export function binaryDataService(): BinaryDataService {
	return Container.get(BinaryDataService);
}
