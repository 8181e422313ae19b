/**
 * The neutral response model: every answer the node reads (create, poll, list, content,
 * errors) is parsed here into one shape before anything else sees it. Pure functions only.
 */
export * from './status';
export * from './job';
export * from './list';
export * from './errorText';
export * from './content';
export { sniffMedia } from './sniff';
export type { MediaType } from './sniff';
export * from './ids';
export * from './text';
export * from './pollPolicy';
