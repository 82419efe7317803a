/**
 * Time travel over a deterministic run: the run is recorded once, with a snapshot of
 * the whole state every SNAPSHOT_EVERY actions; the state after any action is found by
 * restoring the nearest earlier snapshot and replaying at most that many actions.
 */
import type { ScenarioDoc } from './scenario';
import { createSim, simStep } from './sim/sim';
import type { SimState } from './sim/types';
import type { TraceEvent } from './core/trace';
import { queuePeek } from './core/queue';

export const SNAPSHOT_EVERY = 256;

export interface Timeline {
  doc: ScenarioDoc;
  /** Every event of the run. */
  events: TraceEvent[];
  /** endSeq[i]: number of events emitted once action i has run (action 0 = set-up). */
  endSeq: number[];
  /** Virtual time of each action. */
  times: number[];
  snapshots: Array<{ action: number; state: SimState }>;
  final: SimState;
  truncated: boolean;
}

/** Copy the state without its event list (the timeline keeps the events once). */
function clone(st: SimState): SimState {
  const events = st.trace.events;
  st.trace.events = [];
  try { return structuredClone(st); } finally { st.trace.events = events; }
}

/** Run the document to its end (or `maxActions`), keeping snapshots. */
export function recordTimeline(doc: ScenarioDoc, maxActions = 2_000_000, maxTimeUs = 3_600_000_000): Timeline {
  const st = createSim(doc);
  const endSeq = [st.trace.nextSeq];
  const times = [0];
  const snapshots = [{ action: 0, state: clone(st) }];
  let truncated = false;
  for (;;) {
    const next = queuePeek(st.queue);
    if (!next) break;
    if (next.t > maxTimeUs || endSeq.length > maxActions) { truncated = true; break; }
    if (!simStep(st)) break;
    endSeq.push(st.trace.nextSeq);
    times.push(st.t);
    if ((endSeq.length - 1) % SNAPSHOT_EVERY === 0) snapshots.push({ action: endSeq.length - 1, state: clone(st) });
  }
  return { doc, events: st.trace.events, endSeq, times, snapshots, final: st, truncated };
}

/** Index of the action that emitted event `seq` (binary search). */
export function actionOfSeq(tl: Timeline, seq: number): number {
  let lo = 0, hi = tl.endSeq.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tl.endSeq[mid]! > seq) hi = mid; else lo = mid + 1;
  }
  return lo;
}

/** Last action at or before virtual time `t`. */
export function actionAtTime(tl: Timeline, t: number): number {
  let lo = 0, hi = tl.times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tl.times[mid]! <= t) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * The exact state once action `action` has run. The returned state is a fresh copy
 * the caller may keep; its trace's event list holds only the replayed events (use
 * `tl.events.slice(0, tl.endSeq[action])` for the history).
 */
export function stateAtAction(tl: Timeline, action: number): SimState {
  const a = Math.max(0, Math.min(action, tl.endSeq.length - 1));
  let snap = tl.snapshots[0]!;
  for (const s of tl.snapshots) { if (s.action <= a) snap = s; else break; }
  const st = clone(snap.state);
  for (let i = snap.action; i < a; i++) simStep(st);
  return st;
}

/** The state right after event `seq` was emitted (end of the action that emitted it). */
export function stateAtSeq(tl: Timeline, seq: number): SimState {
  return stateAtAction(tl, actionOfSeq(tl, seq));
}
