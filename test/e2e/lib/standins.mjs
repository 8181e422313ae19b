// Local stand-ins for what the recipes deliver to, started by the test on loopback:
// an S3-compatible server, a Telegram Bot API and an SMTP server. The S3 and SMTP servers come
// from npm, installed into the cache by test/e2e/install-pipeline-servers.sh (never a
// dependency of the package); the Telegram stand-in is written here: a few routes of the Bot API.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';

import { WORK } from './config.mjs';

const cache = process.env.SORA_CACHE || path.join(homedir(), '.cache', 'n8n-nodes-sora-video');
const SERVERS_DIR = process.env.SORA_E2E_PIPELINE_SERVERS_DIR || path.join(cache, 'pipeline-servers-1');

function serversRequire() {
	if (!existsSync(path.join(SERVERS_DIR, '.install-complete'))) {
		throw new Error(`the S3 and SMTP stand-ins are not installed in ${SERVERS_DIR}: run bash test/e2e/install-pipeline-servers.sh`);
	}
	return createRequire(path.join(SERVERS_DIR, 'package.json'));
}

const listen = (server) => new Promise((resolve, reject) => {
	server.once('error', reject);
	server.listen(0, '127.0.0.1', () => resolve(server.address().port));
});

/**
 * @20minutes/s3rver on a free port with one bucket, checking AWS signatures with its own key pair
 * (S3RVER / S3RVER). `objects()` reads what is stored, `puts` lists every object upload received.
 */
export async function startS3({ bucket }) {
	const S3rver = serversRequire()('@20minutes/s3rver');
	const directory = path.join(WORK, `s3-${randomBytes(4).toString('hex')}`);
	mkdirSync(directory, { recursive: true });
	const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
	const { port } = await server.run();
	const puts = [];
	server.httpServer.on('request', (req) => {
		if (req.method === 'PUT' && !req.url.includes('?')) puts.push({ url: req.url, at: Date.now() });
	});
	const suffix = '._S3rver_object';
	const walk = (dir, prefix) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : e.name.endsWith(suffix) ? [[`${prefix}${e.name.slice(0, -suffix.length)}`, path.join(dir, e.name)]] : []);
	return {
		endpoint: `http://127.0.0.1:${port}`,
		region: 'us-east-1',
		accessKeyId: 'S3RVER',
		secretAccessKey: 'S3RVER',
		bucket,
		puts,
		/** Key → bytes of every object in the bucket. */
		objects: () => new Map(walk(path.join(directory, bucket), '').map(([key, file]) => [key, readFileSync(file)])),
		stop: () => server.close(),
	};
}

/**
 * A Telegram Bot API stand-in: `POST /bot<token>/sendVideo` (multipart, as n8n's Telegram node
 * sends a binary file) and `/sendMessage` (JSON). It refuses a wrong token (401) and a sendVideo
 * whose multipart lacks chat_id or a video part with a file name and video/* type (400), as the
 * real API does; every accepted call is kept with the bytes it carried.
 */
export async function startTelegram({ token }) {
	const calls = [];
	const refused = [];
	let messageId = 0;
	const answer = (res, status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const c of req) chunks.push(c);
		const raw = Buffer.concat(chunks);
		const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url);
		const fail = (status, description) => {
			refused.push({ url: req.url, status, description });
			answer(res, status, { ok: false, error_code: status, description });
		};
		if (!m || m[1] !== token) return fail(m ? 401 : 404, m ? 'Unauthorized' : 'Not Found');
		const method = m[2];
		try {
			if (method === 'sendVideo') {
				if (!/^multipart\/form-data/.test(req.headers['content-type'] ?? '')) return fail(400, 'Bad Request: sendVideo with a file must be multipart/form-data');
				const form = await new Request('http://telegram.local/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] }, body: raw }).formData();
				const video = form.get('video');
				const chatId = form.get('chat_id');
				if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
				if (!video || typeof video === 'string') return fail(400, 'Bad Request: there is no video in the request');
				if (!video.name || !/^video\//.test(video.type)) return fail(400, `Bad Request: the video part has name "${video.name}" and type "${video.type}"`);
				const bytes = Buffer.from(await video.arrayBuffer());
				if (bytes.length === 0) return fail(400, 'Bad Request: the video is empty');
				calls.push({ method, chatId: String(chatId), caption: form.get('caption') ?? undefined, fileName: video.name, contentType: video.type, bytes, at: Date.now() });
				return answer(res, 200, { ok: true, result: { message_id: ++messageId, chat: { id: Number(chatId) || chatId }, video: { file_name: video.name, mime_type: video.type, file_size: bytes.length } } });
			}
			if (method === 'sendMessage') {
				const body = JSON.parse(raw.toString('utf8'));
				if (!body.chat_id || !body.text) return fail(400, 'Bad Request: chat_id and text are required');
				calls.push({ method, chatId: String(body.chat_id), text: body.text, parseMode: body.parse_mode, at: Date.now() });
				return answer(res, 200, { ok: true, result: { message_id: ++messageId, chat: { id: body.chat_id }, text: body.text } });
			}
			return fail(404, `Not Found: method ${method}`);
		} catch (e) {
			return fail(400, `Bad Request: ${e.message}`);
		}
	});
	const port = await listen(server);
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		token,
		calls,
		refused,
		stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
	};
}

/**
 * smtp-server on a free port: plain SMTP (no STARTTLS offered), AUTH required with one user and
 * password; every mail is parsed with mailparser and kept (from, to, subject, text, attachments).
 */
export async function startSmtp({ user, password }) {
	const require = serversRequire();
	const { SMTPServer } = require('smtp-server');
	const { simpleParser } = require('mailparser');
	const mails = [];
	const refused = [];
	const server = new SMTPServer({
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		authMethods: ['PLAIN', 'LOGIN'],
		logger: false,
		onAuth(auth, _session, callback) {
			if (auth.username === user && auth.password === password) return callback(null, { user });
			refused.push({ username: auth.username });
			return callback(new Error('Invalid username or password'));
		},
		onData(stream, session, callback) {
			simpleParser(stream)
				.then((mail) => {
					mails.push({
						envelopeFrom: session.envelope.mailFrom?.address,
						envelopeTo: session.envelope.rcptTo.map((r) => r.address),
						from: mail.from?.text,
						to: mail.to?.text,
						subject: mail.subject,
						text: mail.text,
						attachments: (mail.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
						at: Date.now(),
					});
					callback();
				})
				.catch(callback);
		},
	});
	await new Promise((resolve, reject) => {
		server.on('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.server.address();
	return {
		host: '127.0.0.1',
		port,
		user,
		password,
		mails,
		refused,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}
