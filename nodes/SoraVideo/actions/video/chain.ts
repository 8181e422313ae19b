/**
 * Runs a planned long-video chain: each segment is started once (Create, then Extend of the
 * segment before), waited for with the one wait loop, and recorded the moment it has an id, so
 * that a failure anywhere hands over every id and says where to resume. The last segment, the
 * server's stitched video, is downloaded like any finished job.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sumUsd } from '../../helpers/cost';
import { downloadFinishedVideo, jobError, reportProgress, waitForVideo } from '../../jobs';
import type { WaitPlan } from '../../jobs';
import { getVideo, plainErrorText, stateOf } from '../../transport';
import type { ModelCapabilities, VideoObject, VideoResponse } from '../../transport';
import { startJob } from './generate';
import type { GenerateRequest } from './generate';
import type { PricedRequest } from './spend';

/** One segment of the plan: the first clip (create) or a continuation of the segment before. */
export interface PlannedSegment {
	kind: 'create' | 'extend';
	seconds: string;
	prompt: string;
	estimatedCostUsd?: number;
}

/** The whole chain, planned, checked and priced in prepare. */
export interface ChainRequest extends PricedRequest {
	model: string;
	size: string;
	published?: ModelCapabilities;
	targetSeconds: number;
	/** A finished video an earlier run left: the chain continues from it instead of creating a clip. */
	resumeFrom?: { id: string; seconds: number };
	segments: PlannedSegment[];
	/** Poll Interval, Max Wait (per segment) and the files to download from the last one. */
	wait: WaitPlan;
}

/** What the output says of each segment; kept from the moment the segment has an id. */
interface SegmentRecord extends IDataObject {
	segment: number;
	id: string;
	/** Seconds this segment adds. */
	seconds: number;
	/** The stitched length once it finished. */
	totalSeconds?: number;
	status: string;
	estimatedCostUsd?: number;
	costUsd?: number;
}

interface ChainState {
	request: ChainRequest;
	segments: SegmentRecord[];
	/** The last finished video: the last segment that completed, or the resumed one. */
	finished?: { id: string; seconds: number };
}

function generateRequest(request: ChainRequest, planned: PlannedSegment, sourceId: string | undefined): GenerateRequest {
	const { model, size, published } = request;
	if (planned.kind === 'create') return { endpoint: 'create', fields: { prompt: planned.prompt, model, seconds: planned.seconds, size }, published, wait: request.wait };
	return { endpoint: 'extend', fields: { prompt: planned.prompt, seconds: planned.seconds, model, video: { id: sourceId as string } }, wait: request.wait };
}

export async function runChain(ctx: IExecuteFunctions, request: ChainRequest, itemIndex: number): Promise<INodeExecutionData> {
	const state: ChainState = { request, segments: [], finished: request.resumeFrom };
	const count = request.segments.length;
	let last: VideoObject | undefined;
	for (const [index, planned] of request.segments.entries()) {
		const label = `long video, segment ${index + 1} of ${count}`;
		let started: VideoResponse;
		try {
			started = await startJob(ctx, generateRequest(request, planned, state.finished?.id), itemIndex);
		} catch (error) {
			// The request's own advice (a create that may have started on the server) is kept.
			const advice = (error as { description?: string | null }).description ?? undefined;
			throw chainError(ctx, itemIndex, state, index + 1, undefined, `it could not be started: ${plainErrorText((error as Error).message)}`, advice);
		}
		const record: SegmentRecord = { segment: index + 1, id: started.job.id, seconds: Number(planned.seconds), status: started.video.status };
		if (planned.estimatedCostUsd !== undefined) record.estimatedCostUsd = planned.estimatedCostUsd;
		state.segments.push(record);
		reportProgress(ctx, `${label}: started ${record.id} (${planned.seconds} s)`);
		let done: VideoResponse;
		try {
			done = await waitForVideo(ctx, started, { ...request.wait, progressLabel: label }, itemIndex);
		} catch (error) {
			const video = (error as { video?: VideoObject }).video;
			if (video?.status) record.status = video.status;
			throw chainError(ctx, itemIndex, state, index + 1, video ?? started.video, plainErrorText((error as Error).message));
		}
		const totalSeconds = (state.finished?.seconds ?? 0) + record.seconds;
		Object.assign(record, { status: done.video.status, totalSeconds });
		if (done.job.costUsd !== undefined) record.costUsd = done.job.costUsd;
		state.finished = { id: record.id, seconds: totalSeconds };
		last = done.video;
		reportProgress(ctx, `${label}: completed ${record.id}, ${totalSeconds} of ${request.targetSeconds} s`);
	}
	// A resumed chain that had already reached its target has nothing to start: its video is the result.
	last ??= (await getVideo(ctx, state.finished!.id, itemIndex)).video;
	let item: INodeExecutionData;
	try {
		item = await downloadFinishedVideo(ctx, last, itemIndex, request.wait.variants);
	} catch (error) {
		throw chainError(ctx, itemIndex, state, count, last, plainErrorText((error as Error).message));
	}
	return { ...item, json: outputOf(item.json as VideoObject, state) };
}

/** The stitched video's object with the chain: segments, lengths and costs. */
function outputOf(video: VideoObject, state: ChainState): IDataObject {
	const { request, segments, finished } = state;
	const total = finished!.seconds;
	const out: IDataObject = { ...video, seconds: String(total), targetSeconds: request.targetSeconds, segments };
	// The contract's `seconds` of a continuation is the stitched total; a server that says otherwise is named, not hidden.
	const reported = Number(video.seconds);
	if (video.seconds !== undefined && Number.isFinite(reported) && reported !== total && reported !== segments.at(-1)?.seconds) {
		out.warnings = [...((video.warnings as string[]) ?? []), `The server reports ${reported} s for video ${video.id}; the segments add up to ${total} s`];
	}
	if (request.resumeFrom) out.resumedFrom = { ...request.resumeFrom };
	// Unlike Create, always shown: `segments` carry each estimate, so the item carries their sum.
	if (request.estimatedCostUsd !== undefined) out.estimatedCostUsd = request.estimatedCostUsd;
	const costs = segments.map((s) => s.costUsd);
	if (segments.length && costs.every((usd) => usd !== undefined)) out.costUsd = sumUsd(costs as number[]);
	return out;
}

/**
 * The error of a chain that stopped: it keeps every segment's id, names the last finished one
 * and says how to resume (this operation, Resume From Video ID = that id, the same target).
 */
function chainError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	state: ChainState,
	segment: number,
	current: VideoObject | undefined,
	cause: string,
	advice?: string,
) {
	const { request, segments, finished } = state;
	const ids = segments.map((s) => `${s.segment}: ${s.id} (${s.seconds} s, ${s.status})`).join('; ');
	const lastFinished = [...segments].reverse().find((s) => s.totalSeconds !== undefined);
	const where = lastFinished
		? `Last finished segment: ${lastFinished.segment} (${lastFinished.id}, ${lastFinished.totalSeconds} s).`
		: finished
			? `No segment of this run finished; the video resumed from is ${finished.id} (${finished.seconds} s).`
			: 'No segment finished.';
	const message = `Long video stopped at segment ${segment} of ${request.segments.length}: ${cause}. ${where}`;
	const resume = finished
		? `Resume with Create Long Video: Resume From Video ID ${finished.id}, Resume From Length ${finished.seconds} (servers that do not report it need it), the same Target Length ${request.targetSeconds}.`
		: 'Nothing was finished to resume from: run it again.';
	const running = current?.id && stateOf(current.status) === 'running' && current.id !== finished?.id ? current.id : undefined;
	const stillRunning = running
		? ` Video ${running} may still be running on the server: when it completes, resume from it instead (Resume From Length ${(finished?.seconds ?? 0) + (segments.at(-1)?.seconds ?? 0)}).`
		: '';
	const description = [advice, `${resume}${stillRunning}`, ids ? `Segments: ${ids}.` : ''].filter(Boolean).join(' ');
	const base = current ?? (finished ? { id: finished.id, status: 'completed' } : undefined);
	if (!base) return new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	const video: VideoObject = {
		...base,
		segments,
		targetSeconds: request.targetSeconds,
		...(finished ? { resumeFromVideoId: finished.id, resumeFromSeconds: finished.seconds } : {}),
	};
	return jobError(ctx, video, itemIndex, message, description);
}
