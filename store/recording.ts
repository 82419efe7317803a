/**
 * The page's recording window. A run is recorded a chunk at a time (the start at load,
 * then slices as playback nears the recorded end), and its oldest part is dropped once
 * the recording passes the page's memory budget, so an hour-long flood keeps only its
 * latest part: the heap stays bounded however long the run goes on. Pure functions over
 * the engine's timeline; the store calls them and the playback loop paces them.
 */
import { lastAction, timeAt, endSeqAt, clampAction, actionOfSeq } from '@engine/lite';
import type { ScenarioDoc, Timeline } from '@engine/api';
import type { PlaygroundStore } from './createPlaygroundStore';
import { loadedModules } from './transport';
import { engine } from './engine';
import { recordedViews } from './recordedRun';

/*
 * Work is counted, not timed, so a recording is chunked the same way on every machine:
 * µs on the machine costUs below was measured on, from what each slice recorded (its
 * actions, its events, and the bytes of the snapshots it took, which the engine sizes).
 * A document whose actions cost far more than the estimate (a connect flood keeping
 * thousands of sockets, each snapshot copying them all) gets smaller slices and stops
 * sooner, so no call blocks the page for long whatever the document asks.
 */
const ACTION_US = 3;
const EVENT_US = 0.25;
const SNAPSHOT_US_PER_BYTE = 0.015;
/** Most work one recording call does (a far seek records on between frames: recordUntil). */
export const TASK_WORK_US = 50_000;
/** Most work of the recording at load (the presets record to their end within it). */
export const LOAD_WORK_US = 300_000;
/** A slice aims at this much work, so a frame that records stays smooth. */
const SLICE_WORK_US = 16_000;
/** Work an action of this recording costs, as counted over its last slice. */
const workPerAction = new WeakMap<Timeline, number>();
/** Actions the last slice of this recording recorded. */
const lastSlice = new WeakMap<Timeline, number>();
/**
 * The count is also checked against the clock: on a slow or busy machine, or for a
 * document whose actions cost more than the model says, a call stops once it has taken
 * its share of wall time (a call's cap in µs of work is also its cap in µs of time), and
 * slices shrink to what an action really took. Presets record the same either way (the
 * trace does not depend on how the recording is chunked).
 */
const clock = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());
/** Wall time the recording at load may take: the load's whole task stays well under 200 ms. */
const LOAD_MS = 100;

/** Bytes of heap the page lets a recording take (store option `budget` overrides it). */
export const PAGE_MEMORY_BUDGET = 300e6;
/** After a drop the recording holds about this share of the budget (drops stay rare). */
const KEEP_SHARE = 0.75;

/*
 * Size by counting what is held, with costs measured in Node (bench/engine-memory.ts;
 * the page's V8 uses less): an event ~170-320 B plus its chart row, ~24 B per action
 * (endSeq, times), and each state snapshot as the engine sized it when it took it
 * (~19 KB per domain, plus its sockets, rings and queued actions: engine/sim/budget.ts).
 */
const EVENT_BYTES = 300;
const ACTION_BYTES = 24;
const SNAPSHOT_BYTES_PER_DOMAIN = 19_000;

export function recordedBytes(tl: Timeline): number {
  let snapshots = 0;
  for (const s of tl.snapshots) snapshots += s.bytes;
  return tl.events.length * EVENT_BYTES + tl.endSeq.length * ACTION_BYTES + snapshots;
}

/** A guess before recording (a flood emits ~2 events an action, a snapshot every 256). */
function bytesPerAction(doc: ScenarioDoc): number {
  return 2 * EVENT_BYTES + ACTION_BYTES + Math.ceil(SNAPSHOT_BYTES_PER_DOMAIN * doc.domains.length / 256);
}

/** Recording costs about 4 + 1.1 x domains µs an action (snapshots included). */
const costUs = (doc: ScenarioDoc) => 4 + 1.1 * doc.domains.length;

/** Actions one slice records: about 20 ms of work, so a frame never blocks for long. */
export function sliceActions(doc: ScenarioDoc): number {
  return Math.max(64, Math.min(4096, Math.floor(20_000 / costUs(doc))));
}

/** Actions recorded at load: ~0.3 s of work (at least 10,000: every preset ends well within). */
export function initialActions(doc: ScenarioDoc, budget: number): number {
  return Math.max(1, Math.min(Math.max(10_000, Math.floor(300_000 / costUs(doc))), windowActions(doc, budget)));
}

/** Most actions one seek records on at once: a window's worth, or ~2 s of work if that is more. */
export function catchUpActions(doc: ScenarioDoc, budget: number): number {
  return Math.max(windowActions(doc, budget), Math.floor(2_000_000 / costUs(doc)));
}

/** About how many actions of `doc` fit in the window after a drop (at least two snapshots' worth). */
export function windowActions(doc: ScenarioDoc, budget: number): number {
  return Math.max(512, Math.floor(budget * KEEP_SHARE / bytesPerAction(doc)));
}

/**
 * Drop the oldest part if the recording passes `budget`, down to about KEEP_SHARE of it,
 * never past action `keep` (the cursor, which must stay in the window).
 */
export function trimToBudget(tl: Timeline, budget: number, keep: number): boolean {
  if (recordedViews(tl)) return false; // a recorded run is held whole (and is small)
  const bytes = recordedBytes(tl);
  if (bytes <= budget) return false;
  const held = tl.endSeq.length;
  const drop = Math.ceil(held * (bytes - budget * KEEP_SHARE) / bytes);
  const before = tl.firstAction;
  return engine().dropTimelineBefore(tl, Math.min(before + drop, keep)) > before;
}

/**
 * Record on by up to `maxActions`, a slice at a time, trimming to the budget after
 * each; stops early once `done` holds. `keep` is the action that must stay in the
 * window (null: the recorded end, for catching up to a moment ahead).
 */
export function recordOn(tl: Timeline, budget: number, maxActions: number, keep: number | null, done?: (tl: Timeline) => boolean, capWorkUs = TASK_WORK_US, capMs = Number.POSITIVE_INFINITY): number {
  // A slice is at most a quarter of the window, so a small budget still holds, and about
  // SLICE_WORK_US of work as counted so far (or as timed, when that is more).
  const most = Math.min(sliceActions(tl.doc), Math.floor(windowActions(tl.doc, budget) / 4));
  const t0 = clock();
  let n = 0, work = 0;
  while (n < maxActions && !tl.ended && !done?.(tl) && work < capWorkUs && clock() - t0 < capMs) {
    const per = workPerAction.get(tl);
    // a slice at most doubles the last one: actions are not all alike (a burst of work
    // after a run of cheap actions must not land in one long slice)
    const slice = per === undefined ? Math.min(most, 64) : Math.max(1, Math.min(most, 2 * (lastSlice.get(tl) ?? 32), Math.floor(SLICE_WORK_US / per)));
    const a0 = lastAction(tl), seq0 = endSeqAt(tl, a0);
    const s0 = clock();
    const k = engine().extendTimeline(tl, Math.min(slice, maxActions - n));
    if (k === 0) break;
    let w = k * ACTION_US + (endSeqAt(tl, lastAction(tl)) - seq0) * EVENT_US;
    for (let i = tl.snapshots.length - 1; i >= 0 && tl.snapshots[i]!.action > a0; i--) w += tl.snapshots[i]!.bytes * SNAPSHOT_US_PER_BYTE;
    // what an action took, remembered at half weight for the next slice
    workPerAction.set(tl, Math.max(Math.max(w, (clock() - s0) * 1000) / k, (per ?? 0) / 2));
    lastSlice.set(tl, k);
    work += w;
    n += k;
    trimToBudget(tl, budget, keep ?? lastAction(tl));
  }
  return n;
}

/*
 * What the view takes in at once is bounded too: it builds its rows, notes and charts from
 * the events it is told of (store/derived.ts, store/series.ts), at about 1-2 µs an event. A
 * far seek tells it of what was recorded a portion at a time, each in a task of its own,
 * and keeps only the last SEEK_WINDOW_EVENTS events of a long catch-up: the moment asked for
 * and what led up to it (no preset emits that many: the longest, ~95,000 events, is kept whole).
 */
/** Events a catch-up records before the view is told of them (one render's worth). */
export const VIEW_PORTION_EVENTS = 25_000;
/** Most events a catch-up keeps behind the recorded end (it drops older ones down to 3/4 of it). */
export const SEEK_WINDOW_EVENTS = 100_000;

const nextTask = () => new Promise((r) => setTimeout(r, 0));

/** Drop what the catch-up that started at event `seq0` recorded beyond the seek window. */
function trimCatchUp(tl: Timeline, seq0: number): void {
  const end = endSeqAt(tl, lastAction(tl));
  if (end - seq0 <= SEEK_WINDOW_EVENTS || end - tl.firstSeq <= SEEK_WINDOW_EVENTS) return;
  engine().dropTimelineBefore(tl, actionOfSeq(tl, end - Math.floor(SEEK_WINDOW_EVENTS * KEEP_SHARE)));
}

/**
 * Record on, between frames, until `done` holds (or the run ends, or `maxMs` of work is
 * spent): each slice is one short task (recordOn's cap), then the page gets the thread
 * back. The view is told of the recording every VIEW_PORTION_EVENTS events and at the
 * end, each time in a task of its own. Stops if the page loads another document meanwhile.
 */
export async function recordUntil(store: PlaygroundStore, done: (tl: Timeline) => boolean, maxMs = 10_000): Promise<void> {
  const t0 = Date.now();
  const tl = store.getState().timeline;
  const seq0 = endSeqAt(tl, lastAction(tl));
  let told = seq0;
  const tell = async (): Promise<boolean> => {
    await nextTask();
    const s = store.getState();
    if (s.timeline !== tl) return false;
    store.setState({ rec: recWindow(tl), cursor: clampAction(tl, s.cursor) });
    told = endSeqAt(tl, lastAction(tl));
    return true;
  };
  while (!tl.ended && !done(tl) && Date.now() - t0 < maxMs) {
    const s = store.getState();
    if (s.timeline !== tl) return;
    recordOn(tl, s.budget, Number.POSITIVE_INFINITY, null, done, SLICE_WORK_US, SLICE_WORK_US / 1000);
    trimCatchUp(tl, seq0);
    if (endSeqAt(tl, lastAction(tl)) - told >= VIEW_PORTION_EVENTS && !(await tell())) return;
    await nextTask();
  }
  if (endSeqAt(tl, lastAction(tl)) !== told || store.getState().rec.first !== tl.firstAction) await tell();
}

/**
 * seekAction for a far target (a link's `at=`, a host's seek): records there in slices
 * first, then moves the cursor in a task of its own.
 */
export async function seekActionSliced(store: PlaygroundStore, action: number, maxMs?: number): Promise<string | null> {
  await recordUntil(store, (tl) => lastAction(tl) >= action, maxMs);
  await nextTask();
  const tl = store.getState().timeline;
  if (action <= lastAction(tl)) return seekAction(store, action);
  // the slices did not get there (a budget, or their time ran out): the cursor goes to the
  // recorded end, and nothing more is recorded in one go
  store.getState().seek(lastAction(tl));
  return notReached(tl, action);
}

export type Recorded = { ok: true; timeline: Timeline } | { ok: false; error: string };

/** Record the start of `doc`'s run (and on, up to action `upTo` or time `upToUs`, if given). */
export function recordSafe(doc: ScenarioDoc, budget = PAGE_MEMORY_BUDGET, upTo?: { action?: number; t?: number }): Recorded {
  try {
    // the start, within LOAD_WORK_US (a long run is recorded on as playback nears its end)
    const timeline = engine().recordTimeline(doc, 0, undefined, undefined, loadedModules());
    recordOn(timeline, budget, initialActions(doc, budget), null, undefined, LOAD_WORK_US, LOAD_MS);
    const a = upTo?.action, t = upTo?.t;
    if (a !== undefined || t !== undefined) {
      // back to where the reader was (undo, an edit at the cursor): a moment recorded before
      recordOn(timeline, budget, Number.POSITIVE_INFINITY, null,
        (tl) => (a === undefined || lastAction(tl) >= a) && (t === undefined || timeAt(tl, lastAction(tl)) >= t), Number.POSITIVE_INFINITY);
    }
    return { ok: true, timeline };
  } catch (e) {
    return { ok: false, error: `the engine could not run this: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` };
  }
}

/*
 * The page's first recording. Before the first paint only the set-up and a few actions
 * are recorded (recordStart): the page shows the run's start at once. The rest of what
 * recordSafe would have recorded follows in short slices, each its own task, once the
 * page has painted (recordRest), so no long task blocks the page while it starts.
 */
const START_ACTIONS = 4;
const REST_SLICE_ACTIONS = 8;
const restDone = new WeakMap<PlaygroundStore, Promise<void>>();

/** Record the set-up and the first few actions of `doc`'s run (the rest: recordRest). */
export function recordStart(doc: ScenarioDoc, budget = PAGE_MEMORY_BUDGET): Recorded {
  try {
    const timeline = engine().recordTimeline(doc, 0, undefined, undefined, loadedModules());
    recordOn(timeline, budget, START_ACTIONS, null, undefined, SLICE_WORK_US, SLICE_WORK_US / 1000);
    return { ok: true, timeline };
  } catch (e) {
    return { ok: false, error: `the engine could not run this: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` };
  }
}

/** One macrotask's pause: after a paint if one is due, else soon. */
const afterPaint = (): Promise<void> => new Promise((r) => {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden) requestAnimationFrame(() => setTimeout(r, 0));
  else setTimeout(r, 0);
});

/**
 * After the first paint, record on what recordSafe records at load (to the end of every
 * preset), a few actions a task; the view hears of it once, at the end. Stops if the
 * store loads another document. The promise is also `restRecorded(store)`'s.
 */
export function recordRest(store: PlaygroundStore): Promise<void> {
  const run = async () => {
    const tl = store.getState().timeline;
    const most = initialActions(tl.doc, store.getState().budget);
    let work = 0;
    await afterPaint();
    while (!tl.ended && lastAction(tl) < most && work < LOAD_WORK_US * 4) {
      const s = store.getState();
      if (s.timeline !== tl) return;
      const t0 = clock();
      recordOn(tl, s.budget, REST_SLICE_ACTIONS, s.cursor, undefined, SLICE_WORK_US, SLICE_WORK_US / 1000);
      work += (clock() - t0) * 1000;
      await new Promise((r) => setTimeout(r, 0));
    }
    const s = store.getState();
    if (s.timeline === tl) store.setState({ rec: recWindow(tl), cursor: clampAction(tl, s.cursor) });
  };
  const p = run().catch((e: unknown) => { store.getState().setError(`the engine could not run this: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`); });
  restDone.set(store, p);
  return p;
}

/** Resolves once recordRest's slices for `store` are done (at once if there are none). */
export function restRecorded(store: PlaygroundStore): Promise<void> {
  return restDone.get(store) ?? Promise.resolve();
}

/** What the view needs to know of the window: its bounds, and whether the run goes on. */
export interface RecWindow {
  first: number;
  last: number;
  /** Virtual time of the first and last actions held (µs). */
  firstT: number;
  lastT: number;
  /** seq of the first event held, and the number of events recorded so far. */
  firstSeq: number;
  events: number;
  /** The whole run is recorded (false: more is recorded as playback goes on). */
  ended: boolean;
  /** Why the run stopped short of its end (a budget was reached: engine/sim/budget.ts), or null. */
  stopped: string | null;
}

export function recWindow(tl: Timeline): RecWindow {
  const last = lastAction(tl);
  return {
    first: tl.firstAction, last, firstT: timeAt(tl, tl.firstAction), lastT: timeAt(tl, last),
    firstSeq: tl.firstSeq, events: endSeqAt(tl, last), ended: tl.ended,
    stopped: tl.stopped ? `The run stops here: ${tl.stopped} (the page's budget for one run).` : null,
  };
}

/**
 * Seek to `action`: one not recorded yet is recorded first, one dropped from the window
 * lands at its start. Returns why the cursor could not get there, or null.
 */
export function seekAction(store: PlaygroundStore, action: number): string | null {
  store.getState().seek(action);
  const { timeline: tl, cursor } = store.getState();
  return cursor >= action ? null : notReached(tl, action);
}

function notReached(tl: Timeline, action: number): string {
  return tl.ended
    ? `${action} is past the end of the run (last action ${lastAction(tl)})`
    : `${action} is too far ahead of the recording (recorded up to action ${lastAction(tl)}; seek there first)`;
}
