/**
 * Read-side adapters over the engine: the exact state at an action (snapshot + bounded
 * replay), its view (recorded with the run when it was recorded at build time:
 * store/recordedRun.ts), a domain's detail and the chart rows, each memoized on
 * (timeline, cursor) so React reads them as often as it likes for the cost of one seek.
 * The caches belong to one playground: createDerived, one per store.
 * A timeline grows and drops its start in place: the rows and notes follow it, a chunk
 * at a time; a state at an action never changes, so those caches stay valid.
 */
import { startSeqAt, endSeqAt, timeAt, lastAction, actionOfSeq, eventAt, eventsBetween, clampAction } from '@engine/lite';
import type { Timeline, SimState, SimView, DomainDetail, TraceEvent, EventOf, Report } from '@engine/api';
import { engine } from './engine';
import { recordedViews } from './recordedRun';
import { stateTimeline } from './stateTimeline';
import { buildRows, type ChartRow } from '@lib/chartRows';
import { tokensOf, type TokenSpec } from '@lib/tokens';

/** Rows (or notes) built for the events [from, to) of a timeline, grown and trimmed with it. */
interface Built<T> { items: T[]; to: number }

/**
 * Bring `b` up to the timeline's window: build the items of the events recorded since
 * (whole actions, so no row spans the seam) and drop those of events dropped since.
 */
function follow<T extends { seq: number }>(tl: Timeline, b: Built<T> | undefined, build: (events: TraceEvent[], endSeq: number[]) => T[]): Built<T> {
  const end = endSeqAt(tl, lastAction(tl));
  if (!b) return { items: build(tl.events, tl.endSeq), to: end };
  let items = b.items;
  if (b.to < end) {
    const from = actionOfSeq(tl, b.to);
    const more = build(eventsBetween(tl, b.to, end), tl.endSeq.slice(from - tl.firstAction));
    items = items.concat(more);
  }
  if (items.length > 0 && items[0]!.seq < tl.firstSeq) {
    let lo = 0, hi = items.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (items[mid]!.seq < tl.firstSeq) lo = mid + 1; else hi = mid; }
    items = items.slice(lo);
  }
  return items === b.items ? b : { items, to: end };
}

export type NoteEvent = EventOf<'toolstack', 'note'>;

interface Cached { tl: Timeline; action: number; st: SimState; view: SimView | null; report: Report | null; detail: Map<number, DomainDetail> }

/** Forward moves up to this many actions step the cached state instead of restoring a snapshot. */
const STEP_AHEAD = 64;

/**
 * One playground's read-side caches: the state it last stepped to, and the chart rows,
 * notes and tokens of its timelines. Each store owns one (`store.derived`), so two
 * playgrounds on a page never step or evict each other's state.
 */
export interface Derived {
  viewAt(tl: Timeline, action: number): SimView;
  detailAt(tl: Timeline, action: number, dom: number): DomainDetail;
  /** The engine's report (connections, domains, figures) as of action `action`. */
  reportAt(tl: Timeline, action: number): Report;
  /** The chart rows of the events held; a new array whenever the window changed. */
  rowsOf(tl: Timeline, all: boolean): ChartRow[];
  /** The narration notes among the events held; a new array whenever they changed. */
  notesOf(tl: Timeline): NoteEvent[];
  tokensAt(tl: Timeline, a: number): TokenSpec[];
}

export function createDerived(): Derived {
  let cache: Cached | null = null;
  const entry = (recorded: Timeline, action: number): Cached => {
    // a run recorded at build time: its states are those of its live recording
    const tl = stateTimeline(recorded);
    const { simStep, stateAtAction } = engine();
    if (cache && cache.tl === tl && cache.action === action) return cache;
    if (cache && cache.tl === tl && action > cache.action && action - cache.action <= STEP_AHEAD) {
      // Playback moves one action at a time: the run is deterministic, so stepping the state we
      // hold gives exactly stateAtAction(tl, action), without cloning a snapshot (a 100-domain
      // state is about 1 MB) and replaying up to SNAPSHOT_EVERY actions on every frame.
      const st = cache.st;
      for (let i = cache.action; i < action; i++) simStep(st);
      st.trace.events.length = 0; // replayed events are in tl.events already; keep the copy bounded
      cache = { tl, action, st, view: null, report: null, detail: new Map() };
      return cache;
    }
    cache = { tl, action, st: stateAtAction(tl, action), view: null, report: null, detail: new Map() };
    return cache;
  };
  const rowCache = new WeakMap<Timeline, { all?: Built<ChartRow>; some?: Built<ChartRow> }>();
  const noteCache = new WeakMap<Timeline, Built<NoteEvent>>();
  const tokenCache = new WeakMap<Timeline, Map<number, TokenSpec[]>>();
  return {
    viewAt(tl, action) {
      const recorded = recordedViews(tl);
      if (recorded) return recorded[clampAction(tl, action)]!;
      const e = entry(tl, action);
      if (!e.view) e.view = engine().viewOf(e.st);
      return e.view;
    },
    reportAt(tl, action) {
      const e = entry(tl, action);
      if (!e.report) e.report = engine().buildReport(e.st);
      return e.report;
    },
    detailAt(tl, action, dom) {
      const e = entry(tl, action);
      let d = e.detail.get(dom);
      if (!d) { d = engine().domainDetail(e.st, dom); e.detail.set(dom, d); }
      return d;
    },
    rowsOf(tl, all) {
      let c = rowCache.get(tl);
      if (!c) { c = {}; rowCache.set(tl, c); }
      const key = all ? 'all' : 'some';
      const b = follow(tl, c[key], (ev, ends) => buildRows(ev, ends, all));
      c[key] = b;
      return b.items;
    },
    notesOf(tl) {
      const b = follow(tl, noteCache.get(tl), (ev) => ev.filter((e): e is NoteEvent => e.kind === 'toolstack' && e.op === 'note'));
      noteCache.set(tl, b);
      return b.items;
    },
    tokensAt(tl, a) {
      let m = tokenCache.get(tl);
      if (!m) { m = new Map(); tokenCache.set(tl, m); }
      let t = m.get(a);
      if (!t) {
        const [lo, hi] = actionRange(tl, a);
        const ev = eventsBetween(tl, lo, hi);
        t = tokensOf(ev, 0, ev.length, tl.doc.domains.find((d) => d.role === 'backend')?.id ?? 0);
        if (m.size > 512) m.clear();
        m.set(a, t);
      }
      return t;
    },
  };
}

/** The events emitted by action `a` (seq range [lo, hi)). */
export function actionRange(tl: Timeline, a: number): [number, number] {
  return [startSeqAt(tl, a), endSeqAt(tl, a)];
}

/** Per-connection bytes delivered over the recent window, for the throughput figure. */
export function throughputAt(tl: Timeline, a: number, windowUs = 1000): Map<string, number> {
  const [, hi] = actionRange(tl, a);
  const tNow = timeAt(tl, a);
  const out = new Map<string, number>();
  for (let i = hi - 1; i >= tl.firstSeq && i > hi - 4000; i--) {
    const e = eventAt(tl, i)!;
    if (e.t < tNow - windowUs) break;
    if ((e.kind === 'ring' || e.kind === 'v4v') && e.op === 'read') {
      const k = e.detail.ring + ':' + String(e.src);
      out.set(k, (out.get(k) ?? 0) + e.detail.bytes);
    }
  }
  return out;
}
