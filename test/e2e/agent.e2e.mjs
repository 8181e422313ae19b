// Sora Video as a tool of n8n's AI Agent, in a real n8n (CLI execute). The agent's model is n8n's
// OpenAI Chat Model pointed at a scripted chat-completions server (lib/chat-server.mjs) that
// calls the Sora tool; the tool talks to the emulator. Checks what the model is shown (tool name,
// description, parameter schema), what reaches the emulator, and what the agent returns.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { NODE_TYPE, createN8n, soraCredential, startEmulator, useCredential } from './lib/harness.mjs';
import { CHAT_API_KEY, startChatServer } from './lib/chat-server.mjs';

const CHAT_CREDENTIAL = { id: 'chatE2eCredential1', name: 'Scripted chat model (e2e)' };
const PROMPT_HINT = 'What the video shows: subject, action, setting, camera movement and style';
const TOOL_PARAMETERS = {
	prompt: `={{ $fromAI('prompt', '${PROMPT_HINT}', 'string') }}`,
	model: { __rl: true, mode: 'id', value: 'sora-2' },
	seconds: '4',
	size: '720x1280',
};
// What the scripted model asks the tool for, per case (the tool name is looked up in `tools`).
const ASKED = {
	e2eAgentCreate: 'A paper boat drifts across a rainy window, close-up, soft light',
	e2eAgentWait: 'A lighthouse beam sweeps over a stormy sea at night, wide shot',
};

/** Manual Trigger → AI Agent, with the OpenAI Chat Model and a Sora Video tool named `toolNode`. */
function agentWorkflow(id, toolNode, toolParameters) {
	return useCredential({
		id,
		name: `e2e: AI Agent with ${toolNode}`,
		nodes: [
			{ id: 'n-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'n-agent', name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3.1, position: [240, 0],
				parameters: { promptType: 'define', text: 'Make me a short video, please.', options: {} } },
			{ id: 'n-model', name: 'OpenAI Chat Model', type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.3, position: [160, 200],
				parameters: { model: { __rl: true, mode: 'id', value: 'gpt-e2e' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: CHAT_CREDENTIAL } },
			{ id: 'n-tool', name: toolNode, type: `${NODE_TYPE}Tool`, typeVersion: 1, position: [360, 200],
				parameters: { resource: 'video', operation: 'create', ...toolParameters } },
		],
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': { ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]] },
			[toolNode]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	});
}

describe('Sora Video as a tool of the AI Agent', { timeout: 600_000 }, () => {
	let emulator, chat, n8n;

	before(async () => {
		emulator = await startEmulator(['--duration-ms', '1500', '--queued-ms', '200']);
		let current;
		chat = await startChatServer({
			pickTool: (tools) => {
				const tool = tools.find((t) => t.function.name.startsWith('Create_video'));
				return { name: tool?.function.name ?? 'no_sora_tool_offered', arguments: { prompt: ASKED[current] } };
			},
		});
		chat.use = (id) => (current = id);
		n8n = createN8n('agent');
		await n8n.importCredentials([
			soraCredential(emulator),
			{ ...CHAT_CREDENTIAL, type: 'openAiApi', data: { apiKey: CHAT_API_KEY, url: chat.baseUrl } },
		]);
		await n8n.importWorkflows([
			agentWorkflow('e2eAgentCreate', 'Create video', { ...TOOL_PARAMETERS, waitForCompletion: false, options: {} }),
			agentWorkflow('e2eAgentWait', 'Create video and wait', {
				...TOOL_PARAMETERS, waitForCompletion: true, options: { pollInterval: 1, maxWait: 2, downloadVideo: false },
			}),
		]);
	});

	after(async () => {
		await n8n?.dispose();
		await chat?.stop();
		await emulator?.stop();
	});

	/** Runs the workflow; returns the agent's output parsed, the model's turns and the emulator's job. */
	async function runAgent(id) {
		chat.use(id);
		const seen = chat.turns().length;
		const result = await n8n.execute(id, { timeoutMs: 180_000 });
		assert.equal(result.status, 'success', result.describe());
		const turns = chat.turns().slice(seen);
		const [item] = result.items('AI Agent');
		const returned = JSON.parse(item.json.output);
		const video = Array.isArray(returned) ? returned[0] : returned;
		const job = (await emulator.jobs()).find((j) => j.id === video.id);
		return { turns, video, job };
	}

	test('the model is shown the tool with a name, a description and a prompt parameter it can fill', async () => {
		const { turns } = await runAgent('e2eAgentCreate');
		const tools = turns[0].tools;
		assert.equal(tools.length, 1, JSON.stringify(tools));
		const { type, function: fn } = tools[0];
		assert.equal(type, 'function');
		assert.equal(fn.name, 'Create_video');
		// n8n's automatic description: the operation's action and the node's name.
		assert.equal(fn.description, 'Create a video in Sora Video');
		assert.equal(fn.parameters.type, 'object');
		assert.deepEqual(Object.keys(fn.parameters.properties), ['prompt']);
		assert.equal(fn.parameters.properties.prompt.type, 'string');
		assert.equal(fn.parameters.properties.prompt.description, PROMPT_HINT);
		assert.deepEqual(fn.parameters.required, ['prompt']);
	});

	test('the agent creates a video on the emulator and returns its Video object', async () => {
		const { turns, video, job } = await runAgent('e2eAgentCreate');
		assert.equal(turns.length, 2, 'one turn to call the tool, one with its result');
		assert.ok(turns[1].messages.some((m) => m.role === 'tool'), 'the tool result went back to the model');
		assert.equal(video.object, 'video');
		assert.match(video.id, /^video_/);
		assert.ok(['queued', 'in_progress'].includes(video.status), `no wait: the job is still running, got ${video.status}`);
		assert.equal(video.prompt, ASKED.e2eAgentCreate);
		assert.ok(job, `the emulator has no job ${video.id}`);
		assert.equal(job.prompt, ASKED.e2eAgentCreate);
		assert.deepEqual([job.model, job.size, job.seconds], ['sora-2', '720x1280', '4']);
	});

	test('with Wait for Completion the agent gets the finished video', async () => {
		const { turns, video, job } = await runAgent('e2eAgentWait');
		assert.equal(turns[0].tools[0].function.name, 'Create_video_and_wait');
		assert.equal(video.status, 'completed');
		assert.equal(video.progress, 100);
		assert.equal(video.prompt, ASKED.e2eAgentWait);
		assert.ok(video.completed_at >= video.created_at);
		assert.equal(job?.status, 'completed');
	});
});
