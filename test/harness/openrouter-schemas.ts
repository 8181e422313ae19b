// The official OpenRouter client (@openrouter/sdk, ESM only) as a judge, for Jest tests:
// it runs in a worker thread (openrouter-sdk-worker.mjs) because Jest's CommonJS sandbox
// cannot load it. The worker is started on first use and kept alive only while a call waits.
//
//   const r = await validateCreateBody(body);          // the node's create body vs the SDK request schema
//   expect(r.issues).toEqual([]);
//   const p = await parseWithSdk('VideoGenerationResponse', json);   // an answer vs an SDK response schema
//   const c = await sdkCall(baseUrl, apiKey, 'generate', { videoGenerationRequest: {...} });
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

export type SdkSchema = 'VideoGenerationResponse' | 'VideoModelsListResponse' | 'VideoModel' | 'VideoGenerationUsage' | 'GetCurrentKeyResponse' | `Error${number}`;
export interface Verdict<T = any> {
	ok: boolean;
	issues: string[];
	value?: T;
}
export interface SdkResult<T = any> {
	ok: boolean;
	value?: T;
	/** base64 body of a content download */
	bytes?: string;
	error?: { name: string; message: string; statusCode: number | null; body: string | null; data: any };
}
export type SdkMethod = 'generate' | 'getGeneration' | 'getVideoContent' | 'listVideosModels';

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();

function ensureWorker(): Worker {
	if (worker) return worker;
	const w = new Worker(join(__dirname, 'openrouter-sdk-worker.mjs'));
	w.on('message', ({ id, result, failure }) => {
		const p = waiting.get(id);
		if (!p) return;
		waiting.delete(id);
		if (waiting.size === 0) w.unref();
		if (failure) p.reject(new Error(`openrouter sdk worker: ${failure}`));
		else p.resolve(result);
	});
	w.on('error', (e) => {
		for (const p of waiting.values()) p.reject(e);
		waiting.clear();
		worker = null;
	});
	w.unref();
	worker = w;
	return w;
}

function ask<T>(op: string, args: unknown): Promise<T> {
	const w = ensureWorker();
	const id = nextId++;
	w.ref();
	return new Promise<T>((resolve, reject) => {
		waiting.set(id, { resolve, reject });
		w.postMessage({ id, op, args });
	});
}

/** Parse JSON with one of the SDK's inbound schemas (ErrorNNN = OpenRouter's error envelope for status NNN). */
export const parseWithSdk = <T = any>(schema: SdkSchema, json: unknown) => ask<Verdict<T>>('parse', { schema, json });

/** Check a wire create body (snake_case JSON) against the SDK's VideoGenerationRequest schema; unknown keys fail. */
export const validateCreateBody = (body: Record<string, unknown>) => ask<Verdict>('validateRequest', { body });

/** One call of sdk.videoGeneration[method](request) against serverURL (e.g. the emulator's base URL). */
export const sdkCall = <T = any>(serverURL: string, apiKey: string, method: SdkMethod, request: unknown = {}) =>
	ask<SdkResult<T>>('sdk', { serverURL, apiKey, method, request });

export async function closeSdkWorker(): Promise<void> {
	const w = worker;
	worker = null;
	if (w) await w.terminate();
}
