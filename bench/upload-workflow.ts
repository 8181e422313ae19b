// What the upload scenario's processes share: putting a file into n8n's binary store (streamed
// from disk, in filesystem mode) and running Edit with it as the source video against the sink.
import fs from 'node:fs';
import path from 'node:path';

import type { IBinaryData } from 'n8n-workflow';

import { binaryDataService, ensureN8nCore, runWorkflow } from '../test/harness';
import { soraNode } from './lib';

const location = { type: 'execution' as const, workflowId: 'bench', executionId: 'upload' };

export async function storeSource(file: string): Promise<IBinaryData> {
	await ensureN8nCore('filesystem');
	return await binaryDataService().store(location, fs.createReadStream(file), {
		data: '',
		mimeType: 'video/mp4',
		fileName: path.basename(file),
	});
}

/** Edit with Input Binary, no waiting: the node's whole run is the upload. */
export async function editWith(baseUrl: string, binary: IBinaryData): Promise<void> {
	const result = await runWorkflow({
		nodes: [
			soraNode({
				operation: 'edit',
				videoSource: 'binary',
				videoBinaryProperty: 'data',
				prompt: 'benchmark upload',
				waitForCompletion: false,
			}),
		],
		credentials: { soraApi: { apiKey: 'sk-bench-upload', baseUrl } },
		binaryMode: 'filesystem',
		inputItems: [{ json: {}, binary: { data: binary } }],
	});
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	const item = result.outputs.Sora?.[0];
	if (typeof item?.json.id !== 'string') throw new Error(`no job in the output: ${JSON.stringify(item?.json ?? null)}`);
}

/** Loads n8n-core, the node and the binary store, and runs the workflow three times with 1 MiB. */
export async function warmUp(baseUrl: string, folder: string): Promise<void> {
	const small = path.join(folder, 'warm-up.mp4');
	fs.writeFileSync(small, Buffer.alloc(1024 * 1024, 7));
	const binary = await storeSource(small);
	for (let i = 0; i < 3; i++) await editWith(baseUrl, binary);
}

export interface SinkUpload {
	parts?: Array<{ name: string; fileName?: string; bytes: number }>;
	receivedBytes?: number;
	contentLength?: number;
}

/** What the sink received last, and the size of the part carrying the file. */
export async function lastUpload(baseUrl: string, fileField: string) {
	const received = (await (await fetch(`${new URL(baseUrl).origin}/__sink/last`)).json()) as SinkUpload;
	return {
		uploadedFileBytes: received.parts?.find((p) => p.name === fileField)?.bytes,
		requestBytes: received.receivedBytes,
		contentLength: received.contentLength,
		parts: received.parts,
	};
}
