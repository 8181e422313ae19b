// README "Recipes" end to end in a running n8n (regular mode, filesystem binary data):
//   examples/scheduled-batch.json  its Schedule Trigger fires on its own every 5 s, claims the
//                                  queued rows of a real Postgres table and starts their jobs;
//   examples/deliver-video.json    the emulator's signed webhooks (through a relay that times each
//                                  answer) start it once per job: the MP4 goes to an S3-compatible
//                                  server, a Telegram Bot API stand-in and an SMTP server, the
//                                  row ends done, or failed with the reason.
// Postgres is the suite's own (test/queue/services.sh, started by run.sh); the other stand-ins are
// test/e2e/lib/standins.mjs. 20 prompts, 3 of them failing at the provider, and one create refused
// once (the row goes back to queued and the next scheduled run starts it).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import { createN8n, soraCredential, startEmulator, waitFor } from './lib/harness.mjs';
import {
	SCHEDULE,
	checkAnswers,
	checkRecipes,
	createRequestsTable,
	loadRecipes,
	queuePrompts,
	recipeCredentials,
	recipePrompts,
	recipeSettings,
	requestRows,
	startStandins,
	untilSettled,
	warmUp,
} from './lib/pipelines.mjs';
import { createDatabase } from '../queue/lib/pg.mjs';
import { startRelay } from '../queue/lib/relay.mjs';

const DATABASE = 'recipes_e2e';
const EVERY_SECONDS = 5;

describe('Recipes: scheduled batch and deliver, in a running n8n (regular mode)', { timeout: 900_000 }, () => {
	const secret = `whsec_${randomBytes(24).toString('base64')}`;
	let emulator;
	let standins;
	let n8n;
	let server;
	let relay;
	let recipes;
	let settings;
	let mainPassed = false;
	const webhookUrl = () => `${server.url}/webhook/${recipes.webhookId}/sora`;
	const videoIds = [];

	before(async () => {
		// 1.5 s jobs: many end before the batch run has recorded their ids (the Deliver claim waits).
		emulator = await startEmulator(['--duration-ms', '1500', '--queued-ms', '200']);
		standins = await startStandins();
		await createDatabase(DATABASE);
		await createRequestsTable(DATABASE);
		settings = recipeSettings(standins);
		recipes = loadRecipes({ everySeconds: EVERY_SECONDS, settings });

		n8n = createN8n('recipes');
		await n8n.importCredentials([soraCredential(emulator, { webhookSecret: secret }), ...recipeCredentials({ database: DATABASE, standins })]);
		await n8n.importWorkflows([recipes.batch, recipes.deliver]);
		server = await n8n.start();
		await server.setupOwner();
		// One delivery at a time, as a provider's sender does per endpoint: each answer time is
		// n8n's alone, not the wait behind the other deliveries of a burst in one Node process.
		relay = await startRelay({ targets: [webhookUrl()], inFlight: 1 });
		await emulator.setWebhook(relay.url, secret);
	});

	after(async () => {
		await relay?.stop();
		await n8n?.dispose();
		await standins?.stop();
		await emulator?.stop();
	});

	test('20 queued prompts end done or failed, each video stored, posted and mailed once', async (t) => {
		const prompts = recipePrompts(20, 3, 'regular');
		const ids = await queuePrompts(DATABASE, prompts);
		// The first create is refused (400: nothing was started), so its row must be retried.
		await emulator.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'status', status: 400, message: 'simulated refusal' } }]);
		const activatedAt = Date.now();
		// Deliver first, and no job before its webhook answers: n8n registers a webhook a moment
		// after the activate call returns, and a provider's 404 is final.
		const activate = async (wf) => {
			const active = await server.activate(wf.id);
			assert.ok(active.activeVersionId, `${wf.name} was not activated: ${JSON.stringify(active).slice(0, 300)}`);
		};
		await activate(recipes.deliver);
		await warmUp([webhookUrl()], secret);
		await activate(recipes.batch);

		const rows = await untilSettled(DATABASE, ids, { timeoutMs: 420_000 });
		videoIds.push(...rows.map((r) => r.video_id));
		const figures = await checkRecipes({ rows, prompts, emulator, standins, settings });
		assert.equal(standins.s3.objects().size, figures.done, 'the bucket holds the finished videos and nothing else');

		// The refused row went back to queued with the error, and a later run started it.
		const retried = rows.filter((r) => r.attempts > 1);
		assert.equal(retried.length, 1, `rows tried more than once: ${JSON.stringify(retried)}`);
		assert.equal(retried[0].attempts, 2);
		assert.ok(rows.every((r) => r.attempts >= 1));

		// The Schedule Trigger fired on its own (mode "trigger"), several times.
		const runs = (await server.executions(recipes.batch.id)).filter((e) => new Date(e.startedAt).getTime() >= activatedAt - 1000);
		assert.ok(runs.length >= 2, `${runs.length} runs of the batch`);
		assert.ok(runs.every((e) => e.mode === 'trigger'), `batch runs not started by the schedule: ${JSON.stringify(runs.map((e) => e.mode))}`);
		const deliveries = await server.executions(recipes.deliver.id);
		assert.ok(deliveries.every((e) => e.status === 'success'), `deliver runs: ${JSON.stringify(deliveries.map((e) => e.status))}`);
		mainPassed = true;
		t.diagnostic(`rows done ${figures.done}, failed ${figures.failed}; ${runs.length} scheduled runs (${SCHEDULE} set to ${EVERY_SECONDS} s)`);
	});

	test('over the limits: a 30 MB MP4 is mailed as a link only, a 51 MB one is posted to the chat as a link', async () => {
		assert.ok(mainPassed, 'the recipes did not run through (previous test)');
		for (const [mib, tag] of [[30, 'thirty'], [51, 'fifty-one']]) {
			await emulator.setOptions({ mp4Bytes: mib * 1024 * 1024 });
			const prompts = [`${tag}: a slow pan across a harbour at dusk`];
			const ids = await queuePrompts(DATABASE, prompts);
			const rows = await untilSettled(DATABASE, ids, { timeoutMs: 240_000 });
			assert.equal(rows[0].status, 'done', JSON.stringify(await requestRows(DATABASE, ids)));
			videoIds.push(rows[0].video_id);
			await checkRecipes({ rows, prompts, emulator, standins, settings });
		}
	});

	test('a create that may have reached the server keeps its row starting, never retried: one job, no second charge', async () => {
		assert.ok(mainPassed, 'the recipes did not run through (first test)');
		await emulator.setOptions({ mp4Bytes: null });
		// The job is created, then the answer is a 502: the node cannot know the job exists.
		await emulator.setFaults([{ match: { kind: 'create' }, times: 1, fault: { type: 'statusAfterCreate', status: 502 } }]);
		const prompts = ['uncertain: fog over a harbour at dawn'];
		const [id] = await queuePrompts(DATABASE, prompts);
		const [row] = await waitFor(async () => {
			const rows = await requestRows(DATABASE, [id]);
			return rows[0].error && rows;
		}, { timeoutMs: 120_000, intervalMs: 500, what: 'the batch to record the failed create' });
		assert.equal(row.status, 'starting');
		assert.match(row.error, /may have reached the server/);
		assert.equal(row.video_id, null);
		// Two more scheduled runs later it is still untouched, and the provider has one job for it.
		const since = Date.now();
		const runsSince = async () => (await server.executions(recipes.batch.id)).filter((e) => new Date(e.startedAt).getTime() > since && e.status === 'success');
		await waitFor(async () => (await runsSince()).length >= 2, { timeoutMs: 60_000, intervalMs: 1000, what: 'two more scheduled runs' });
		const [later] = await requestRows(DATABASE, [id]);
		assert.equal(later.status, 'starting');
		assert.equal(later.attempts, 1, 'the batch tried the row again');
		const jobs = (await emulator.jobs()).filter((j) => j.prompt === prompts[0]);
		assert.equal(jobs.length, 1, `${jobs.length} jobs for the prompt`);
	});

	test('every delivery was answered on its first try, inside the answer ceiling (1 s goal: bench)', (t) => {
		assert.ok(videoIds.length > 0, 'no job ran');
		const figures = checkAnswers(relay.records, videoIds);
		t.diagnostic(`${figures.deliveries} deliveries, answer median ${figures.medianAnswerMs} ms, slowest ${figures.maxAnswerMs} ms`);
	});
});
