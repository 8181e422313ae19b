// What `n8n execute --rawOutput` printed, read the way the tests ask: status, error, the items
// and binaries a node produced.
/** A finished run printed by `n8n execute`, with helpers to reach node outputs. */
export class ExecutionResult {
	constructor(runData, inst) {
		this.run = runData;
		this.inst = inst;
	}
	get status() {
		return this.run.status;
	}
	get error() {
		return this.run.data?.resultData?.error;
	}
	nodeRuns(nodeName) {
		const runs = this.run.data?.resultData?.runData?.[nodeName];
		if (!runs) {
			const names = Object.keys(this.run.data?.resultData?.runData ?? {});
			throw new Error(`node "${nodeName}" did not run (ran: ${names.join(', ')})`);
		}
		return runs;
	}
	/** Items of the node's first run, output 0. */
	items(nodeName, output = 0) {
		const runData = this.nodeRuns(nodeName)[0];
		if (runData.error) throw new Error(`node "${nodeName}" failed: ${runData.error.message}`);
		return runData.data?.main?.[output] ?? [];
	}
	readBinary(binary) {
		return this.inst.readBinary(binary);
	}
	describe() {
		return JSON.stringify(this.run, null, 1).slice(0, 4000);
	}
}
