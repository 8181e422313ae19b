// Reading binaries out of a run's items, whatever the binary mode was (in 'default' mode the
// bytes are base64 inside the item; in 'filesystem' mode the item carries only an id).
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';

import { binaryDataService } from './container';

export function binaryOf(item: INodeExecutionData | undefined, key = 'data'): IBinaryData {
	const binary = item?.binary?.[key];
	if (!binary) {
		const keys = Object.keys(item?.binary ?? {});
		throw new Error(`harness: item has no binary "${key}" (binary keys: ${keys.length ? keys.join(', ') : 'none'})`);
	}
	return binary;
}

/** The bytes of item.binary[key], read through n8n-core's BinaryDataService.getAsBuffer. */
export async function binaryBuffer(item: INodeExecutionData | undefined, key = 'data'): Promise<Buffer> {
	return await binaryDataService().getAsBuffer(binaryOf(item, key));
}
