/**
 * Read-side adapters over the engine: the exact state at an action (snapshot + bounded
 * replay), its view, a domain's detail and the chart rows, each memoized on
 * (timeline, cursor) so React reads them as often as it likes for the cost of one seek.
 */
import { stateAtAction, simStep, viewOf, domainDetail, type Timeline, type SimState, type SimView, type DomainDetail } from '@engine/index';
import { buildRows, type ChartRow } from '@lib/chartRows';
import { tokensOf, type TokenSpec } from '@lib/tokens';

interface Cached { tl: Timeline; action: number; st: SimState; view: SimView | null; detail: Map<number, DomainDetail> }
let cache: Cached | null = null;

/** Forward moves up to this many actions step the cached state instead of restoring a snapshot. */
const STEP_AHEAD = 64;

function entry(tl: Timeline, action: number): Cached {
  if (cache && cache.tl === tl && cache.action === action) return cache;
  if (cache && cache.tl === tl && action > cache.action && action - cache.action <= STEP_AHEAD) {
    // Playback moves one action at a time: the run is deterministic, so stepping the state we
    // hold gives exactly stateAtAction(tl, action), without cloning a snapshot (a 100-domain
    // state is about 1 MB) and replaying up to SNAPSHOT_EVERY actions on every frame.
    const st = cache.st;
    for (let i = cache.action; i < action; i++) simStep(st);
    st.trace.events.length = 0; // replayed events are in tl.events already; keep the copy bounded
    cache = { tl, action, st, view: null, detail: new Map() };
    return cache;
  }
  cache = { tl, action, st: stateAtAction(tl, action), view: null, detail: new Map() };
  return cache;
}

export function viewAt(tl: Timeline, action: number): SimView {
  const e = entry(tl, action);
  if (!e.view) e.view = viewOf(e.st);
  return e.view;
}

export function detailAt(tl: Timeline, action: number, dom: number): DomainDetail {
  const e = entry(tl, action);
  let d = e.detail.get(dom);
  if (!d) { d = domainDetail(e.st, dom); e.detail.set(dom, d); }
  return d;
}

const rowCache = new WeakMap<Timeline, { all?: ChartRow[]; some?: ChartRow[] }>();
export function rowsOf(tl: Timeline, all: boolean): ChartRow[] {
  let c = rowCache.get(tl);
  if (!c) { c = {}; rowCache.set(tl, c); }
  if (all) return (c.all ??= buildRows(tl.events, tl.endSeq, true));
  return (c.some ??= buildRows(tl.events, tl.endSeq, false));
}

/** The events emitted by action `a` (seq range [lo, hi)). */
export function actionRange(tl: Timeline, a: number): [number, number] {
  const lo = a > 0 ? tl.endSeq[a - 1]! : 0;
  return [lo, tl.endSeq[a] ?? lo];
}

const tokenCache = new WeakMap<Timeline, Map<number, TokenSpec[]>>();
export function tokensAt(tl: Timeline, a: number): TokenSpec[] {
  let m = tokenCache.get(tl);
  if (!m) { m = new Map(); tokenCache.set(tl, m); }
  let t = m.get(a);
  if (!t) {
    const [lo, hi] = actionRange(tl, a);
    t = tokensOf(tl.events, lo, hi, tl.doc.domains.find((d) => d.role === 'backend')?.id ?? 0);
    if (m.size > 512) m.clear();
    m.set(a, t);
  }
  return t;
}

/** Per-connection bytes delivered over the recent window, for the throughput figure. */
export function throughputAt(tl: Timeline, a: number, windowUs = 1000): Map<string, number> {
  const [, hi] = actionRange(tl, a);
  const tNow = tl.times[a] ?? 0;
  const out = new Map<string, number>();
  for (let i = hi - 1; i >= 0 && i > hi - 4000; i--) {
    const e = tl.events[i]!;
    if (e.t < tNow - windowUs) break;
    if (e.kind === 'ring' && e.op === 'read') {
      const k = String(e.detail['ring']) + ':' + String(e.src);
      out.set(k, (out.get(k) ?? 0) + Number(e.detail['bytes'] ?? 0));
    }
  }
  return out;
}
