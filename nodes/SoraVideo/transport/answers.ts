/**
 * Job answers through the neutral model: create, get and poll answers are read by
 * model/job.ts before anyone else sees them. A poll tries once and reports a transient fault
 * instead of retrying, so that the wait loop paces itself against Max Wait alone.
 */
import { NodeOperationError } from 'n8n-workflow';

import { acceptedMayHaveStarted, plainErrorText, redact } from './errors';
import { readJob } from './model/job';
import type { JobContext, VideoJob } from './model/job';
import { serverWords } from './model/errorText';
import { outputStateOf } from './model/status';
import { headerValue, retryAfterMs } from './model/pollPolicy';
import { holdGate } from './pacing';
import { soraAttempt } from './request';
import { isTransientNetworkCode } from './retry';
import type { SoraContext, SoraRequest, SoraResponse, VideoObject, VideoResponse } from './types';

function pollAfterMs(headers: Record<string, unknown>): number | undefined {
	const value = Number(headerValue(headers, 'openai-poll-after-ms'));
	return headerValue(headers, 'openai-poll-after-ms') !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The object the user gets: the server's own, with the id the job is known by and its output state. */
export function outputOf(job: VideoJob): VideoObject {
	return { ...job.raw, id: job.id, state: outputStateOf(job.status, job.state) } as VideoObject;
}

export function asVideoResponse(job: VideoJob, headers: Record<string, unknown> = {}): VideoResponse {
	return { job, video: outputOf(job), pollAfterMs: pollAfterMs(headers) };
}

/** Reads a create or get answer; one that holds no job is an error naming what came. */
export function readVideoAnswer(
	ctx: SoraContext,
	response: SoraResponse<unknown>,
	request: Pick<SoraRequest, 'itemIndex' | 'subject'> & { context: JobContext; expectedId?: string },
): VideoResponse {
	const reading = readJob(response.body, { context: request.context, expectedId: request.expectedId });
	if (reading.ok) return asVideoResponse(reading.job, response.headers);
	const started = request.context === 'create';
	throw new NodeOperationError(
		ctx.getNode(),
		`The Sora API answered ${request.subject ?? (started ? 'Create video' : 'the request')} with ${reading.reason}`,
		{ itemIndex: request.itemIndex, description: started ? acceptedMayHaveStarted() : 'Try again; if it persists, the Base URL may point at something else than a Videos API.' },
	);
}

/** A status check that did not give a job state: worth waiting out while Max Wait allows. */
export interface PollFault {
	ok: false;
	reason: string;
	retryAfter?: string;
	retryAfterMs?: string;
	/** The request failed in a way no list knows (a TypeError, a bad URL): not waited out for long. */
	unclassified?: boolean;
}

export type PollResult = ({ ok: true } & VideoResponse) | PollFault;

/** Statuses a poll waits out: throttling, timeouts and every server or gateway failure. */
function isTransientStatus(status: number): boolean {
	return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * One status check of the job `videoId` at `path`, never replacing that id. Permanent refusals
 * throw. `shape` makes the user's object from the job read (a dialect with its own body shape
 * passes its own).
 */
export async function pollVideo(
	ctx: SoraContext,
	videoId: string,
	path: string,
	itemIndex?: number,
	shape: (job: VideoJob, headers: Record<string, unknown>) => VideoResponse = asVideoResponse,
): Promise<PollResult> {
	const request: SoraRequest = { method: 'GET', path, kind: 'read', itemIndex, subject: `status check of video ${videoId}`, videoId };
	const { attempt, error, secrets } = await soraAttempt(ctx, request);
	if (!('response' in attempt)) {
		if (isTransientNetworkCode(attempt.networkCode)) {
			return { ok: false, reason: plainErrorText(`no answer (${attempt.networkCode})`) };
		}
		if (attempt.networkCode === 'UNKNOWN') {
			const message = redact(String((attempt.error as Error)?.message ?? attempt.error), secrets);
			return { ok: false, reason: plainErrorText(message || 'an unexplained failure'), unclassified: true };
		}
		throw await error();
	}
	const { statusCode, headers, body } = attempt.response;
	if (statusCode >= 200 && statusCode < 300) {
		const reading = readJob(body, { context: 'poll', expectedId: videoId });
		if (!reading.ok) return { ok: false, reason: reading.reason };
		return { ok: true, ...shape(reading.job, headers) };
	}
	if (!isTransientStatus(statusCode)) throw await error();
	const words = serverWords(body, { redact: (text) => redact(text, secrets), maxLength: 160 });
	const fault: PollFault = { ok: false, reason: `HTTP ${statusCode}${words ? ` (${words})` : ''}` };
	fault.retryAfter = headerValue(headers, 'retry-after');
	fault.retryAfterMs = headerValue(headers, 'retry-after-ms');
	// The batch slows down together, as for any 429.
	if (statusCode === 429) holdGate(ctx, retryAfterMs(fault.retryAfter, fault.retryAfterMs) ?? 1000);
	return fault;
}
