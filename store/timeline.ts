/**
 * Read-outs of the recording for the page. Components and app/ call no engine function
 * (eslint.config.mjs): they read the timeline through these, which store/ re-exports
 * from the engine's public entry.
 */
export { actionAtTime, endSeqAt, lastAction, timeAt } from '@engine/api';
