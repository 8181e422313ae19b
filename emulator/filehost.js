'use strict';
// A second loopback server, another origin than the API: where resellers that answer the
// content route with JSON {"url": ...} keep their files. It asks for no credentials, and
// records whether any arrived (a client must not send the API key to another host).
const http = require('node:http');
const crypto = require('node:crypto');
const { send } = require('./respond');

const S3_TWO_AUTHS =
	'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InvalidArgument</Code><Message>Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified</Message></Error>';

class FileHost {
	constructor(emu) {
		this.emu = emu;
		this.files = new Map(); // token -> { videoId, variant }
		this.server = null;
		this.sockets = new Set();
	}

	async start() {
		if (this.server) return;
		this.server = http.createServer((req, res) => this.serve(req, res).catch(() => res.destroy()));
		this.server.on('connection', (s) => {
			this.sockets.add(s);
			s.on('close', () => this.sockets.delete(s));
		});
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(0, this.emu.options.host, resolve);
		});
	}

	get port() {
		return this.server ? this.server.address().port : null;
	}

	/**
	 * A fresh URL on this host for the job's variant; `hostname` may differ (e.g. localhost).
	 * `rejectAuth`: answer 400 when credentials arrive, as S3 pre-signed URLs do.
	 */
	async urlFor(job, variant, ext, { hostname, rejectAuth } = {}) {
		await this.start();
		const token = crypto.randomBytes(12).toString('hex');
		this.files.set(token, { videoId: job.id, variant, rejectAuth: !!rejectAuth });
		return `http://${hostname || this.emu.options.host}:${this.port}/files/${token}.${ext}`;
	}

	async serve(req, res) {
		const url = new URL(req.url, 'http://filehost.local');
		const entry = {
			method: req.method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: this.emu.redact(req.headers),
			at: Date.now(),
			kind: 'fileHost',
			// what a leak test needs, without the key itself
			authSeen: req.headers.authorization !== undefined || req.headers['api-key'] !== undefined,
			keySeen: Object.values(req.headers).some((v) => String(v).includes(this.emu.options.apiKey)),
		};
		this.emu.log.push(entry);
		const m = /^\/files\/([0-9a-f]+)\.\w+$/.exec(url.pathname);
		const file = m && this.files.get(m[1]);
		const job = file && this.emu.store.get(file.videoId);
		let desc = job ? this.emu.mediaFor(job, file.variant) : { status: 404, text: 'no such file' };
		if (job && file.rejectAuth && entry.authSeen) desc = { status: 400, contentType: 'application/xml', text: S3_TWO_AUTHS };
		entry.status = desc.status;
		await send(res, desc);
	}

	async close() {
		if (!this.server) return;
		for (const s of this.sockets) s.destroy();
		await new Promise((resolve) => this.server.close(() => resolve()));
		this.server = null;
	}

	clear() {
		this.files.clear();
	}
}

module.exports = { FileHost };
