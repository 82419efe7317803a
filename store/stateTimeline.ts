/**
 * The states behind a timeline. A live recording holds its snapshots; a run recorded at
 * build time (store/recordedRun.ts) holds only its events and views, so what needs the
 * engine's state (a domain's detail, the report, the CPU series) replays its document
 * once, the first time it is asked after the engine has arrived, and keeps that live
 * recording beside it. The run is deterministic: the replay is the recorded run.
 */
import type { Timeline } from '@engine/api';
import { engine } from './engine';
import { recordedViews } from './recordedRun';
import { loadedModules } from './transport';

const live = new WeakMap<Timeline, Timeline>();

/** `tl` itself when it holds its states; for a recorded run, its live recording (the engine must be loaded). */
export function stateTimeline(tl: Timeline): Timeline {
  if (!recordedViews(tl)) return tl;
  let l = live.get(tl);
  if (!l) {
    l = engine().recordTimeline(tl.doc, Number.POSITIVE_INFINITY, tl.maxTimeUs, tl.budget, loadedModules());
    live.set(tl, l);
  }
  return l;
}
