/**
 * The event queue: entries ordered by (t, n), where n is a monotonic insertion counter.
 * Equal times keep insertion order, which is how "file order for equal times" is
 * honoured. Entries live in one of two places, both kept as parallel arrays (times,
 * counters, actions), so ordering compares numbers in flat arrays instead of chasing an
 * entry object per comparison:
 *  - a binary heap, for work in any order;
 *  - a few FIFO lanes, each for work its caller pushes in time order (the scenario's steps
 *    and connect timeouts: a set-up of 50,000 connections keeps as many queued; the
 *    connection manager's turns; xenstored's watch deliveries). Appending and taking the
 *    head are O(1) and keep the heap small. A push that would break its lane's order goes
 *    to the heap instead, so lanes are only a fast path: the order popped is the same
 *    whichever place an entry sat in.
 * Entries hold data, never closures, so the queue survives structuredClone and JSON into a
 * snapshot.
 */
export interface QueueEntry<A> { t: number; action: A }
export interface Queue<A> {
  /** heap order: ts[i], ns[i], actions[i] describe entry i */
  ts: number[];
  ns: number[];
  actions: A[];
  nextN: number;
  /** FIFO lanes: lane k holds entries lh[k].. of lts[k], lns[k], lacts[k], in (t, n) order. */
  lts: number[][];
  lns: number[][];
  lacts: A[][];
  lh: number[];
}

/** How many FIFO lanes a queue has (lane numbers 0 .. QUEUE_LANES - 1). */
export const QUEUE_LANES = 3;

export function queueInit<A>(): Queue<A> {
  const lanes = <T>(): T[][] => Array.from({ length: QUEUE_LANES }, () => []);
  return { ts: [], ns: [], actions: [], nextN: 0, lts: lanes(), lns: lanes(), lacts: lanes(), lh: new Array<number>(QUEUE_LANES).fill(0) };
}

export function queuePush<A>(q: Queue<A>, t: number, action: A): void {
  heapPush(q, t, q.nextN++, action);
}

/**
 * Queue work its caller pushes in time order on lane `lane` (each `t` at least the last one
 * pushed there). Out of order, it goes on the heap (same result, slower).
 */
export function queuePushInOrder<A>(q: Queue<A>, lane: number, t: number, action: A): void {
  const n = q.nextN++;
  const lts = q.lts[lane]!;
  const len = lts.length;
  if (len > q.lh[lane]! && lts[len - 1]! > t) { heapPush(q, t, n, action); return; }
  lts.push(t); q.lns[lane]!.push(n); q.lacts[lane]!.push(action);
}

function heapPush<A>(q: Queue<A>, t: number, n: number, action: A): void {
  const { ts, ns, actions } = q;
  let i = ts.length;
  ts.push(t); ns.push(n); actions.push(action);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pt = ts[p]!;
    if (pt < t || (pt === t && ns[p]! < n)) break;
    ts[i] = pt; ns[i] = ns[p]!; actions[i] = actions[p]!;
    i = p;
  }
  ts[i] = t; ns[i] = n; actions[i] = action;
}

/** Where the next entry is: a lane number, HEAP, or EMPTY. */
const HEAP = -1, EMPTY = -2;
function next<A>(q: Queue<A>): number {
  let where = q.ts.length > 0 ? HEAP : EMPTY;
  let bt = where === HEAP ? q.ts[0]! : Infinity, bn = where === HEAP ? q.ns[0]! : Infinity;
  for (let k = 0; k < q.lh.length; k++) {
    const h = q.lh[k]!, lts = q.lts[k]!;
    if (h >= lts.length) continue;
    const t = lts[h]!;
    if (t < bt || (t === bt && q.lns[k]![h]! < bn)) { where = k; bt = t; bn = q.lns[k]![h]!; }
  }
  return where;
}

export function queuePeek<A>(q: Queue<A>): QueueEntry<A> | undefined {
  const w = next(q);
  if (w === EMPTY) return undefined;
  return w === HEAP ? { t: q.ts[0]!, action: q.actions[0]! } : { t: q.lts[w]![q.lh[w]!]!, action: q.lacts[w]![q.lh[w]!]! };
}

/** Time of the next entry, or undefined. */
export function queueNextTime<A>(q: Queue<A>): number | undefined {
  const w = next(q);
  return w === EMPTY ? undefined : w === HEAP ? q.ts[0] : q.lts[w]![q.lh[w]!];
}

export function queuePop<A>(q: Queue<A>): QueueEntry<A> | undefined {
  const t = queueNextTime(q);
  return t === undefined ? undefined : { t, action: queueTake(q)! };
}

/** Remove the next entry and return its action (its time is queueNextTime's, read before). */
export function queueTake<A>(q: Queue<A>): A | undefined {
  const w = next(q);
  return w === EMPTY ? undefined : w === HEAP ? heapTake(q) : laneTake(q, w);
}

function laneTake<A>(q: Queue<A>, k: number): A {
  const h = q.lh[k]!;
  const acts = q.lacts[k]!;
  const a = acts[h]!;
  const len = acts.length;
  if (h + 1 === len) { q.lts[k] = []; q.lns[k] = []; q.lacts[k] = []; q.lh[k] = 0; }
  else if (h + 1 >= 1024 && (h + 1) * 2 >= len) {
    q.lts[k] = q.lts[k]!.slice(h + 1); q.lns[k] = q.lns[k]!.slice(h + 1); q.lacts[k] = acts.slice(h + 1); q.lh[k] = 0;
  } else { acts[h] = undefined as A; q.lh[k] = h + 1; } // let the action go
  return a;
}

function heapTake<A>(q: Queue<A>): A | undefined {
  const { ts, ns, actions } = q;
  const size = ts.length;
  if (size === 0) return undefined;
  const top = actions[0]!;
  const lt = ts.pop()!, ln = ns.pop()!, la = actions.pop()!;
  const m = size - 1;
  if (m > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= m) break;
      const r = l + 1;
      let c = l;
      if (r < m) {
        const rt = ts[r]!, ltc = ts[l]!;
        if (rt < ltc || (rt === ltc && ns[r]! < ns[l]!)) c = r;
      }
      const ct = ts[c]!;
      if (lt < ct || (lt === ct && ln < ns[c]!)) break;
      ts[i] = ct; ns[i] = ns[c]!; actions[i] = actions[c]!;
      i = c;
    }
    ts[i] = lt; ns[i] = ln; actions[i] = la;
  }
  return top;
}

export function queueSize<A>(q: Queue<A>): number {
  let n = q.ts.length;
  for (let k = 0; k < q.lh.length; k++) n += q.lts[k]!.length - q.lh[k]!;
  return n;
}

/** Every queued entry, in no particular order (tests and inspection). */
export function queueEntries<A>(q: Queue<A>): QueueEntry<A>[] {
  const out = q.ts.map((t, i) => ({ t, action: q.actions[i]! }));
  for (let k = 0; k < q.lh.length; k++) {
    for (let i = q.lh[k]!; i < q.lts[k]!.length; i++) out.push({ t: q.lts[k]![i]!, action: q.lacts[k]![i]! });
  }
  return out;
}
