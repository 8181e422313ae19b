'use strict';
// Unauthenticated control surface for other processes (the end-to-end suite
// runs n8n separately): inspect jobs and requests, set faults, reset, webhooks.
const { readBody } = require('./body');

const reply = (res, status, json) => {
	const body = Buffer.from(JSON.stringify(json));
	res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
	res.end(body);
};

async function jsonBody(req) {
	const buf = await readBody(req, 1024 * 1024);
	return buf.length ? JSON.parse(buf.toString('utf8')) : null;
}

async function handle(emu, req, res, url) {
	const route = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
	try {
		switch (route) {
			case 'GET /__emulator/health':
				return reply(res, 200, { ok: true, baseUrl: emu.baseUrl, apiKey: emu.options.apiKey, profile: emu.profile.name, memory: process.memoryUsage() });
			case 'GET /__emulator/jobs':
				return reply(res, 200, emu.jobs());
			case 'GET /__emulator/requests':
				return reply(res, 200, emu.log);
			case 'GET /__emulator/faults':
				return reply(res, 200, emu.faults.list());
			case 'POST /__emulator/faults': {
				const body = await jsonBody(req);
				emu.faults.set(body && !Array.isArray(body) && body.rules ? body.rules : body);
				return reply(res, 200, { ok: true, rules: emu.faults.list() });
			}
			case 'POST /__emulator/reset':
				emu.reset();
				return reply(res, 200, { ok: true });
			case 'POST /__emulator/options': {
				emu.setOptions((await jsonBody(req)) || {});
				const { webhook, ...rest } = emu.options;
				return reply(res, 200, { ok: true, options: { ...rest, webhook: webhook ? { url: webhook.url } : null } });
			}
			case 'POST /__emulator/webhook': {
				const body = await jsonBody(req);
				emu.setOptions({ webhook: body && body.url ? { url: body.url, secret: body.secret } : null });
				return reply(res, 200, { ok: true, webhook: body && body.url ? { url: body.url } : null });
			}
			case 'POST /__emulator/webhook/send': {
				const body = (await jsonBody(req)) || {};
				return reply(res, 200, await emu.sendWebhook(body.id, body.type));
			}
			case 'GET /__emulator/webhooks':
				return reply(res, 200, emu.deliveries);
			default:
				return reply(res, 404, { error: `unknown admin route ${route}` });
		}
	} catch (e) {
		return reply(res, 400, { error: e.message });
	}
}

module.exports = { handle };
