'use strict';
// Standard Webhooks signing and delivery of video.* events (attempts and retries: delivery.js).
const crypto = require('node:crypto');
const { post, postInit } = require('./delivery');

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

/** The message id of one event: the same on every attempt, as Standard Webhooks requires. */
const messageId = () => `wh_${crypto.randomBytes(12).toString('hex')}`;

/** POST one signed event (signed afresh: the timestamp is the attempt's); resolves to a delivery record, never rejects. */
function deliver(emu, { url, secret }, event, msgId = messageId()) {
	const body = JSON.stringify(event);
	const timestamp = Math.floor(Date.now() / 1000);
	const headers = {
		'content-type': 'application/json',
		'user-agent': 'sora-emulator-webhooks',
		'webhook-id': msgId,
		'webhook-timestamp': String(timestamp),
		'webhook-signature': sign(secret, msgId, timestamp, body),
	};
	const record = { eventId: event.id, webhookId: msgId, videoId: event.data.id, type: event.type, url, at: Date.now() };
	return post(url, postInit(emu, headers, body), record);
}

module.exports = { sign, buildEvent, messageId, deliver };
