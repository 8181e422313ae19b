// Sora-specific helpers for the engine tests: the emulator per test file, the node spec builder
// and direct reads of the emulator's content. PNGs come from test/fixtures/png.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { untilFinished } from '../fixtures/jobs';
import { assertBuilt } from './node-types';
import type { NodeSpec } from './workflow';
import { startEmulator as startEmulatorProcess, type EmulatorOptions, type RunningEmulator } from '../../emulator';

export type {
	EmulatorOptions,
	Fault,
	FaultRule,
	ProfileName,
	RequestKind,
	RequestLogEntry,
	RunningEmulator as Emulator,
} from '../../emulator';
type Emulator = RunningEmulator;

/** Fast defaults for the engine suite: jobs finish in ~0.4 s, the node polls every 0.1 s. */
export const FAST_EMULATOR: EmulatorOptions = { durationMs: 400, pollAfterMs: 100 };

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	return await startEmulatorProcess({ ...FAST_EMULATOR, ...options });
}

/**
 * Starts one emulator for the test file (beforeAll) and stops it (afterAll); also checks that
 * dist/ is built, so a missing build fails once with a clear message. With `eachTest`, every
 * test starts from a reset emulator (no jobs, log, faults or pending webhooks) with the file's
 * starting options and then `eachTest` applied: nothing a test set leaks into the next.
 */
export function useEmulator(options: EmulatorOptions = {}, { eachTest }: { eachTest?: EmulatorOptions } = {}) {
	const state: { emulator?: Emulator; initial?: EmulatorOptions } = {};
	beforeAll(async () => {
		assertBuilt(['SoraVideo.node.js', 'SoraVideoTrigger.node.js', 'SoraApi.credentials.js']);
		state.emulator = await startEmulator(options);
		state.initial = state.emulator.options;
	});
	afterAll(async () => {
		await state.emulator?.close();
	});
	if (eachTest) {
		beforeEach(() => {
			state.emulator?.reset();
			state.emulator?.setOptions({ ...state.initial, ...eachTest });
		});
	}
	return {
		get emulator(): Emulator {
			if (!state.emulator) throw new Error('the emulator is not started (useEmulator must be called in a describe body)');
			return state.emulator;
		},
		/** Credentials for runWorkflow. */
		credentials(extra: IDataObject = {}) {
			const emulator = this.emulator;
			return { soraApi: { apiKey: emulator.apiKey, baseUrl: emulator.baseUrl, ...extra } };
		},
	};
}

/** A Sora Video node; resource defaults to 'video'. */
export function soraNode(parameters: IDataObject, extra: Partial<NodeSpec> = {}): NodeSpec {
	return {
		name: 'Sora',
		type: 'soraVideo',
		...extra,
		parameters: { resource: 'video', ...parameters } as INodeParameters,
	};
}

/** The options collection values that make the node poll fast against the emulator. */
export const FAST_OPTIONS = { pollInterval: 1, maxWait: 1 };

/** Bytes the emulator serves for a video's content variant (read directly, not through n8n). */
export async function emulatorContent(
	emulator: Emulator,
	videoId: string,
	variant: 'video' | 'thumbnail' | 'spritesheet' = 'video',
): Promise<{ bytes: Buffer; contentType: string | null }> {
	const response = await fetch(`${emulator.baseUrl}/videos/${videoId}/content?variant=${variant}`, {
		headers: { Authorization: `Bearer ${emulator.apiKey}` },
	});
	if (!response.ok) throw new Error(`emulator content ${videoId}/${variant}: HTTP ${response.status} ${await response.text()}`);
	return { bytes: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') };
}

/** Direct JSON call to the emulator (to prepare state: create jobs, wait for them...). */
export async function emulatorJson<T = IDataObject>(
	emulator: Emulator,
	method: string,
	path: string,
	body?: IDataObject,
): Promise<T> {
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${emulator.apiKey}`,
			...(body ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${text}`);
	return JSON.parse(text) as T;
}

/** Creates a job directly on the emulator and waits until it is completed (or failed). */
export async function completedVideo(emulator: Emulator, prompt = 'a calm lake at dawn'): Promise<IDataObject> {
	const video = await emulatorJson(emulator, 'POST', '/videos', { prompt, model: 'sora-2', seconds: '4', size: '720x1280' });
	const read = () => emulatorJson(emulator, 'GET', `/videos/${String(video.id)}`);
	return await untilFinished(read, { intervalMs: 50, first: video });
}
