// Runs @openrouter/sdk (ESM only) in a worker thread, outside Jest's CommonJS sandbox, and
// answers requests from openrouter-schemas.ts: parse JSON with one of the SDK's schemas,
// check a create body against the SDK's request schema, or make one SDK call.
import { parentPort } from 'node:worker_threads';
import * as z from 'zod/v4';
import { OpenRouter } from '@openrouter/sdk';
import * as models from '@openrouter/sdk/models';
import * as operations from '@openrouter/sdk/models/operations';

// Error envelopes: {error: <Status>ResponseErrorData, user_id?, openrouter_metadata?}.
const envelope = (data) =>
	z.object({ error: data, user_id: z.nullable(z.string()).optional(), openrouter_metadata: z.nullable(z.record(z.string(), z.any())).optional() });
const ERROR_DATA = {
	400: models.BadRequestResponseErrorData$inboundSchema,
	401: models.UnauthorizedResponseErrorData$inboundSchema,
	402: models.PaymentRequiredResponseErrorData$inboundSchema,
	403: models.ForbiddenResponseErrorData$inboundSchema,
	404: models.NotFoundResponseErrorData$inboundSchema,
	409: models.ConflictResponseErrorData$inboundSchema,
	410: models.GoneResponseErrorData$inboundSchema,
	413: models.PayloadTooLargeResponseErrorData$inboundSchema,
	429: models.TooManyRequestsResponseErrorData$inboundSchema,
	500: models.InternalServerResponseErrorData$inboundSchema,
	502: models.BadGatewayResponseErrorData$inboundSchema,
};
const SCHEMAS = {
	VideoGenerationResponse: models.VideoGenerationResponse$inboundSchema,
	VideoModelsListResponse: models.VideoModelsListResponse$inboundSchema,
	VideoModel: models.VideoModel$inboundSchema,
	VideoGenerationUsage: models.VideoGenerationUsage$inboundSchema,
	GetCurrentKeyResponse: operations.GetCurrentKeyResponse$inboundSchema,
	...Object.fromEntries(Object.entries(ERROR_DATA).map(([status, data]) => [`Error${status}`, envelope(data)])),
};

const issues = (error) => error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);

function parse({ schema, json }) {
	const s = SCHEMAS[schema];
	if (!s) throw new Error(`unknown schema ${schema}; known: ${Object.keys(SCHEMAS).join(', ')}`);
	const r = s.safeParse(json);
	return r.success ? { ok: true, value: r.data, issues: [] } : { ok: false, issues: issues(r.error) };
}

// The SDK's request schema is outbound (camelCase model -> wire JSON). A wire body passes
// when it maps back to a model the schema accepts AND re-serializes to exactly the same
// JSON: a key the schema does not know (e.g. `seconds`) is dropped and so shows up.
const REQUEST_KEYS = {
	aspect_ratio: 'aspectRatio', callback_url: 'callbackUrl', frame_images: 'frameImages', generate_audio: 'generateAudio',
	input_references: 'inputReferences', previous_job_id: 'previousJobId', session_id: 'sessionId', upscale_factor: 'upscaleFactor',
};
const PART_KEYS = { image_url: 'imageUrl', frame_type: 'frameType', video_url: 'videoUrl', audio_url: 'audioUrl' };
// provider.options slugs: derived from the schema itself by serializing each camelCase key.
const SLUGS = Object.fromEntries(
	Object.keys(models.VideoGenerationRequestOptions$outboundSchema.def?.in?.shape ?? models.VideoGenerationRequestOptions$outboundSchema.shape ?? {}).map(
		(camel) => [Object.keys(models.VideoGenerationRequestOptions$outboundSchema.parse({ [camel]: {} }))[0], camel],
	),
);

const rename = (obj, map) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [map[k] ?? k, v]));
const parts = (list) => (Array.isArray(list) ? list.map((p) => (p && typeof p === 'object' ? rename(p, PART_KEYS) : p)) : list);

function toModel(body) {
	const m = rename(body, REQUEST_KEYS);
	if ('frameImages' in m) m.frameImages = parts(m.frameImages);
	if ('inputReferences' in m) m.inputReferences = parts(m.inputReferences);
	if (m.provider && typeof m.provider === 'object' && m.provider.options && typeof m.provider.options === 'object') {
		m.provider = { ...m.provider, options: rename(m.provider.options, SLUGS) };
	}
	return m;
}

const canonical = (v) =>
	Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;

function validateRequest({ body }) {
	const r = models.VideoGenerationRequest$outboundSchema.safeParse(toModel(body));
	if (!r.success) return { ok: false, issues: issues(r.error) };
	const same = JSON.stringify(canonical(r.data)) === JSON.stringify(canonical(body));
	if (same) return { ok: true, issues: [] };
	const dropped = Object.keys(body).filter((k) => !(k in r.data));
	return { ok: false, issues: dropped.length ? dropped.map((k) => `${k}: not in the SDK's request schema`) : ['body changes when re-serialized by the SDK schema'] };
}

// One SDK call against a server; errors come back as plain data (name, status, body).
async function sdk({ serverURL, apiKey, method, request }) {
	const client = new OpenRouter({ apiKey, serverURL, retryConfig: { strategy: 'none' } });
	try {
		const value = await client.videoGeneration[method](request);
		if (value instanceof ReadableStream) return { ok: true, bytes: Buffer.from(await new Response(value).arrayBuffer()).toString('base64') };
		return { ok: true, value: JSON.parse(JSON.stringify(value)) };
	} catch (e) {
		return { ok: false, error: { name: e.name, message: e.message, statusCode: e.statusCode ?? null, body: e.body ?? null, data: e.data$ ? JSON.parse(JSON.stringify(e.data$)) : null } };
	}
}

const OPS = { parse, validateRequest, sdk };
parentPort.on('message', async ({ id, op, args }) => {
	try {
		parentPort.postMessage({ id, result: await OPS[op](args) });
	} catch (e) {
		parentPort.postMessage({ id, failure: e.stack || String(e) });
	}
});
