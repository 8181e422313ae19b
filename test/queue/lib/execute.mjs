// `n8n execute --id=ID --rawOutput` on the main's user folder (n8n runs it in the CLI process:
// `execute` does not support queue mode and falls back to regular mode). In this setup n8n can
// print more lines after the run's JSON (the e2e harness's parser expects nothing after it), so
// the JSON is cut from the first line `{` to the first line `}` (the pretty-printed object's
// own braces are the only ones at column 0).
import { ExecutionResult } from '../../e2e/lib/harness.mjs';

export async function executeWorkflow(inst, id, { timeoutMs = 300_000 } = {}) {
	const res = await inst.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, allowFail: true });
	const lines = res.stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start + 1);
	if (res.code !== 0 || start < 0 || end < 0) {
		const tail = (text) => text.split('\n').slice(-40).join('\n');
		throw new Error(`n8n execute --id=${id} failed (exit ${res.code})\n--- stdout\n${tail(res.stdout)}\n--- stderr\n${tail(res.stderr)}`);
	}
	const after = lines.slice(end + 1).filter((l) => l.trim());
	if (after.length) console.log(`# n8n execute printed after the run: ${after.slice(0, 3).join(' | ').slice(0, 300)}`);
	return new ExecutionResult(JSON.parse(lines.slice(start, end + 1).join('\n')), inst);
}
