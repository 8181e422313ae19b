// Concurrency is read once for the run: the field of its own, or the value a 0.1.0 workflow saved
// under Options, which still decides while it is there.
import type { IExecuteFunctions } from 'n8n-workflow';

import { readConcurrency } from '../../nodes/SoraVideo/helpers/parameters';

function context(parameters: Record<string, unknown>) {
	const reads: Array<[string, number]> = [];
	const ctx = {
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown) {
			reads.push([name, itemIndex]);
			return name in parameters ? parameters[name] : fallback;
		},
	};
	return { ctx: ctx as unknown as IExecuteFunctions, reads };
}

describe('readConcurrency', () => {
	it('reads the field, from the first item only', () => {
		const { ctx, reads } = context({ concurrency: 3, options: {} });
		expect(readConcurrency(ctx)).toBe(3);
		expect(reads.every(([, item]) => item === 0)).toBe(true);
	});

	it('keeps a value saved under Options by version 0.1.0', () => {
		expect(readConcurrency(context({ concurrency: 5, options: { concurrency: 1 } }).ctx)).toBe(1);
	});

	it('uses 5 where the operation has no such field (Character)', () => {
		expect(readConcurrency(context({}).ctx)).toBe(5);
	});
});
