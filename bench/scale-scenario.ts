// Bigger batches and polling without a hint, through n8n-core's WorkflowExecute with the built node:
//
//   batch 200    wall(200 items, Concurrency 200) / wall(1 item)                   goal <= 1.15
//   capacity     the same 200 jobs driven by a bare client (fetch: create, poll at the hint,
//                download), wall / one job: what the emulator itself allows on this machine, so
//                that the node's figure is read against the server's, not mistaken for it
//   no hint      GET /videos/{id} per job when the server sends no openai-poll-after-ms: the
//                node backs off to Poll Interval (default 10 s); a reference figure, so that a
//                change in the backoff shows up
import { getsPerVideo, log, median, sec, startEmulator, type Emulator, type Row } from './lib';
import { timedRun } from './timed';

export const scaleConfig = {
	items: Number(process.env.BENCH_SCALE_ITEMS ?? 200),
	runs: Math.max(1, Number(process.env.BENCH_SCALE_RUNS ?? 1)),
};

const GOAL = 1.15;

async function call(emulator: Emulator, method: string, route: string, body?: object) {
	const response = await fetch(`${emulator.baseUrl}${route}`, {
		method,
		headers: { Authorization: `Bearer ${emulator.apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	if (!response.ok) throw new Error(`emulator ${method} ${route}: HTTP ${response.status} ${await response.text()}`);
	return response;
}

/** One job as a minimal client does it: create, poll at the hint, download the MP4. */
async function bareJob(emulator: Emulator, hintMs: number, label: string): Promise<number> {
	const create = await call(emulator, 'POST', '/videos', { prompt: label, model: 'sora-2', seconds: '4', size: '720x1280' });
	let video = (await create.json()) as { id: string; status: string };
	while (video.status !== 'completed') {
		if (video.status === 'failed') throw new Error(`emulator job ${video.id} failed`);
		await new Promise((resolve) => setTimeout(resolve, hintMs));
		video = (await (await call(emulator, 'GET', `/videos/${video.id}`)).json()) as typeof video;
	}
	const content = await call(emulator, 'GET', `/videos/${video.id}/content`);
	return (await content.arrayBuffer()).byteLength;
}

async function bareBatch(emulator: Emulator, count: number, hintMs: number): Promise<number> {
	const started = performance.now();
	const sizes = await Promise.all(Array.from({ length: count }, (_, i) => bareJob(emulator, hintMs, `capacity ${i + 1}`)));
	if (sizes.some((bytes) => !(bytes > 0))) throw new Error('capacity check: an MP4 came back empty');
	return performance.now() - started;
}

export async function scaleScenario(rows: Row[], durationMs: number, hintMs: number): Promise<object> {
	const n = scaleConfig.items;
	const emulator = await startEmulator({ durationMs, pollAfterMs: hintMs });
	try {
		await timedRun(emulator, 4, 4, 'warm-up');
		const single: number[] = [];
		const bareSingle: number[] = [];
		for (let run = 1; run <= 2; run++) {
			single.push((await timedRun(emulator, 1, 1, `single ${run}`)).wallMs);
			bareSingle.push(await bareBatch(emulator, 1, hintMs));
		}
		const singleMs = median(single);
		const bareMs = median(bareSingle);
		const nodeRuns: Array<{ wallMs: number; getsMean: number }> = [];
		const bareRuns: number[] = [];
		for (let run = 1; run <= scaleConfig.runs; run++) {
			// The server's own capacity first, then the node, on the same emulator.
			emulator.reset();
			bareRuns.push(await bareBatch(emulator, n, hintMs));
			log(`  capacity: ${n} jobs by a bare client in ${sec(bareRuns[bareRuns.length - 1])} (one job ${sec(bareMs)})`);
			emulator.reset();
			const { wallMs, items } = await timedRun(emulator, n, n, `batch ${n}`);
			const gets = getsPerVideo(emulator.requests());
			const getsMean = items.reduce((sum, item) => sum + (gets.get(item.json.id as string) ?? 0), 0) / n;
			nodeRuns.push({ wallMs, getsMean });
			log(`  batch: ${n} items at Concurrency ${n} in ${sec(wallMs)} (one item ${sec(singleMs)})`);
		}
		const ratio = median(nodeRuns.map((r) => r.wallMs)) / singleMs;
		const capacity = median(bareRuns) / bareMs;
		rows.push({
			name: `batch ${n} items, concurrency ${n}`,
			measured: ratio,
			goal: `<= ${GOAL}`,
			verdict: ratio <= GOAL ? 'pass' : 'FAIL',
			detail:
				`wall ${nodeRuns.map((r) => sec(r.wallMs)).join(' / ')} / one item ${sec(singleMs)} (${single.map(sec).join(' / ')}); ` +
				`GET per job mean ${nodeRuns.map((r) => r.getsMean.toFixed(2)).join(' / ')}; every item completed with an MP4`,
		});
		rows.push({
			name: `emulator capacity: ${n} jobs by a bare client / one job`,
			measured: capacity,
			goal: '(reference: the floor of the line above)',
			verdict: 'info',
			detail: `fetch, create + poll every ${hintMs} ms + download, all ${n} at once: ${bareRuns.map(sec).join(' / ')} / one job ${sec(bareMs)} (${bareSingle.map(sec).join(' / ')})`,
		});
		return { items: n, singleMs, single, nodeRuns, bareMs, bareSingle, bareRuns, ratio, capacity };
	} finally {
		await emulator.close();
	}
}

export async function noHintScenario(rows: Row[], durationMs: number): Promise<object> {
	const emulator = await startEmulator({ durationMs, pollAfterMs: null });
	try {
		const runs: Array<{ wallMs: number; gets: number }> = [];
		for (let run = 1; run <= 2; run++) {
			emulator.reset();
			const { wallMs, items } = await timedRun(emulator, 1, 1, `no hint ${run}`);
			runs.push({ wallMs, gets: getsPerVideo(emulator.requests()).get(items[0].json.id as string) ?? 0 });
		}
		const gets = Math.max(...runs.map((r) => r.gets));
		rows.push({
			name: 'requests with no poll hint: GET per job (backoff to Poll Interval 10 s)',
			measured: gets,
			goal: '(reference)',
			verdict: 'info',
			detail: `D = ${sec(durationMs)}, no openai-poll-after-ms header; GET /videos/{id} per job ${runs.map((r) => r.gets).join(' / ')}; wall ${runs.map((r) => sec(r.wallMs)).join(' / ')} (latency (wall - D) / D ${((median(runs.map((r) => r.wallMs)) - durationMs) / durationMs).toFixed(3)})`,
		});
		return { durationMs, runs };
	} finally {
		await emulator.close();
	}
}
