// `n8n execute --id=ID --rawOutput` on the main's user folder, through the e2e harness (n8n runs
// it in the CLI process: `execute` does not support queue mode and falls back to regular mode).
// The longer default timeout is for batches of 200 jobs.
export async function executeWorkflow(inst, id, { timeoutMs = 300_000 } = {}) {
	return await inst.execute(id, { timeoutMs });
}
