/**
 * Figures over virtual time, computed from the recorded trace (one pass over the events
 * held): throughput per connection, ring occupancy, grants in use, V4V wake-ups. The
 * chart component only draws these arrays.
 */
import type { Timeline, TraceEvent } from '@engine/api';

export interface Series { label: string; values: Array<number | null> }

export interface TimeSeries {
  /** Bucket start times, µs of virtual time. */
  t: number[];
  bucketUs: number;
  /** Bytes per second read, per connection direction (writer → reader). */
  throughput: Series[];
  /** Fraction of the ring in use at the end of each bucket, per ring direction. */
  occupancy: Series[];
  /** Grants in use per domain at the end of each bucket, and the limit they run into. */
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
        if (now !== before) { grants.set(e.src, now); setAt(grantLines, name(e.src), b, now); }
        break;
      }
      default: break;
    }
  }
  for (const m of [occ, grantLines]) for (const a of m.values()) {
    let last: number | null = null;
    for (let i = 0; i < n; i++) { if (a[i] === null) a[i] = last; else last = a[i]!; }
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
