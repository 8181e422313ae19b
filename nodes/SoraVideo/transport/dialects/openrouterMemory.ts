/**
 * What the OpenRouter dialect remembers across executions, in this process only. Both are
 * conveniences, never needed for correctness: in queue mode the main process, each webhook
 * process and each worker keep their own (README, Queue mode).
 */
import type { IDataObject } from 'n8n-workflow';

import type { ModelCapabilities } from './types';

const MODELS_TTL_MS = 5 * 60_000;
const MAX_REMEMBERED = 500;

export const openRouterMemory = {
	/**
	 * The published video models per Base URL, for a few minutes (they change rarely): checks and
	 * prices of one batch do not ask the model list once per item.
	 */
	models: new Map<string, { at: number; models: ModelCapabilities[] }>(),

	/**
	 * What was asked for each job this process started (model, prompt, duration, size, source
	 * job), a bounded few: OpenRouter's poll answers leave it out, so the output is completed
	 * from here. A job polled by another process gets the server's fields only.
	 */
	startedRequests: new Map<string, IDataObject>(),

	freshModels(baseURL: string): ModelCapabilities[] | undefined {
		const cached = this.models.get(baseURL);
		return cached && Date.now() - cached.at < MODELS_TTL_MS ? cached.models : undefined;
	},

	keepModels(baseURL: string, models: ModelCapabilities[]): void {
		this.models.set(baseURL, { at: Date.now(), models });
	},

	rememberRequest(id: string, body: IDataObject): void {
		const kept: IDataObject = {};
		for (const key of ['model', 'prompt', 'duration', 'size', 'previous_job_id']) if (body[key] !== undefined) kept[key] = body[key];
		this.startedRequests.set(id, kept);
		if (this.startedRequests.size > MAX_REMEMBERED) this.startedRequests.delete(this.startedRequests.keys().next().value as string);
	},

	requestOf(id: string): IDataObject | undefined {
		return this.startedRequests.get(id);
	},
};
