/** A job's life after it starts: the wait, the downloads, and the finish; JobError keeps the job for the user. */
export { JobError, jobError, resumeHint } from './jobError';
export { waitForVideo, watchedJob, MAX_UNCLASSIFIED_FAULTS } from './wait';
export type { WaitOptions } from './wait';
export { downloadVariants, downloadToBinary } from './download';
export type { WantedVariant } from './download';
export { finishJob } from './finish';
export type { WaitPlan } from './finish';
