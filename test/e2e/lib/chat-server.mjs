// A scripted OpenAI chat-completions server on loopback, for agent.e2e.mjs. It plays the model
// behind n8n's OpenAI Chat Model: on the first turn it calls the tool the test names, with the
// arguments the test gives; once the tool's result comes back it answers with that result as
// its text, so the agent's output is exactly what the tool returned. Every request is kept, so
// the test can check the tools (name, description, JSON schema) as the model was shown them.
import http from 'node:http';

export const CHAT_API_KEY = 'sk-chat-e2e-key';

/** `pickTool(tools)` returns {name, arguments} for the first turn. */
export async function startChatServer({ pickTool }) {
	const requests = [];
	const server = http.createServer(async (req, res) => {
		let raw = '';
		for await (const chunk of req) raw += chunk;
		const body = raw ? JSON.parse(raw) : undefined;
		requests.push({ method: req.method, url: req.url, authorization: req.headers.authorization, body });
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
			res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `no route ${req.url}` } }));
			return;
		}
		if (req.headers.authorization !== `Bearer ${CHAT_API_KEY}`) {
			res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad key' } }));
			return;
		}
		const message = reply(body, pickTool);
		if (body.stream) sendStream(res, body, message);
		else sendJson(res, body, message);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address();
	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		/** The chat-completions requests, in order. */
		turns: () => requests.filter((r) => r.url.endsWith('/chat/completions')).map((r) => r.body),
		stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
	};
}

/** First turn: a call to the chosen tool. After a tool result: that result, as the answer. */
function reply(body, pickTool) {
	const toolResult = [...body.messages].reverse().find((m) => m.role === 'tool');
	if (toolResult) {
		const content = typeof toolResult.content === 'string' ? toolResult.content : JSON.stringify(toolResult.content);
		return { role: 'assistant', content };
	}
	const call = pickTool(body.tools ?? []);
	return {
		role: 'assistant',
		content: null,
		tool_calls: [{ id: `call_${body.messages.length}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } }],
	};
}

const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
const finish = (message) => (message.tool_calls ? 'tool_calls' : 'stop');

function sendJson(res, body, message) {
	res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({
		id: 'chatcmpl-e2e', object: 'chat.completion', created: Math.floor(Date.now() / 1000), model: body.model,
		choices: [{ index: 0, message, finish_reason: finish(message) }], usage,
	}));
}

/** The same answer as server-sent events, for a client that asked for `stream: true`. */
function sendStream(res, body, message) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta, finishReason = null, extra = {}) => res.write(`data: ${JSON.stringify({
		id: 'chatcmpl-e2e', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: body.model,
		choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra,
	})}\n\n`);
	const delta = message.tool_calls
		? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) }
		: { role: 'assistant', content: message.content };
	chunk(delta);
	chunk({}, finish(message), { usage });
	res.end('data: [DONE]\n\n');
}
