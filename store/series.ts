/**
 * Figures over virtual time, computed from the recorded trace (one pass over the events
 * held): throughput per connection, ring occupancy, grants in use, V4V wake-ups. The
 * chart component only draws these arrays.
 */
import { actionAtTime, cpuBusyUs, simStep, stateAtAction, timeAt, vcpusOf } from '@engine/api';
import { stateTimeline } from './stateTimeline';
import type { SimState, Timeline, TraceEvent } from '@engine/api';

export interface Series { label: string; values: Array<number | null> }

export interface TimeSeries {
  /** Bucket start times, µs of virtual time. */
  t: number[];
  bucketUs: number;
  /** Bytes per second read, per connection direction (writer → reader). */
  throughput: Series[];
  /** Fraction of the ring in use at the end of each bucket, per ring direction. */
  occupancy: Series[];
  /**
   * Grants in use per domain: the most held at once in each bucket (a connection refused for
   * want of entries fills the table before it gives back what it took), and the limit.
   */
  grants: Series[];
  grantCapacity: number | null;
  /** Senders the V4V doorbell woke, and woken senders that still found no room, per bucket. */
  wakeups: number[];
  spurious: number[];
}

/** How many lines a chart shows at most (the busiest ones). */
const TOP = 6;

function topSeries(m: Map<string, Array<number | null>>, score: (v: Array<number | null>) => number, label: (k: string) => string): Series[] {
  return [...m.entries()].map(([k, v]) => ({ k, v, s: score(v) })).sort((a, b) => b.s - a.s || (a.k < b.k ? -1 : 1))
    .slice(0, TOP).map(({ k, v }) => ({ label: label(k), values: v }));
}
const sum = (v: Array<number | null>) => v.reduce<number>((a, x) => a + (x ?? 0), 0);
const max = (v: Array<number | null>) => v.reduce<number>((a, x) => Math.max(a, x ?? 0), 0);

export function seriesOf(tl: Timeline, names: ReadonlyMap<number, string>, buckets = 160, capacity: number | null = null): TimeSeries {
  const ev: readonly TraceEvent[] = tl.events;
  const t0 = ev.length ? ev[0]!.t : 0;
  const t1 = ev.length ? ev[ev.length - 1]!.t : 0;
  const bucketUs = Math.max(1, Math.ceil((t1 - t0 + 1) / buckets));
  const n = Math.max(1, Math.ceil((t1 - t0 + 1) / bucketUs));
  const t = Array.from({ length: n }, (_, i) => t0 + i * bucketUs);
  const name = (d: number | string) => (typeof d === 'number' ? names.get(d) ?? `dom${d}` : d);
  const zeros = () => new Array<number | null>(n).fill(0);
  const tp = new Map<string, Array<number | null>>();
  const occ = new Map<string, Array<number | null>>();
  const grants = new Map<number, number>();
  const grantLines = new Map<string, Array<number | null>>();
  /** Each grant line's level at the end of the buckets it changed in (what the next buckets start from). */
  const grantEnd = new Map<string, Array<number | null>>();
  const wakeups = new Array<number>(n).fill(0);
  const spurious = new Array<number>(n).fill(0);
  const ringSize = new Map<string, number>();
  const occNow = new Map<string, number>();
  const bump = (m: Map<string, Array<number | null>>, k: string, b: number, v: number) => {
    let a = m.get(k);
    if (!a) { a = zeros(); m.set(k, a); }
    a[b] = (a[b] ?? 0) + v;
  };
  // step functions: the value holds until it changes; written at each bucket it changes in, filled forward after
  const setAt = (m: Map<string, Array<number | null>>, k: string, b: number, v: number) => {
    let a = m.get(k);
    if (!a) { a = new Array<number | null>(n).fill(null); m.set(k, a); }
    a[b] = v;
  };
  for (const e of ev) {
    const b = Math.min(n - 1, Math.floor((e.t - t0) / bucketUs));
    switch (e.kind) {
      case 'ring':
        if (e.op === 'write') {
          const k = `${name(e.src)}→${name(e.dst)}`;
          ringSize.set(`${e.detail.ring}:${String(e.src)}`, e.detail.size);
          occNow.set(k, ((e.detail.prod - e.detail.cons) >>> 0) / Math.max(1, e.detail.size));
          setAt(occ, k, b, occNow.get(k)!);
        } else if (e.op === 'read') {
          const k = `${name(e.dst)}→${name(e.src)}`;
          bump(tp, k, b, e.detail.bytes);
          const size = ringSize.get(`${e.detail.ring}:${String(e.dst)}`);
          if (size) setAt(occ, k, b, ((e.detail.prod - e.detail.cons) >>> 0) / size);
        }
        break;
      case 'v4v':
        if (e.op === 'read') {
          const k = `ring ${name(e.src)} :${e.detail.ring.split(':')[1] ?? ''}`;
          bump(tp, `→ ${k}`, b, e.detail.bytes);
          const len = ringSize.get(e.detail.ring);
          if (len) setAt(occ, k, b, (((e.detail.tx - e.detail.rx) % len) + len) % len / len);
        } else if (e.op === 'spurious-wakeup') spurious[b]!++;
        break;
      case 'hypercall':
        if ((e.op === 'V4VOP_register_ring' || e.op === 'XEN_ARGO_OP_register_ring') && e.detail.ret === 0) ringSize.set(e.detail.ring, e.detail.len);
        else if ((e.op === 'V4VOP_sendv' || e.op === 'XEN_ARGO_OP_sendv') && e.detail.ring && e.detail.tx !== undefined && e.detail.rx !== undefined) {
          const len = ringSize.get(e.detail.ring);
          const owner = e.detail.dst.dom;
          if (len) setAt(occ, `ring ${name(owner)} :${e.detail.ring.split(':')[1] ?? ''}`, b, (((e.detail.tx - e.detail.rx) % len) + len) % len / len);
        } else if ((e.op === 'V4VOP_notify' || e.op === 'XEN_ARGO_OP_notify') && e.detail.woken) wakeups[b]! += e.detail.woken.length;
        break;
      case 'gnttab': {
        if (typeof e.src !== 'number') break;
        const before = grants.get(e.src) ?? 0;
        let now = before;
        if (e.op === 'grant_foreign_access' && e.detail.ref >= 0) now++;
        else if ((e.op === 'end_foreign_access' || e.op === 'deferred_free') && e.detail.result === 'freed') now--;
        else if (e.op === 'table_destroyed') now = e.detail.pinnedEntries;
        if (now !== before) {
          grants.set(e.src, now);
          const k = name(e.src);
          const peak = grantLines.get(k)?.[b] ?? null;
          setAt(grantLines, k, b, Math.max(now, peak ?? before));
          setAt(grantEnd, k, b, now);
        }
        break;
      }
      default: break;
    }
  }
  // step functions filled forward; a grant line's next bucket starts from the level its bucket ended at
  for (const m of [occ, grantLines]) for (const [k, a] of m) {
    const ends = m === grantLines ? grantEnd.get(k) : undefined;
    let last: number | null = null;
    for (let i = 0; i < n; i++) { if (a[i] === null) a[i] = last; else last = ends?.[i] ?? a[i]!; }
  }
  const perSec = 1_000_000 / bucketUs;
  for (const a of tp.values()) for (let i = 0; i < n; i++) a[i] = (a[i] ?? 0) * perSec;
  return {
    t, bucketUs,
    throughput: topSeries(tp, sum, (k) => k),
    occupancy: topSeries(occ, max, (k) => k),
    grants: topSeries(grantLines, max, (k) => k),
    grantCapacity: capacity,
    wakeups, spurious,
  };
}

export interface CpuSeries {
  /** Sample times, µs of virtual time (each value covers the interval that ends there). */
  t: number[];
  /** Share of each domain's vCPUs busy over each interval (1 = all its vCPUs all the time). */
  busy: Series[];
}

/** The recorded state at each of `actions` (ascending): one forward replay from the nearest snapshots. */
function* statesAt(recorded: Timeline, actions: readonly number[]): Generator<SimState> {
  const tl = stateTimeline(recorded);
  let st: SimState | null = null;
  let at = -1;
  let k = 0;
  for (const a of actions) {
    while (k + 1 < tl.snapshots.length && tl.snapshots[k + 1]!.action <= a) k++;
    const snap = tl.snapshots[k]!.action;
    // jump to the snapshot when it is ahead of where the replay stands
    if (st === null || snap > at) { st = stateAtAction(tl, snap); at = snap; }
    while (at < a && simStep(st)) { at++; st.trace.events.length = 0; }
    yield st;
  }
}

/**
 * Each domain's vCPU busy share over time. The CPU model is not in the trace: it is read
 * from the recorded state at `samples` moments spread over the run (replayed forward from
 * the timeline's snapshots, so at most the recording's actions once), and the busy time
 * between two moments is divided by the time between them and the domain's vCPUs.
 */
export function cpuSeriesOf(tl: Timeline, names: ReadonlyMap<number, string>, samples = 48): CpuSeries {
  const t0 = timeAt(tl, tl.firstAction);
  const t1 = timeAt(tl, tl.firstAction + tl.endSeq.length - 1);
  const actions: number[] = [];
  for (let k = 0; k <= samples; k++) {
    const a = actionAtTime(tl, t0 + ((t1 - t0) * k) / samples);
    if (actions[actions.length - 1] !== a) actions.push(a);
  }
  const t: number[] = [];
  const busy = new Map<number, Array<number | null>>();
  let prev: { t: number; busy: Map<number, number> } | null = null;
  for (const st of statesAt(tl, actions)) {
    const now = new Map<number, number>();
    for (const k of Object.keys(st.cpu)) now.set(Number(k), cpuBusyUs(st, Number(k)));
    if (prev && st.t > prev.t) {
      const i = t.length;
      t.push(st.t);
      for (const [dom, us] of now) {
        let line = busy.get(dom);
        if (!line) { line = new Array<number | null>(i).fill(0); busy.set(dom, line); }
        line.push(Math.min(1, (us - (prev.busy.get(dom) ?? 0)) / ((st.t - prev.t) * vcpusOf(st, dom))));
      }
      for (const [dom, line] of busy) if (!now.has(dom)) line.push(null);
    }
    prev = { t: st.t, busy: now };
  }
  const lines = [...busy.entries()].map(([dom, values]) => ({ k: dom, values, s: max(values) }))
    .sort((a, b) => b.s - a.s || a.k - b.k).slice(0, TOP)
    .map(({ k, values }) => ({ label: names.get(k) ?? `dom${k}`, values }));
  return { t, busy: lines };
}
