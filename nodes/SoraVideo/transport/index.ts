/**
 * The only place that talks HTTP, and what the rest of the node may use of it. Read it like an
 * API client: config (credential), request (one call with its retries), errors, pacing (429
 * gate, cancellation), and the neutral operations (videos.ts, characters.ts, models.ts), each
 * answered by the execution's Dialect (dialect.ts; registered in dialects/index.ts). Every
 * answer is read through the neutral model (model/) before it leaves the transport. Anything
 * not named here is internal.
 */

// The neutral operations the node and the trigger call.
export { createVideo, editVideo, extendVideo, remixVideo, getVideo, pollJob, listVideos, deleteVideo, downloadCheckedContent } from './videos';
export { createCharacter, getCharacter } from './characters';
export { listModels, publishedModels, publishedChoices, isVideoModelId } from './models';
export type { ListedModel, PublishedChoices } from './models';
export { outputOf } from './answers';
export type { PollFault, PollResult } from './answers';
export type { CheckedContent } from './content';

// Neutral questions about the credential's server.
export { supports, whyNot, requireFeature, dialectOf, neutralEventType, callbackSchemeFor, callbackDeliveryId } from './dialects';
export { CALLBACK_TOLERANCE_SECONDS } from './dialect';
export type { Feature, Lack, CallbackVerification } from './dialect';
export { readCredentials, normalizeBaseUrl, parseExtraHeaders } from './config';

// Errors and waiting.
export { CancelledError, cancellation, plainErrorText, redact, factsOf, withFacts } from './errors';
export type { ErrorFacts } from './errors';
export { pause } from './pacing';

// Shapes.
export type { SoraContext, JobFields, FieldValue, InputFile, UploadFile, VideoObject, VideoResponse, VideoVariant, SoraCharacter } from './types';
export type { CreateExtras, ImageInput, ModelCapabilities, PriceSku } from './dialects/types';
export { isStreamedUpload, toFormData } from './multipart';
export { parseSize } from './dialects/geometry';

// The neutral model, for the layers above.
export { stateOf, outputStateOf } from './model/status';
export type { OutputState } from './model/status';
export type { VideoJob } from './model/job';
export { unseenJobs } from './model/list';
export { nextDelay, CONTENT_NOT_READY_DELAYS_MS } from './model/pollPolicy';
export { safeFileName, idProblem, normalizeId } from './model/ids';
export { promptLengthProblem } from './model/text';
export { headerText } from './model/headers';
export type { RequestHeaders } from './model/headers';

/**
 * For a dialect of one's own (tests plug a third one in this way): the interface, the
 * registration, and the transport's parts a dialect is built from.
 */
export { registerDialect } from './dialects';
export type { Dialect, JobRequest, ListQuery, CallbackScheme, CallbackInput } from './dialect';
export { soraRequest } from './request';
export { readVideoAnswer, asVideoResponse, pollVideo } from './answers';
export { downloadContent } from './content';
export { videoPath } from './paths';
