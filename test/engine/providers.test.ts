// The main flows (create with wait, list, download) against each server flavour the node
// must fit without a line of code from the user: OpenAI, Azure OpenAI and a LiteLLM-style gateway.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryBuffer, runWorkflow, type RunResult } from '../harness';
import { FAST_OPTIONS, soraNode, useEmulator, type ProfileName } from '../harness/sora';
import { SERVER_TEST_MS } from '../fixtures/wait';

jest.setTimeout(SERVER_TEST_MS); // talks to live servers: a loaded 2-core machine is slow, only a hang is this slow

function ok(result: RunResult): INodeExecutionData[] {
	if (result.error) throw new Error(`workflow failed: ${result.error.message} ${String(result.error.description ?? '')}`);
	return result.outputs.Sora;
}

const profiles: Array<{
	profile: ProfileName;
	credential: (base: string) => IDataObject;
	create: IDataObject;
	expect: IDataObject;
}> = [
	{
		profile: 'openai',
		credential: (base) => ({ baseUrl: `${base}/` }),
		create: { model: { __rl: true, mode: 'list', value: 'sora-2' }, seconds: '8', size: '1280x720' },
		expect: { model: 'sora-2', seconds: '8', size: '1280x720' },
	},
	{
		profile: 'azure',
		credential: (base) => ({ baseUrl: base, authType: 'apiKeyHeader' }),
		create: { model: { __rl: true, mode: 'id', value: 'sora-2' }, seconds: '4', size: '720x1280' },
		expect: { model: 'sora-2', seconds: '4', size: '720x1280' },
	},
	{
		profile: 'gateway',
		credential: (base) => ({ baseUrl: `${base}/videos`, extraHeaders: 'X-Gateway-Route: video-pool-a' }),
		create: {
			model: { __rl: true, mode: 'id', value: 'gemini/veo-3.0-generate-preview' },
			seconds: 'custom',
			customSeconds: '6',
			size: 'custom',
			customSize: '1344x768',
		},
		expect: { model: 'gemini/veo-3.0-generate-preview', seconds: '6', size: '1344x768' },
	},
];

describe.each(profiles)('provider profile $profile (engine)', ({ profile, credential, create, expect: expected }) => {
	const ctx = useEmulator({ profile });
	const credentials = () => ctx.credentials(credential(ctx.emulator.baseUrl));

	it('creates with wait and returns the MP4', async () => {
		const items = ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: `a ${profile} test`, ...create, options: FAST_OPTIONS })],
				credentials: credentials(),
			}),
		);
		expect(items[0].json).toMatchObject({ ...expected, status: 'completed' });
		const bytes = await binaryBuffer(items[0], 'data');
		expect(items[0].binary?.data.mimeType).toBe('video/mp4');
		expect(bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
	});

	it('lists every job and downloads a thumbnail', async () => {
		const listed = ok(
			await runWorkflow({ nodes: [soraNode({ operation: 'list', returnAll: true })], credentials: credentials() }),
		);
		expect(listed.length).toBe(ctx.emulator.jobs().length);
		const videoId = String(listed[0].json.id);
		const downloaded = ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'download', videoId, variant: 'thumbnail', binaryPropertyName: 'thumb' })],
				credentials: credentials(),
			}),
		);
		expect(downloaded[0].binary?.thumb.mimeType).toBe('image/webp');
		expect(downloaded[0].binary?.thumb.fileName).toBe(`${videoId}.webp`);
		const bytes = await binaryBuffer(downloaded[0], 'thumb');
		expect(bytes.subarray(8, 12).toString('ascii')).toBe('WEBP');
	});
});

describe('provider specifics (engine)', () => {
	const azure = useEmulator({ profile: 'azure' });

	it('Azure refuses the key as a Bearer token: the credential choice matters', async () => {
		const result = await runWorkflow({
			nodes: [soraNode({ operation: 'list', returnAll: true })],
			credentials: azure.credentials({ authType: 'bearer' }),
		});
		expect(result.error?.message).toMatch(/401/);
	});

	it('sends the key in api-key and no Authorization header to Azure', async () => {
		ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'list', limit: 1 })],
				credentials: azure.credentials({ authType: 'apiKeyHeader', organizationId: 'org-1', projectId: 'proj-1' }),
			}),
		);
		const last = azure.emulator.requests().at(-1)!;
		expect(last.headers['api-key']).toBeDefined();
		expect(last.headers.authorization).toBeUndefined();
		expect(last.headers['openai-organization']).toBe('org-1');
		expect(last.headers['openai-project']).toBe('proj-1');
	});
});

describe('gateway specifics (engine)', () => {
	const gateway = useEmulator({ profile: 'gateway' });

	it('passes extra headers, survives sparse objects and unknown statuses, follows the content redirect', async () => {
		const items = ok(
			await runWorkflow({
				nodes: [
					soraNode({
						operation: 'create',
						prompt: 'a lighthouse in fog',
						model: { __rl: true, mode: 'id', value: 'openai/sora-2' },
						options: { ...FAST_OPTIONS, downloadSpritesheet: true },
					}),
				],
				credentials: gateway.credentials({ extraHeaders: 'X-Gateway-Route: video-pool-a' }),
			}),
		);
		expect(items[0].json.status).toBe('completed');
		expect(items[0].binary?.spritesheet.mimeType).toBe('image/jpeg');
		const requests = gateway.emulator.requests();
		const statuses = requests.filter((r) => r.kind === 'get');
		expect(statuses.length).toBeGreaterThan(0);
		expect(requests.filter((r) => r.kind === 'create').every((r) => r.headers['x-gateway-route'] === 'video-pool-a')).toBe(true);
		expect(requests.some((r) => r.path.startsWith('/storage/'))).toBe(true);
	});

	it('treats gateway status words as still running and resumes with Wait for Completion', async () => {
		const started = ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'create', prompt: 'slow pan over dunes', waitForCompletion: false })],
				credentials: gateway.credentials(),
			}),
		);
		expect(['queued', 'in_progress', 'completed', 'failed']).not.toContain(started[0].json.status);
		// Whatever the word, the output state is one of the four.
		expect(['queued', 'in_progress']).toContain(started[0].json.state);
		expect(started[0].json.progress).toBeUndefined();
		const done = ok(
			await runWorkflow({
				nodes: [soraNode({ operation: 'wait', videoId: started[0].json.id, options: FAST_OPTIONS })],
				credentials: gateway.credentials(),
			}),
		);
		expect(done[0].json.status).toBe('completed');
		expect(done[0].json.state).toBe('completed');
		expect(done[0].binary?.data.mimeType).toBe('video/mp4');
	});
});
