// Character resource: create from an input binary video, get by id.
import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from '../harness';
import { completedVideo, emulatorContent, soraNode, useEmulator } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

describe('character operations (engine)', () => {
	const ctx = useEmulator();
	let mp4: Buffer;

	beforeAll(async () => {
		const video = await completedVideo(ctx.emulator, 'a person waving');
		mp4 = (await emulatorContent(ctx.emulator, video.id as string)).bytes;
	});

	const lastCharacterRequest = () =>
		ctx.emulator.requests().filter((r) => r.kind === 'character.create').pop();

	it('creates a character from the input binary video (multipart, name and file)', async () => {
		const result = await runWorkflow({
			nodes: [
				soraNode({ resource: 'character', operation: 'create', characterName: 'Captain Nova', videoBinaryProperty: 'clip' }),
			],
			credentials: ctx.credentials(),
			inputItems: [{ json: { n: 1 }, binary: { clip: { data: mp4, mimeType: 'video/mp4', fileName: 'nova.mp4' } } }],
		});
		expect(result.error).toBeUndefined();
		const [item] = result.outputs.Sora;
		expect(item.json).toMatchObject({ name: 'Captain Nova' });
		expect(String(item.json.id)).toMatch(/^char_/);
		expect(item.pairedItem).toEqual({ item: 0 });

		const request = lastCharacterRequest();
		expect(request?.format).toBe('multipart');
		expect(request?.body).toMatchObject({
			name: 'Captain Nova',
			video: { filename: 'nova.mp4', contentType: 'video/mp4', size: mp4.length },
		});
	});

	it('gets a character by id', async () => {
		const created = await runWorkflow({
			nodes: [soraNode({ resource: 'character', operation: 'create', characterName: 'Echo' })],
			credentials: ctx.credentials(),
			inputItems: [{ json: {}, binary: { data: { data: mp4, mimeType: 'video/mp4', fileName: 'echo.mp4' } } }],
		});
		const id = created.outputs.Sora[0].json.id as string;

		const result = await runWorkflow({
			nodes: [soraNode({ resource: 'character', operation: 'get', characterId: id })],
			credentials: ctx.credentials(),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs.Sora[0].json).toEqual(created.outputs.Sora[0].json);
	});

	it('names the missing binary field before any request', async () => {
		const before = ctx.emulator.requests().length;
		const result = await runWorkflow({
			nodes: [soraNode({ resource: 'character', operation: 'create', characterName: 'Ghost', videoBinaryProperty: 'clip' })],
			credentials: ctx.credentials(),
			inputItems: [{ json: {} }],
		});
		expect(result.error?.message).toMatch(/Input Binary Field/);
		expect(result.error?.message).toMatch(/clip/);
		expect(ctx.emulator.requests().length).toBe(before);
	});
});
