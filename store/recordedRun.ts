/**
 * A run recorded at build time, for the page's first load. The exported page opens on
 * the default preset: its whole run (every event, and the engine's view after each
 * action) is recorded by the engine when the page is built (store/recordRun.ts) and
 * travels inside the HTML, so the page shows and plays it before the engine's code has
 * arrived (store/engine.ts). What needs the engine's state at one of its moments replays
 * its document once the engine is here (store/stateTimeline.ts); the run is
 * deterministic, so nothing a reader sees changes (store/recordedRun.test.ts compares the two, event by event and view by view).
 */
import type { ScenarioDoc, SimState, SimView, Timeline, TraceEvent } from '@engine/api';

export interface RecordedRun {
  /** The preset recorded. */
  presetId: string;
  /** The document as the engine parsed it. */
  doc: ScenarioDoc;
  events: TraceEvent[];
  endSeq: number[];
  times: number[];
  /** views[a]: the engine's view once action a has run. */
  views: SimView[];
  truncated: boolean;
  maxTimeUs: number;
  budget: Timeline['budget'];
}

const views = new WeakMap<Timeline, readonly SimView[]>();

/**
 * A timeline over a recorded run: the whole run is held and ended, so it is never run on
 * (it has no state and no snapshots); its views come from the recording.
 */
export function timelineOfRecorded(r: RecordedRun): Timeline {
  const tl: Timeline = {
    doc: r.doc, firstAction: 0, firstSeq: 0, events: r.events, endSeq: r.endSeq, times: r.times,
    snapshots: [], live: null as unknown as SimState, ended: true, truncated: r.truncated, maxTimeUs: r.maxTimeUs,
    budget: r.budget, stopped: null,
  };
  views.set(tl, r.views);
  return tl;
}

/** The recorded views when `tl` is a recorded run (null for a live recording). */
export function recordedViews(tl: Timeline): readonly SimView[] | null {
  return views.get(tl) ?? null;
}
