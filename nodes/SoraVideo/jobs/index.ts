/** A job's life after it starts: its status, the wait, the downloads, and the finish. */
export * from './status';
export * from './wait';
export * from './download';
export * from './finish';
export * from './progress';
