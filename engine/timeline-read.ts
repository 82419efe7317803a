/**
 * Reading a recorded run (engine/timeline.ts records it): the window of actions and
 * events a timeline holds, and where an action, an event or a moment of virtual time is
 * in it. Nothing here runs the simulation, so the page can read a run recorded elsewhere
 * (store/recordedRun.ts) without the engine's code.
 */
import type { ScenarioDoc } from './scenario/types';
import type { SimState } from './sim/types';
import type { TraceEvent } from './core/trace';
import type { RunBudget } from './sim/budget';

export interface Timeline {
  doc: ScenarioDoc;
  /** First action held (0 until the oldest part is dropped; always a snapshot's action). */
  firstAction: number;
  /** seq of the first event held: the first event emitted by action firstAction. */
  firstSeq: number;
  /** The events held: events[i].seq === firstSeq + i. */
  events: TraceEvent[];
  /** endSeq[i]: number of events emitted once action firstAction + i has run (action 0 = set-up). */
  endSeq: number[];
  /** times[i]: virtual time of action firstAction + i. */
  times: number[];
  /** Ascending by action; the first one is at firstAction. `bytes`: its estimated size. */
  snapshots: Array<{ action: number; state: SimState; bytes: number }>;
  /** The state after the last recorded action; extendTimeline runs it on. */
  live: SimState;
  /** Nothing more to record: the run ended, or reached maxTimeUs. */
  ended: boolean;
  /** The run reached maxTimeUs with work left (so it ended there). */
  truncated: boolean;
  maxTimeUs: number;
  budget: RunBudget;
  /** Why the recording stopped short (a budget was reached), or null. */
  stopped: string | null;
}

/** The last action recorded so far. */
export function lastAction(tl: Timeline): number {
  return tl.firstAction + tl.endSeq.length - 1;
}

/** `action` clamped to the window [firstAction, lastAction]. */
export function clampAction(tl: Timeline, action: number): number {
  return Math.max(tl.firstAction, Math.min(action, lastAction(tl)));
}

/** Number of events emitted once `action` has run (clamped to the window). */
export function endSeqAt(tl: Timeline, action: number): number {
  return tl.endSeq[clampAction(tl, action) - tl.firstAction]!;
}

/** seq of the first event emitted by `action` (clamped to the window). */
export function startSeqAt(tl: Timeline, action: number): number {
  const a = clampAction(tl, action);
  return a === tl.firstAction ? tl.firstSeq : tl.endSeq[a - 1 - tl.firstAction]!;
}

/** Virtual time of `action` (clamped to the window). */
export function timeAt(tl: Timeline, action: number): number {
  return tl.times[clampAction(tl, action) - tl.firstAction]!;
}

/** The event with this seq, if it is held. */
export function eventAt(tl: Timeline, seq: number): TraceEvent | undefined {
  return seq >= tl.firstSeq ? tl.events[seq - tl.firstSeq] : undefined;
}

/** The events held with lo <= seq < hi. */
export function eventsBetween(tl: Timeline, lo: number, hi: number): TraceEvent[] {
  return tl.events.slice(Math.max(0, lo - tl.firstSeq), Math.max(0, hi - tl.firstSeq));
}

/** Index of the action that emitted event `seq` (binary search; clamped to the window). */
export function actionOfSeq(tl: Timeline, seq: number): number {
  let lo = 0, hi = tl.endSeq.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tl.endSeq[mid]! > seq) hi = mid; else lo = mid + 1;
  }
  return tl.firstAction + lo;
}

/** Last action at or before virtual time `t` (the window's first if `t` is earlier). */
export function actionAtTime(tl: Timeline, t: number): number {
  let lo = 0, hi = tl.times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tl.times[mid]! <= t) lo = mid; else hi = mid - 1;
  }
  return tl.firstAction + lo;
}
