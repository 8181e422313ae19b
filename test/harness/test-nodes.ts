// Test-only nodes, registered beside the package's built nodes (never shipped).
//
// - harnessStart: the workflow's start node. It emits the `inputItems` given to runWorkflow
//   (binaries given as Buffers are stored through prepareBinaryData, so they live in the binary
//   mode of the run, exactly like a binary produced by a real upstream node).
// - harnessSetBinary: writes bytes (base64 parameter) into a binary property of every item.
// - harnessSleep: waits `ms` on the execution's cancel signal, then passes its items on
//   (lets the harness's own tests exercise cancellation without the product node).
// - harnessHttp: GET `url` through this.helpers.httpRequestWithAuthentication('harnessApi'),
//   returning status, headers and body (tests the credentials helper and the request path).
// - harnessEcho: passes items through, recording what it saw (json keys, binary keys); fails on
//   an item whose json has `fail: true`, honouring continueOnFail, to test the error paths.
import {
	NodeConnectionTypes,
	type ICredentialType,
	NodeOperationError,
	sleep,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/** An item to feed the workflow: json plus optional binaries given as raw bytes. */
export interface InputItem {
	json?: IDataObject;
	binary?: Record<string, InputBinary | IBinaryData>;
}

export interface InputBinary {
	data: Buffer | Uint8Array;
	mimeType?: string;
	fileName?: string;
}

/** Input items per run, keyed by the start node's `runKey` parameter (set by runWorkflow). */
export const pendingInputs = new Map<string, InputItem[]>();

const base = (name: string, displayName: string): Omit<INodeTypeDescription, 'properties'> => ({
	displayName,
	name,
	group: ['transform'],
	version: 1,
	description: `Test-only node: ${displayName}`,
	defaults: { name: displayName },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
});

function isRawBinary(value: InputBinary | IBinaryData): value is InputBinary {
	return Buffer.isBuffer(value.data) || value.data instanceof Uint8Array;
}

export class HarnessStart implements INodeType {
	description: INodeTypeDescription = {
		...base('harnessStart', 'Start'),
		group: ['trigger'],
		inputs: [],
		properties: [
			{ displayName: 'Run Key', name: 'runKey', type: 'string', default: '' },
			{
				displayName: 'Items (JSON)',
				name: 'itemsJson',
				type: 'string',
				default: '',
				description: 'Used when no inputItems were given to runWorkflow: a JSON array of json objects',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const runKey = this.getNodeParameter('runKey', 0, '') as string;
		let items = pendingInputs.get(runKey);
		if (!items) {
			const itemsJson = this.getNodeParameter('itemsJson', 0, '') as string;
			items = itemsJson ? (JSON.parse(itemsJson) as IDataObject[]).map((json) => ({ json })) : [{ json: {} }];
		}
		const out: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const result: INodeExecutionData = { json: item.json ?? {}, pairedItem: { item: 0 } };
			if (item.binary) {
				result.binary = {};
				for (const [key, value] of Object.entries(item.binary)) {
					result.binary[key] = isRawBinary(value)
						? await this.helpers.prepareBinaryData(
								Buffer.from(value.data),
								value.fileName ?? `${key}-${index}`,
								value.mimeType,
							)
						: value;
				}
			}
			out.push(result);
		}
		return [out];
	}
}

export class HarnessSetBinary implements INodeType {
	description: INodeTypeDescription = {
		...base('harnessSetBinary', 'Set Binary'),
		properties: [
			{ displayName: 'Property', name: 'property', type: 'string', default: 'data' },
			{ displayName: 'Base64', name: 'base64', type: 'string', default: '' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: 'application/octet-stream' },
			{ displayName: 'File Name', name: 'fileName', type: 'string', default: 'file.bin' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const property = this.getNodeParameter('property', i) as string;
			const bytes = Buffer.from(this.getNodeParameter('base64', i) as string, 'base64');
			const binary = await this.helpers.prepareBinaryData(
				bytes,
				this.getNodeParameter('fileName', i) as string,
				this.getNodeParameter('mimeType', i) as string,
			);
			out.push({ json: items[i].json, binary: { ...items[i].binary, [property]: binary }, pairedItem: { item: i } });
		}
		return [out];
	}
}

export class HarnessSleep implements INodeType {
	description: INodeTypeDescription = {
		...base('harnessSleep', 'Sleep'),
		properties: [{ displayName: 'Milliseconds', name: 'ms', type: 'number', default: 1000 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const ms = this.getNodeParameter('ms', 0) as number;
		// Rejects with the signal's reason when the execution is cancelled, as a product node would.
		await sleep(ms, this.getExecutionCancelSignal());
		return [this.getInputData().map((item, i) => ({ ...item, pairedItem: { item: i } }))];
	}
}

export class HarnessEcho implements INodeType {
	description: INodeTypeDescription = {
		...base('harnessEcho', 'Echo'),
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			try {
				if (items[i].json.fail === true) throw new NodeOperationError(this.getNode(), `item ${i} asked to fail`, { itemIndex: i });
				out.push({
					json: { ...items[i].json, seenBinaryKeys: Object.keys(items[i].binary ?? {}) },
					binary: items[i].binary,
					pairedItem: { item: i },
				});
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		return [out];
	}
}

export class HarnessApi implements ICredentialType {
	name = 'harnessApi';
	displayName = 'Harness API';
	properties = [
		{ displayName: 'Token', name: 'token', type: 'string' as const, default: '' },
		{ displayName: 'Header Name', name: 'headerName', type: 'string' as const, default: 'X-Harness' },
	];
	authenticate = {
		type: 'generic' as const,
		properties: {
			headers: {
				Authorization: '={{"Bearer " + $credentials.token}}',
				'={{$credentials.headerName}}': 'yes',
			},
			qs: { via: 'harness' },
		},
	};
}

export class HarnessHttp implements INodeType {
	description: INodeTypeDescription = {
		...base('harnessHttp', 'HTTP'),
		credentials: [{ name: 'harnessApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'harnessApi', {
				method: 'GET',
				url: this.getNodeParameter('url', i) as string,
				returnFullResponse: true,
			})) as { statusCode: number; headers: IDataObject; body: IDataObject };
			out.push({ json: { statusCode: response.statusCode, body: response.body }, pairedItem: { item: i } });
		}
		return [out];
	}
}

export const testCredentialTypes: Record<string, ICredentialType> = { harnessApi: new HarnessApi() };

export const testNodeTypes: Record<string, INodeType> = {
	harnessStart: new HarnessStart(),
	harnessSetBinary: new HarnessSetBinary(),
	harnessSleep: new HarnessSleep(),
	harnessEcho: new HarnessEcho(),
	harnessHttp: new HarnessHttp(),
};
