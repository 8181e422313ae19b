import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation: its fields, and how it runs for one item. `prepare` (for operations that
 * start paid jobs) reads and checks the item's input before anything is sent.
 */
export interface Operation {
	description: INodeProperties[];
	prepare?: (this: IExecuteFunctions, itemIndex: number) => Promise<unknown>;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each operation's own prepared request
	execute: (this: IExecuteFunctions, itemIndex: number, prepared: any) => Promise<INodeExecutionData[]>;
}
