// Types of the emulator's programmatic API (index.js), for the TypeScript test suites.
// The emulator itself stays plain CommonJS with no build step; this file only describes it.
// A new option goes into EmulatorOptions (and DEFAULTS in server.js); a new fault type into
// Fault; a new handle method into RunningEmulator.

export type ProfileName = 'openai' | 'azure' | 'gateway' | 'litellm' | 'openrouter';

/** How new video ids look (see ids.js); null = the profile's. */
// `string & {}` keeps the known names suggested while tests may loop over any word (unknown ones are refused at run time).
export type IdStyle = 'openai' | 'litellm' | 'litellm-unpadded' | 'reseller' | (string & {});

/** Options of startEmulator() and setOptions(); every one optional (defaults in DEFAULTS). */
export interface EmulatorOptions {
	/** Server flavour: base path, key header, strictness ('openai'). */
	profile?: ProfileName;
	/** Id style of new videos; null = the profile's. */
	idStyle?: IdStyle | null;
	/** Job time from queued to completed, in ms (3000). */
	durationMs?: number;
	/** Time spent queued, in ms; null = 10 % of durationMs. */
	queuedMs?: number | null;
	/** Value of the openai-poll-after-ms header; null = no header (1000). */
	pollAfterMs?: number | null;
	/** Prompts containing one of these end failed / moderation_blocked (['FAIL_MODERATION']). */
	failPrompts?: string | string[];
	/** Pad every MP4 to exactly this many bytes; null = natural size. */
	mp4Bytes?: number | null;
	/** Accept any WxH size in the strict profiles. */
	acceptAnySize?: boolean;
	/** Accept any seconds value in the strict profiles. */
	acceptAnySeconds?: boolean;
	/** Where to deliver signed video.completed / video.failed events; null = none. The openrouter
	 * profile takes url: null with a secret (jobs name their own callback_url). */
	webhook?: WebhookTarget | null;
	/** Waits (ms) before each retry of an event the receiver did not take (no answer, timeout,
	 * 408, 429, 5xx); null = [500, 1000, 2000, 4000, 8000, 16000]; [] = no retries. */
	webhookRetryMs?: number[] | null;
	/** Ceiling of one delivery attempt in ms (30000). */
	webhookTimeoutMs?: number;
	/** openrouter profile: polling_url absolute (default) or relative. */
	pollingUrlStyle?: 'absolute' | 'relative';
	/** openrouter profile: pricing_skus named as the docs' example (`per-video-second-1080p`, default) or as the live catalog (`duration_seconds_with_audio_1080p`...). */
	pricingStyle?: 'docs' | 'live';
	/** openrouter profile: the credit limit GET /key reports (USD); null = no limit. */
	keyLimitUsd?: number | null;
	/** expires_at = completed_at + this many seconds; may be fractional (3600). */
	assetTtlSec?: number;
	/** The one accepted API key ('sk-emulator-test-key'). */
	apiKey?: string;
	/** Listen port; 0 = a free one (0). */
	port?: number;
	/** Listen address ('127.0.0.1'). */
	host?: string;
	/** No console output (true programmatically, false from the CLI). */
	quiet?: boolean;
}

export interface WebhookTarget {
	url: string | null;
	/** whsec_... Standard Webhooks signing secret (openrouter profile: its signing secret; null = unsigned). */
	secret: string | null;
}

/** Every option with its value: what DEFAULTS holds and options() returns. */
export type ResolvedOptions = Required<Omit<EmulatorOptions, 'failPrompts'>> & { failPrompts: string[] };

/** What the request log and fault matching call a request (see routes.js). */
export type RequestKind =
	| 'create'
	| 'remix'
	| 'edit'
	| 'extend'
	| 'get'
	| 'list'
	| 'key'
	| 'delete'
	| 'content'
	| 'character.create'
	| 'character.get'
	| 'models'
	| 'storage'
	/** The second host (another origin) behind contentUrl / contentRedirect. */
	| 'fileHost'
	| 'unknown';

export type ContentVariant = 'video' | 'thumbnail' | 'spritesheet';

/** One request as the emulator logged it (headers lowercased, credentials REDACTED). */
export interface RequestLogEntry {
	method: string;
	/** Full path, e.g. /v1/videos/video_.../content. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	/** Date.now() when the request arrived. */
	at: number;
	kind: RequestKind;
	/** Absent when the request never reached the key check (a fault answered first). */
	authOk?: boolean;
	/** Absent when the socket was destroyed without an answer. */
	status?: number;
	/** The type of the fault that fired on this request. */
	fault?: Fault['type'];
	/** Body fields as read (long strings cut; files as {filename, contentType, size}). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever JSON the client sent
	body?: Record<string, any>;
	/** How the body was sent. */
	format?: 'json' | 'multipart' | 'urlencoded' | 'none' | string;
	/** The body bytes as received, base64 (the emulator logs null above 256 KiB; tests send less). */
	rawBody?: string;
	/** fileHost entries: whether an Authorization or api-key header arrived there. */
	authSeen?: boolean;
	/** fileHost entries: whether the API key itself arrived in any header. */
	keySeen?: boolean;
}

/** The contract's Video object (sparse profiles drop some keys and use other status words). */
export interface Video {
	id: string;
	object: 'video';
	model: string;
	status: 'queued' | 'in_progress' | 'completed' | 'failed' | string;
	progress: number;
	created_at: number;
	completed_at: number | null;
	expires_at: number | null;
	prompt: string;
	size: string;
	seconds: string;
	remixed_from_video_id: string | null;
	error: { code: string; message: string } | null;
}

export interface Character {
	id: string;
	name: string;
	created_at: number;
}

/** One webhook POST the emulator made (one attempt): status when answered, error when not. */
export interface WebhookDelivery {
	eventId: string;
	webhookId: string;
	videoId: string;
	type: string;
	url: string;
	at: number;
	status?: number;
	/** Milliseconds from sending to the answer (absent when the delivery failed). */
	ms?: number;
	error?: string;
	/** 1 for the first attempt at this event, 2 for its first retry, ... */
	attempt: number;
	/** No attempt at this event follows: it was taken, refused, sent by hand, or the retries ran out. */
	final: boolean;
}

/** Which requests a fault rule fires on; every key optional (none = every request). */
export interface FaultMatch {
	kind?: RequestKind | RequestKind[];
	method?: string;
	/** Full path or the part after the base prefix; `*` is a wildcard. */
	path?: string;
	variant?: ContentVariant | ContentVariant[];
}

/** Error and malformed body shapes (see the emulator README). */
export type BodyShape = 'openai' | 'detail' | 'validation' | 'errors' | 'message' | 'errorString' | 'text' | 'html' | 'empty' | 'truncatedJson' | 'null' | 'array' | (string & {});

/** How an error answer's body looks: a named shape, or a raw body with its type. */
interface ErrorBodyChoice {
	shape?: BodyShape;
	body?: string | object;
	contentType?: string;
}

/** Keys of the rewrite fault (all optional, combined; see "Dialects" in the README). */
export interface Rewrite {
	statusMap?: Record<string, string>;
	set?: Record<string, unknown>;
	unset?: string[];
	rename?: Record<string, string>;
	error?: 'string' | 'absent' | 'null' | (string & {});
	timestamps?: 'ms';
	wrap?: 'data';
	whenStatus?: string | string[];
	httpStatus?: number;
	headers?: Record<string, string | null>;
}

/** What an injected error answer may carry: wait hints (headers) and the error's message and code. */
export interface ErrorFaultFields {
	retryAfter?: number | string;
	retryAfterMs?: number | string;
	message?: string;
	code?: string;
}

export type Fault =
	| ({ type: 'status'; status: number } & ErrorFaultFields & ErrorBodyChoice)
	| { type: 'reset' }
	| { type: 'delay'; ms: number }
	| { type: 'resetAfterCreate' }
	| ({ type: 'statusAfterCreate'; status?: number } & ErrorFaultFields & ErrorBodyChoice)
	| { type: 'truncate'; bytes?: number }
	| { type: 'slow'; bytesPerSec: number }
	| { type: 'notReady' }
	| { type: 'expired' }
	| ({ type: 'body'; status?: number; message?: string } & ErrorBodyChoice)
	| ({ type: 'rewrite' } & Rewrite)
	| { type: 'contentUrl'; key?: string; hostname?: string; status?: number; rejectAuth?: boolean }
	| { type: 'contentRedirect'; status?: number; hostname?: string; rejectAuth?: boolean }
	| { type: 'contentType'; contentType: string }
	| { type: 'ignoreVariant'; contentType?: string }
	| { type: 'contentLag'; ms: number; status?: number; shape?: BodyShape }
	| { type: 'ignoreAfter' };

/** A fault rule: the first rule whose match fits fires; times counts down (absent = forever). */
export interface FaultRule {
	match?: FaultMatch;
	times?: number | null;
	fault: Fault;
}

/** The handle startEmulator() resolves to. */
export interface RunningEmulator {
	/** http://127.0.0.1:PORT/v1 (azure: .../openai/v1). */
	readonly baseUrl: string;
	readonly apiKey: string;
	readonly port: number;
	/** http://127.0.0.1:PORT */
	readonly origin: string;
	/** A copy of the current options. */
	readonly options: ResolvedOptions;
	close(): Promise<void>;
	/** Video objects in creation order, deleted ones excluded. */
	jobs(): Video[];
	/** A copy of the request log. */
	requests(): RequestLogEntry[];
	/** Replaces the fault rules (null or [] clears). */
	setFaults(rules: FaultRule | FaultRule[] | null): void;
	addFault(rule: FaultRule): void;
	/** The fault rules left (times null = forever). */
	faults(): Array<Required<FaultRule>>;
	/** Changes options; job timing applies to jobs created afterwards. */
	setOptions(partial: EmulatorOptions): void;
	/** Drops jobs, characters, logs and faults; cancels pending events, their retries and deliveries in flight. */
	reset(): void;
	/** Delivers an event now, one attempt (type defaults from the job state; a running job throws); needs options.webhook. */
	sendWebhook(videoId: string, type?: string): Promise<WebhookDelivery>;
	webhookDeliveries(): WebhookDelivery[];
	characters(): Character[];
	/** The server object itself (server.js), for debugging only. */
	readonly emulator: unknown;
}

export function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator>;

/** Standard Webhooks signature: `v1,` + base64(HMAC-SHA256(secret, `${id}.${timestamp}.${body}`)). */
export function signWebhook(secret: string, id: string, timestamp: number | string, body: string): string;

export const DEFAULTS: Readonly<ResolvedOptions>;
