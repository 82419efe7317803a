/**
 * Time travel over a deterministic run. The run is recorded in chunks: recordTimeline
 * records the start, extendTimeline runs it on from where it stopped, dropTimelineBefore
 * forgets the oldest part. A snapshot of the whole state is kept every SNAPSHOT_EVERY
 * actions; the state after any action still held is found by restoring the nearest
 * earlier snapshot and replaying at most that many actions.
 *
 * Actions and event seqs are always absolute (numbered from the start of the run). The
 * arrays hold only the window [firstAction, lastAction(tl)]: use the accessors below
 * rather than indexing them. The same document gives the same events and states however
 * the recording was chunked or trimmed.
 *
 * A run is recorded within a budget (engine/sim/budget.ts: events, virtual time, live
 * sockets, snapshot bytes): past it the recording ends with `stopped` saying why. Snapshots
 * share what never changes (the document, the step order) instead of copying it.
 */
import type { ScenarioDoc } from './scenario';
import { createSim, simStep, simNextTime, cloneSim } from './sim/loop';
import type { SimModule } from './sim/module';
import type { SimState } from './sim/types';
import { BASE_MODULES } from './base-modules';
import { overBudget, stateSize, PAGE_BUDGET, type RunBudget } from './sim/budget';
import { lastAction, clampAction, actionOfSeq, type Timeline } from './timeline-read';

export type { Timeline } from './timeline-read';
export { lastAction, clampAction, endSeqAt, startSeqAt, timeAt, eventAt, eventsBetween, actionOfSeq, actionAtTime } from './timeline-read';

export const SNAPSHOT_EVERY = 256;


/**
 * Copy the state without its event list (the timeline keeps the events once); the
 * document and the step order are never changed by a run, so the copy shares them.
 */
function clone(st: SimState): SimState {
  const { events } = st.trace;
  const { doc, stepOrder } = st;
  st.trace.events = [];
  (st as { doc: ScenarioDoc | null }).doc = null;
  st.stepOrder = [];
  try {
    const copy = cloneSim(st);
    copy.doc = doc;
    copy.stepOrder = stepOrder;
    return copy;
  } finally {
    st.trace.events = events;
    st.doc = doc;
    st.stepOrder = stepOrder;
  }
}

/**
 * Record the start of the run: up to `maxActions` actions after the set-up, within `budget`,
 * on `modules` (default vsock and the connection manager; engine/index.ts defaults to all).
 */
export function recordTimeline(
  doc: ScenarioDoc, maxActions = 2_000_000, maxTimeUs = 3_600_000_000, budget: RunBudget = PAGE_BUDGET,
  modules: readonly SimModule[] = BASE_MODULES,
): Timeline {
  const st = createSim(doc, { modules });
  const size = stateSize(st);
  const stopped = overBudget(st, budget, size);
  const tl: Timeline = {
    doc, firstAction: 0, firstSeq: 0, events: st.trace.events, endSeq: [st.trace.nextSeq], times: [0],
    snapshots: [{ action: 0, state: clone(st), bytes: size.bytes }], live: st, ended: stopped !== null, truncated: false, maxTimeUs,
    budget, stopped,
  };
  extendTimeline(tl, maxActions);
  return tl;
}

/** Run the recording on by up to `maxActions` actions; returns how many were recorded. */
export function extendTimeline(tl: Timeline, maxActions: number): number {
  const st = tl.live;
  st.trace.events = tl.events;
  let n = 0;
  while (n < maxActions && !tl.ended) {
    const next = simNextTime(st);
    if (next === null) { tl.ended = true; break; }
    if (next > tl.maxTimeUs) { tl.ended = true; tl.truncated = true; break; }
    if (!simStep(st)) { tl.ended = true; break; }
    n++;
    tl.endSeq.push(st.trace.nextSeq);
    tl.times.push(st.t);
    const action = lastAction(tl);
    const snap = action % SNAPSHOT_EVERY === 0;
    const size = snap ? stateSize(st) : undefined;
    const why = overBudget(st, tl.budget, size);
    if (why) { tl.ended = true; tl.stopped = why; break; }
    if (size) tl.snapshots.push({ action, state: clone(st), bytes: size.bytes });
  }
  if (!tl.stopped && simNextTime(st) === null) tl.ended = true;
  return n;
}

/**
 * Forget everything before the last snapshot at or before `action` (clamped to the
 * window): its snapshots, events, endSeq and times. Returns the new firstAction.
 */
export function dropTimelineBefore(tl: Timeline, action: number): number {
  const a = clampAction(tl, action);
  const k = snapshotIndex(tl, a);
  const first = tl.snapshots[k]!.action;
  if (first <= tl.firstAction) return tl.firstAction;
  const firstSeq = tl.endSeq[first - 1 - tl.firstAction]!;
  tl.snapshots = tl.snapshots.slice(k);
  tl.events = tl.events.slice(firstSeq - tl.firstSeq);
  tl.live.trace.events = tl.events;
  tl.endSeq = tl.endSeq.slice(first - tl.firstAction);
  tl.times = tl.times.slice(first - tl.firstAction);
  tl.firstAction = first;
  tl.firstSeq = firstSeq;
  return first;
}

/** Index in tl.snapshots of the last snapshot at or before `action`. */
function snapshotIndex(tl: Timeline, action: number): number {
  let lo = 0, hi = tl.snapshots.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tl.snapshots[mid]!.action <= action) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/**
 * The exact state once action `action` has run (clamped to the window). The returned
 * state is a fresh copy the caller may keep; its trace's event list holds only the
 * replayed events (use `eventsBetween` for the history).
 */
export function stateAtAction(tl: Timeline, action: number): SimState {
  const a = clampAction(tl, action);
  const snap = tl.snapshots[snapshotIndex(tl, a)]!;
  const st = clone(snap.state);
  for (let i = snap.action; i < a; i++) simStep(st);
  return st;
}

/** The state right after event `seq` was emitted (end of the action that emitted it). */
export function stateAtSeq(tl: Timeline, seq: number): SimState {
  return stateAtAction(tl, actionOfSeq(tl, seq));
}
