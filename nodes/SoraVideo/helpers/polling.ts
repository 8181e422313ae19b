/** Kept so that older imports still resolve: polling now lives in jobs/. */
export { jobState } from '../jobs/status';
export { nextPollDelayMs } from '../jobs/wait';
