'use strict';
// Standard Webhooks signing and fire-and-forget delivery of video.* events.
const crypto = require('node:crypto');

/** `v1,<base64>` = base64(HMAC-SHA256(base64decode(secret without whsec_), `${id}.${timestamp}.${body}`)). */
function sign(secret, id, timestamp, body) {
	const key = Buffer.from(String(secret).replace(/^whsec_/, ''), 'base64');
	const mac = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
	return `v1,${mac}`;
}

function buildEvent(videoId, type, now = Date.now()) {
	return {
		id: `evt_${crypto.randomBytes(12).toString('hex')}`,
		object: 'event',
		created_at: Math.floor(now / 1000),
		type,
		data: { id: videoId },
	};
}

/** POST one signed event; resolves to a delivery record, never rejects. */
async function deliver({ url, secret }, event) {
	const body = JSON.stringify(event);
	const msgId = `wh_${crypto.randomBytes(12).toString('hex')}`;
	const timestamp = Math.floor(Date.now() / 1000);
	const record = { eventId: event.id, webhookId: msgId, videoId: event.data.id, type: event.type, url, at: Date.now() };
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				'user-agent': 'sora-emulator-webhooks',
				'webhook-id': msgId,
				'webhook-timestamp': String(timestamp),
				'webhook-signature': sign(secret, msgId, timestamp, body),
			},
			body,
			signal: AbortSignal.timeout(10000),
		});
		await res.arrayBuffer().catch(() => {});
		record.status = res.status;
		// How long the receiver took to answer: providers give up (and retry) after a few seconds.
		record.ms = Date.now() - record.at;
	} catch (e) {
		record.error = e.cause ? `${e.message}: ${e.cause.message || e.cause.code}` : e.message;
	}
	return record;
}

module.exports = { sign, buildEvent, deliver };
