/**
 * The part of the engine's API that runs nothing: reading a recorded run (its window,
 * actions, events and times), the Xen versions and the narration's per-mode notes. The
 * page reads a run recorded at build time with these alone, and fetches the rest of the
 * engine (engine/api.ts) the first time it must run something. `engine/lite.test.ts`
 * checks that nothing here imports the simulation.
 */
export {
  lastAction, clampAction, endSeqAt, startSeqAt, timeAt, eventAt, eventsBetween, actionOfSeq, actionAtTime, type Timeline,
} from './timeline-read';
export { DEFAULT_XEN, XEN_VERSIONS, type XenVersion } from './core/xen';
export { NOTE_MODE_LABELS, noteModeOf, pickNote } from './scenario/notes';
