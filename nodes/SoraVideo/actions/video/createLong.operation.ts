/**
 * Create Long Video: a first clip, then continuations of it until the stitched total reaches
 * the Target Length. The whole chain is planned, checked and priced here, before the first paid
 * request; chain.ts runs it with the same start, wait and download code as Create and Extend.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { modelField, promptField, secondsFields, sizeFields, videoOutputField } from '../../descriptions/fields';
import { concurrencyProperty, earlierConcurrencyOption, optionsCollection, strictValidationOption, waitOptions } from '../../descriptions/options';
import { checkCapabilities, requireListed } from '../../helpers/capabilities';
import { planChain } from '../../helpers/chain';
import { sumUsd } from '../../helpers/cost';
import { readModel, readSeconds, readSize, readStrict, readWaitMode, readWaitSettings } from '../../helpers/parameters';
import { InputError, checkId, checkPrompt, checkSoraRules } from '../../helpers/validation';
import { continuationLimits, getVideo, publishedModels } from '../../transport';
import type { ModelCapabilities } from '../../transport';
import type { ChainRequest, PlannedSegment } from './chain';
import { runChain } from './chain';
import { estimateFor, spendOptions } from './spend';

export { checkBatch } from './spend';

const properties: INodeProperties[] = [
	promptField('What the video shows. Every continuation uses it too, unless Extension Prompts gives it one of its own.'),
	{
		displayName: 'Extension Prompts',
		name: 'extensionPrompts',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		placeholder: 'e.g. {{ $json.scenes }} or one prompt per line',
		description:
			'Optional: one prompt per continuation, in order (an array from an expression, or one per line). A continuation without one uses Prompt.',
	},
	modelField,
	...sizeFields('sizes', 'model', '720x1280'),
	...secondsFields('durations', 'model', '12', 'Length of the first clip (continuations add to it): the durations the model publishes, else Sora\'s 4, 8 and 12.').map((field) =>
		field.name === 'seconds' ? { ...field, displayName: 'First Clip Seconds' } : field,
	),
	{
		displayName: 'Target Length (Seconds)',
		name: 'targetSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		required: true,
		description:
			"Length of the finished video. The first clip is continued until the stitched total reaches it, within the server's limits (OpenAI's API: up to 20 s per continuation, 6 continuations, 120 s in all).",
	},
	{
		displayName: 'Resume From Video ID',
		name: 'resumeFromVideoId',
		type: 'string',
		default: '',
		placeholder: 'video_123',
		description:
			'Continue an earlier chain from this finished video instead of creating a first clip: the ID a failed run named as its last finished segment. Keep the same Target Length.',
	},
	{
		displayName: 'Resume From Length (Seconds)',
		name: 'resumeFromSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'Length of the video named in Resume From Video ID. 0: as the server reports it. Servers that do not report it (OpenRouter) need the length the failed run named.',
	},
	videoOutputField,
	concurrencyProperty,
	// A chain always waits (each continuation needs the segment before it), so the wait options always act.
	optionsCollection([...waitOptions(false), strictValidationOption, ...spendOptions, earlierConcurrencyOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['video'], operation: ['createLong'] } }, properties);

/** Extension Prompts: an array (from an expression) or one prompt per line; each checked like Prompt. */
function readExtensionPrompts(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('extensionPrompts', itemIndex, '') as unknown;
	const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\r?\n/).filter((line) => line.trim()) : [raw];
	return list.map((prompt, index) => checkPrompt(prompt, `Extension Prompts (entry ${index + 1})`));
}

function readTarget(ctx: IExecuteFunctions, itemIndex: number): number {
	const target = Number(ctx.getNodeParameter('targetSeconds', itemIndex));
	if (!Number.isInteger(target) || target <= 0) throw new InputError('Target Length (Seconds)', `must be a whole number of seconds (got ${target})`);
	return target;
}

/** A gateway may name a model with its provider's prefix: openai/sora-2 is sora-2. */
const sameModel = (a: string, b: string) => a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);

/** The finished video a resumed chain continues from, its length and its model (reads are free). */
async function readResume(ctx: IExecuteFunctions, itemIndex: number, model: string) {
	const raw = String(ctx.getNodeParameter('resumeFromVideoId', itemIndex, '') ?? '').trim();
	if (!raw) return undefined;
	const id = checkId(raw, 'Resume From Video ID');
	const { job, video } = await getVideo(ctx, id, itemIndex);
	if (job.state !== 'completed') {
		throw new InputError('Resume From Video ID', `video ${id} is ${job.status || 'not finished'}; a chain resumes from a completed video (wait for it, or resume from the segment before it)`);
	}
	if (video.model && !sameModel(video.model, model)) {
		throw new InputError('Model', `video ${id} was made by ${video.model}; a chain continues with the model that made it`);
	}
	const typed = Number(ctx.getNodeParameter('resumeFromSeconds', itemIndex, 0));
	const seconds = typed > 0 ? typed : Number(video.seconds);
	if (!Number.isInteger(seconds) || seconds <= 0) {
		throw new InputError('Resume From Length (Seconds)', `the server does not report how long video ${id} is; set the length the failed run named`);
	}
	return { id, seconds, model: video.model };
}

/** Reads, plans, checks and prices the whole chain before anything is sent: a bad item costs nothing. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<ChainRequest> {
	await readWaitMode(this, itemIndex);
	const prompt = checkPrompt(this.getNodeParameter('prompt', itemIndex));
	const extensionPrompts = readExtensionPrompts(this, itemIndex);
	const model = readModel(this, itemIndex);
	const size = readSize(this, itemIndex);
	const firstSeconds = readSeconds(this, itemIndex);
	const targetSeconds = readTarget(this, itemIndex);
	const models = await publishedModels(this, itemIndex);
	const published: ModelCapabilities | undefined = models && requireListed(models, model);
	const resume = await readResume(this, itemIndex, model);
	// A resumed chain makes no first clip: its First Clip Seconds is not checked.
	const clipSeconds = resume ? undefined : firstSeconds;
	if (await readStrict(this, itemIndex)) checkSoraRules({ model, size, seconds: clipSeconds });
	if (published) checkCapabilities(published, { model, seconds: clipSeconds, size, continuation: true });
	const startSeconds = resume ? resume.seconds : Number(firstSeconds);
	if (!resume && targetSeconds < startSeconds) {
		throw new InputError('Target Length (Seconds)', `${targetSeconds} s is shorter than the first clip (First Clip Seconds: ${firstSeconds})`);
	}
	const steps = planChain({ startSeconds, targetSeconds }, await continuationLimits(this, published));
	if (extensionPrompts.length > steps.length) {
		throw new InputError(
			'Extension Prompts',
			`${extensionPrompts.length} prompts given, but the plan has ${steps.length} continuation(s) (${steps.join(' + ') || 'none'} s after ${startSeconds} s)`,
		);
	}
	const pricedModel = resume?.model ?? model;
	const planned: Array<Omit<PlannedSegment, 'estimatedCostUsd'>> = [
		...(resume ? [] : [{ kind: 'create' as const, seconds: firstSeconds, prompt }]),
		...steps.map((seconds, index) => ({ kind: 'extend' as const, seconds: String(seconds), prompt: extensionPrompts[index] ?? prompt })),
	];
	// Each segment is a job of its own seconds at the chain's size; continuations at continuation prices where a model has them.
	const estimates = planned.map(({ kind, seconds }) =>
		estimateFor(this, itemIndex, { model: pricedModel, seconds, size, continuation: kind === 'extend', ...(kind === 'create' ? { input: 'text' as const } : {}) }, published),
	);
	const segments: PlannedSegment[] = planned.map((segment, index) => ({ ...segment, estimatedCostUsd: estimates[index].estimatedCostUsd }));
	const costs = segments.map((segment) => segment.estimatedCostUsd);
	const total = costs.every((usd) => usd !== undefined) ? sumUsd(costs as number[]) : undefined;
	return {
		model,
		size,
		published,
		targetSeconds,
		resumeFrom: resume && { id: resume.id, seconds: resume.seconds },
		segments,
		wait: readWaitSettings(this, itemIndex),
		estimatedCostUsd: total,
		costUnknownWhy: estimates.find((estimate) => estimate.costUnknownWhy)?.costUnknownWhy,
		pricedModel,
		jobs: segments.length,
	};
}

export async function execute(this: IExecuteFunctions, itemIndex: number, request: ChainRequest): Promise<INodeExecutionData[]> {
	return [await runChain(this, request, itemIndex)];
}
