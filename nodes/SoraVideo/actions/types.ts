import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation: its fields, and how it runs for one item. `prepare` (for operations that
 * start paid jobs) reads and checks the item's input before anything is sent; `execute`
 * gets what `prepare` returned. Operations without `prepare` get `undefined`.
 */
export interface Operation<Prepared = undefined> {
	description: INodeProperties[];
	prepare?(this: IExecuteFunctions, itemIndex: number): Promise<Prepared>;
	execute(this: IExecuteFunctions, itemIndex: number, prepared: Prepared): Promise<INodeExecutionData[]>;
	/** Checks the prepared batch as a whole (e.g. Max Spend per Run); undefined for items that failed to prepare. */
	checkBatch?(this: IExecuteFunctions, prepared: Array<Prepared | undefined>): void;
}

/**
 * The operations of one resource by name. Each keeps its own prepared type: the methods above
 * are declared as methods so that an Operation<CreateRequest> fits here.
 */
export type OperationMap = Record<string, Operation<unknown>>;
