/**
 * The OpenAI Videos dialect: the /v1/videos contract itself (OpenAI, Azure OpenAI, LiteLLM and
 * every compatible gateway). Every answer is read through the neutral model.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { pollVideo, readVideoAnswer } from '../answers';
import { downloadContent } from '../content';
import type { Dialect } from '../dialect';
import { encodeIdForPath } from '../model/ids';
import { readList } from '../model/list';
import { bodyFormatFor } from '../model/text';
import { videoPath } from '../paths';
import { soraRequest } from '../request';
import type { JobFields, SoraCharacter, SoraContext, SoraRequest } from '../types';

/**
 * Sends a job to one of the generating endpoints. Without a file the body is JSON, which keeps
 * the prompt byte for byte (multipart turns its newlines into CRLF); uploads stay multipart.
 */
async function postJob(ctx: SoraContext, path: string, fields: JobFields, itemIndex: number, subject?: string, videoId?: string) {
	const request: SoraRequest = { method: 'POST', path, kind: 'create', itemIndex, subject, videoId };
	if (bodyFormatFor(fields) === 'json') request.json = fields as IDataObject;
	else request.multipart = fields;
	const response = await soraRequest<unknown>(ctx, request);
	return readVideoAnswer(ctx, response, { itemIndex, subject, context: 'create' });
}

/** OpenAI's model field is for create only: Edit and Extend follow the source video's model. */
function withoutModel(fields: JobFields): JobFields {
	const { model, ...rest } = fields;
	void model;
	return rest;
}

export const openAiDialect: Dialect = {
	id: 'openai',
	name: 'OpenAI Videos',
	lacks: {
		modelOptions: { what: 'Model Options', instead: 'use an OpenRouter credential', because: "this server's Videos API has no such field" },
	},

	async startJob(ctx, request, itemIndex) {
		switch (request.endpoint) {
			case 'create':
				return await postJob(ctx, '/videos', request.fields, itemIndex, 'Create video');
			case 'edit':
				return await postJob(ctx, '/videos/edits', withoutModel(request.fields), itemIndex, 'Edit video');
			case 'extend':
				return await postJob(ctx, '/videos/extensions', withoutModel(request.fields), itemIndex, 'Extend video');
			case 'remix':
				return await postJob(ctx, `${videoPath(request.videoId)}/remix`, { prompt: request.prompt }, itemIndex, `Remix of video ${request.videoId}`, request.videoId);
		}
	},

	async getJob(ctx, videoId, itemIndex) {
		const subject = `Get video ${videoId}`;
		const response = await soraRequest<unknown>(ctx, { method: 'GET', path: videoPath(videoId), kind: 'read', itemIndex, subject, videoId });
		return readVideoAnswer(ctx, response, { itemIndex, subject, context: 'poll', expectedId: videoId });
	},

	async pollJob(ctx, videoId, itemIndex) {
		return await pollVideo(ctx, videoId, videoPath(videoId), itemIndex);
	},

	async content(ctx, videoId, variant, itemIndex) {
		return await downloadContent(ctx, videoId, `${videoPath(videoId)}/content`, variant, itemIndex);
	},

	async listVideos(ctx, query, itemIndex) {
		const qs: IDataObject = {};
		if (query.limit !== undefined) qs.limit = query.limit;
		if (query.order) qs.order = query.order;
		if (query.after) qs.after = query.after;
		const response = await soraRequest<unknown>(ctx, { method: 'GET', path: '/videos', kind: 'read', qs, itemIndex, subject: 'List videos' });
		const reading = readList(response.body);
		if (reading.ok) return reading.page;
		throw new NodeOperationError(ctx.getNode(), `The Sora API answered List videos with ${reading.reason}`, { itemIndex });
	},

	async deleteVideo(ctx, videoId, itemIndex) {
		const request = { method: 'DELETE', path: videoPath(videoId), kind: 'read', itemIndex, subject: `Delete video ${videoId}`, videoId } as const;
		const body = (await soraRequest<unknown>(ctx, request)).body;
		// Servers answer a delete with the object, an empty body or a word: the user always gets the id back.
		return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : { id: videoId, deleted: true };
	},

	async createCharacter(ctx, fields, itemIndex) {
		const request = { method: 'POST', path: '/videos/characters', kind: 'create', multipart: fields, itemIndex } as const;
		return (await soraRequest<SoraCharacter>(ctx, request)).body;
	},

	async getCharacter(ctx, characterId, itemIndex) {
		const subject = `Get character ${characterId}`;
		const request = { method: 'GET', path: `/videos/characters/${encodeIdForPath(characterId)}`, kind: 'read', itemIndex, subject } as const;
		return (await soraRequest<SoraCharacter>(ctx, request)).body;
	},

	/** The server's model list, where it offers `GET /models`. */
	async listModels(ctx) {
		const response = await soraRequest<{ data?: Array<{ id: string }> }>(ctx, { method: 'GET', path: '/models', kind: 'read', timeoutMs: 15_000 });
		return Array.isArray(response.body?.data) ? response.body.data : [];
	},
};
