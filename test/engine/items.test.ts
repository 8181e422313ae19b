// Several items in one execution: output order, pairedItem, Continue On Fail, failed jobs.
import type { IDataObject } from 'n8n-workflow';

import { continueOnFail, runWorkflow } from '../harness';
import { FAST_OPTIONS, soraNode, useEmulator } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('items, order and errors (engine)', () => {
	const ctx = useEmulator();

	it('keeps input order and pairedItem when items finish out of order', async () => {
		// Item 0 waits for its video, items 1 and 2 return at once: they finish first.
		const result = await runWorkflow({
			nodes: [
				soraNode({
					operation: 'create',
					prompt: '={{ $json.prompt }}',
					waitForCompletion: '={{ $json.wait }}',
					options: FAST_OPTIONS,
				}),
			],
			credentials: ctx.credentials(),
			inputItems: [
				{ json: { prompt: 'slow one', wait: true } },
				{ json: { prompt: 'fast one', wait: false } },
				{ json: { prompt: 'fast two', wait: false } },
			],
		});
		expect(result.error).toBeUndefined();
		const items = result.outputs.Sora;
		expect(items.map((i) => i.json.prompt)).toEqual(['slow one', 'fast one', 'fast two']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json.status).toBe('completed');
		expect(items[0].binary?.data).toBeDefined();
		expect(items[1].binary).toBeUndefined();
	});

	it('runs items one at a time with Concurrency 1, in input order', async () => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: '={{ $json.p }}', waitForCompletion: false, concurrency: 1 })],
			credentials: ctx.credentials(),
			inputItems: ['a', 'b', 'c', 'd'].map((p) => ({ json: { p } })),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs.Sora.map((i) => i.json.prompt)).toEqual(['a', 'b', 'c', 'd']);
		const creates = ctx.emulator.requests().filter((r) => r.kind === 'create').slice(-4);
		expect(creates.map((r) => (r.body as IDataObject).prompt)).toEqual(['a', 'b', 'c', 'd']);
	});

	it('a failed job stops the workflow with the video id and the reason', async () => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: 'please FAIL_MODERATION now', options: FAST_OPTIONS })],
			credentials: ctx.credentials(),
		});
		expect(result.error).toBeDefined();
		expect(result.error!.message).toMatch(/video_\w+/);
		expect(result.error!.message).toMatch(/moderation/i);
		expect(result.nodeErrors.Sora?.message).toBe(result.error!.message);
		expect(result.outputs.Sora ?? []).toEqual([]);
	});

	it('a failed job that stops the workflow names the videos the other items started', async () => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', downloadVideo: false, options: FAST_OPTIONS })],
			credentials: ctx.credentials(),
			inputItems: [{ json: { prompt: 'please FAIL_MODERATION now' } }, { json: { prompt: 'a quiet harbour' } }],
		});
		expect(result.error).toBeDefined();
		const other = ctx.emulator.jobs().find((job) => job.prompt === 'a quiet harbour');
		expect(other).toBeDefined();
		expect(String(result.error!.description)).toContain(`Other videos started in this run: ${other!.id}.`);
	});

	it('Continue On Fail: the failed job becomes an item with the video and its error, the others succeed', async () => {
		const result = await runWorkflow({
			nodes: [
				continueOnFail(
					soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', options: { ...FAST_OPTIONS, downloadVideo: false } }),
				),
			],
			credentials: ctx.credentials(),
			inputItems: [
				{ json: { prompt: 'a happy dog' } },
				{ json: { prompt: 'FAIL_MODERATION content' } },
				{ json: { prompt: 'a happy cat' } },
			],
		});
		expect(result.error).toBeUndefined();
		const items = result.outputs.Sora;
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toMatchObject({ status: 'completed', prompt: 'a happy dog' });
		expect(items[2].json).toMatchObject({ status: 'completed', prompt: 'a happy cat' });

		const failed = items[1].json;
		expect(failed).toMatchObject({ object: 'video', status: 'failed', prompt: 'FAIL_MODERATION content' });
		expect(String(failed.id)).toMatch(/^video_/);
		const error = failed.error as IDataObject;
		expect(error.code).toBe('moderation_blocked');
		expect(String(error.message)).toMatch(new RegExp(String(failed.id)));
		expect(String(error.message)).toMatch(/moderation/i);
	});

	it('Continue On Fail: a bad item (no prompt) becomes an error item, nothing sent for it', async () => {
		const before = ctx.emulator.requests().filter((r) => r.kind === 'create').length;
		const result = await runWorkflow({
			nodes: [continueOnFail(soraNode({ operation: 'create', prompt: '={{ $json.prompt }}', waitForCompletion: false }))],
			credentials: ctx.credentials(),
			inputItems: [{ json: { prompt: 'fine' } }, { json: { prompt: '' } }],
		});
		expect(result.error).toBeUndefined();
		const items = result.outputs.Sora;
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.object).toBe('video');
		expect(String((items[1].json.error as IDataObject).message)).toMatch(/prompt/i);
		const after = ctx.emulator.requests().filter((r) => r.kind === 'create').length;
		expect(after - before).toBe(1);
	});

	it('Continue On Fail on get: an unknown id gives an error item with the API message', async () => {
		const result = await runWorkflow({
			nodes: [continueOnFail(soraNode({ operation: 'get', videoId: '={{ $json.id }}' }))],
			credentials: ctx.credentials(),
			inputItems: [{ json: { id: 'video_doesnotexist' } }],
		});
		expect(result.error).toBeUndefined();
		const [item] = result.outputs.Sora;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(String((item.json.error as IDataObject).message)).toMatch(/404|not found/i);
	});
});
