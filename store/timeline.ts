/**
 * Read-outs of the recording for the page. Components and app/ call no engine function
 * (eslint.config.mjs): they read the timeline through these, which store/ re-exports
 * from the engine's reading part (engine/lite.ts).
 */
export { actionAtTime, endSeqAt, lastAction, timeAt } from '@engine/lite';
