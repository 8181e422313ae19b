/**
 * The only place that talks HTTP. Read it like an API client: config (credential), request
 * (one call with its retries), errors, pacing (429 gate, cancellation), multipart, and one
 * short function per endpoint in the file named after its resource. Every answer is read
 * through the neutral model (model/) before it leaves the transport.
 */
export * from './types';
export * from './config';
export * from './errors';
export { pause } from './pacing';
export * from './multipart';
export * from './retry';
export { soraRequest } from './request';
export * from './videos';
export * from './characters';
export * from './models';
export * from './answers';
export type { CheckedContent } from './content';
export * from './model';
export * from './dialect';
export type { CreateExtras, ImageInput, ModelCapabilities, PriceSku } from './dialects/types';
export { parseSize } from './dialects/geometry';
