// Types of the emulator's programmatic API (index.js), for the TypeScript test suites.
// The emulator itself stays plain CommonJS with no build step; this file only describes it.
// A new option goes into EmulatorOptions (and DEFAULTS in server.js); a new fault type into
// Fault; a new handle method into RunningEmulator.

export type ProfileName = 'openai' | 'azure' | 'gateway';

/** Options of startEmulator() and setOptions(); every one optional (defaults in DEFAULTS). */
export interface EmulatorOptions {
	/** Server flavour: base path, key header, strictness ('openai'). */
	profile?: ProfileName;
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
	/** Where to deliver signed video.completed / video.failed events; null = none. */
	webhook?: WebhookTarget | null;
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
	url: string;
	/** whsec_... Standard Webhooks signing secret. */
	secret: string;
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
	| 'delete'
	| 'content'
	| 'character.create'
	| 'character.get'
	| 'models'
	| 'storage'
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
	format?: 'json' | 'multipart' | string;
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

/** One webhook POST the emulator made: status when answered, error when not. */
export interface WebhookDelivery {
	eventId: string;
	webhookId: string;
	videoId: string;
	type: string;
	url: string;
	at: number;
	status?: number;
	error?: string;
}

/** Which requests a fault rule fires on; every key optional (none = every request). */
export interface FaultMatch {
	kind?: RequestKind | RequestKind[];
	method?: string;
	/** Full path or the part after the base prefix; `*` is a wildcard. */
	path?: string;
	variant?: ContentVariant | ContentVariant[];
}

/** What an injected error answer may carry: wait hints (headers) and the error's message and code. */
export interface ErrorFaultFields {
	retryAfter?: number | string;
	retryAfterMs?: number | string;
	message?: string;
	code?: string;
}

export type Fault =
	| ({ type: 'status'; status: number } & ErrorFaultFields)
	| { type: 'reset' }
	| { type: 'delay'; ms: number }
	| { type: 'resetAfterCreate' }
	| ({ type: 'statusAfterCreate'; status?: number } & ErrorFaultFields)
	| { type: 'truncate'; bytes?: number }
	| { type: 'notReady' }
	| { type: 'expired' };

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
	/** Drops jobs, characters, logs, faults and pending webhook timers. */
	reset(): void;
	/** Delivers an event now (type defaults from the job state); needs options.webhook. */
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
