/**
 * The shapes the transport takes and returns. They live here, at the bottom layer, so that
 * nothing below the operations has to import from helpers/.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { VideoJob } from './model/job';
import type { OutputState } from './model/status';
import type { RequestKind } from './retry';

export type SoraContext = IExecuteFunctions | IWebhookFunctions | ILoadOptionsFunctions;

export interface SoraCredentials {
	apiKey: string;
	baseUrl: string;
	authType?: 'bearer' | 'apiKeyHeader';
	organizationId?: string;
	projectId?: string;
	extraHeaders?: string;
	webhookSecret?: string;
	/** auto, or the id of a registered dialect: see dialects/index.ts. */
	dialect?: string;
}

/** The Video object the user gets (not the node: that is the SoraVideo class). Compatible servers may omit optional keys, so only id and status are relied on. */
export interface VideoObject extends IDataObject {
	id: string;
	object?: string;
	model?: string;
	status: string;
	/** The output state: one of four words whatever the server's status word (kept in status). */
	state?: OutputState;
	progress?: number;
	created_at?: number;
	completed_at?: number | null;
	expires_at?: number | null;
	prompt?: string | null;
	size?: string;
	seconds?: string;
	remixed_from_video_id?: string | null;
	error?: { code?: string; message?: string } | null;
}

export interface SoraCharacter extends IDataObject {
	id: string | null;
	name: string | null;
	created_at: number;
}

export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';

/** A file to upload in a multipart body, held in memory. */
export interface UploadFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** A file in n8n's binary store (filesystem or S3 mode), streamed into the upload, never read whole. */
export interface StreamedUpload {
	fileName: string;
	mimeType: string;
	/** Its exact size: the request's Content-Length is computed from it. */
	bytes: number;
	/** A fresh stream of the file, from its first byte; called when the part is sent (once per attempt). */
	open(): Promise<AsyncIterable<Uint8Array>>;
}

/** A file from an input item, as the operations pass it to the transport. */
export type InputFile = UploadFile | StreamedUpload;

/** A value of a request field: text, a file, or a nested object (bracket keys when sent as multipart). */
export type FieldValue = string | number | InputFile | { [key: string]: FieldValue | undefined };

/**
 * The neutral request of a generating operation, in the API's field names. It goes out as JSON
 * unless it holds a file (then multipart); a dialect may rewrite it into a body of its own.
 */
export type JobFields = Record<string, FieldValue | undefined>;

export interface SoraResponse<T> {
	body: T;
	headers: Record<string, unknown>;
	statusCode: number;
}

/** One call to the API, as the endpoint functions describe it to `soraRequest`. */
export interface SoraRequest {
	method: IHttpRequestMethods;
	path: string;
	kind: RequestKind;
	qs?: IDataObject;
	json?: IDataObject;
	multipart?: JobFields;
	stream?: boolean;
	timeoutMs?: number;
	itemIndex?: number;
	/** What the request is about, e.g. "video video_123", so every error names it. */
	subject?: string;
	/** The video the request is about, kept on its error (Continue On Fail items carry it). */
	videoId?: string;
	/** For a create: where the user finds a job that may have started (errors.ts has the default). */
	findStartedJob?: string;
}

/** A job as the neutral model read it, the object the user gets, and the server's hint for when to ask again. */
export interface VideoResponse {
	job: VideoJob;
	/** The server's object, with the id the job is known by. */
	video: VideoObject;
	pollAfterMs?: number;
	/** Known only by its id, not read from the server yet (Wait for Completion): checked at once. */
	unchecked?: boolean;
}

