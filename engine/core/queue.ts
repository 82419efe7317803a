/**
 * The event queue: entries ordered by (t, n), where n is a monotonic insertion counter.
 * Equal times keep insertion order, which is how "file order for equal times" is
 * honoured. Entries live in one of two places, both kept as parallel arrays (times,
 * counters, actions), so ordering compares numbers in flat arrays instead of chasing an
 * entry object per comparison:
 *  - a binary heap, for work in any order;
 *  - a FIFO lane, for work its caller pushes in time order (the scenario's steps, connect
 *    timeouts: a set-up of 50,000 connections keeps as many queued). Appending and taking
 *    the head are O(1) and keep the heap small. A push that would break the lane's order
 *    goes to the heap instead, so the lane is only a fast path: the order popped is the
 *    same whichever place an entry sat in.
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
  /** The FIFO lane: entries lh.. of lts/lns/lacts, in (t, n) order. */
  lts: number[];
  lns: number[];
  lacts: A[];
  lh: number;
}

export function queueInit<A>(): Queue<A> {
  return { ts: [], ns: [], actions: [], nextN: 0, lts: [], lns: [], lacts: [], lh: 0 };
}

export function queuePush<A>(q: Queue<A>, t: number, action: A): void {
  heapPush(q, t, q.nextN++, action);
}

/**
 * Queue work its caller pushes in time order (each `t` at least the last one pushed this
 * way): it goes on the FIFO lane. Out of order, it goes on the heap (same result, slower).
 */
export function queuePushInOrder<A>(q: Queue<A>, t: number, action: A): void {
  const n = q.nextN++;
  const len = q.lts.length;
  if (len > q.lh && q.lts[len - 1]! > t) { heapPush(q, t, n, action); return; }
  q.lts.push(t); q.lns.push(n); q.lacts.push(action);
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

/** Is the lane's head due before the heap's top? (Both non-empty or either empty.) */
function laneFirst<A>(q: Queue<A>): boolean {
  if (q.lh >= q.lts.length) return false;
  if (q.ts.length === 0) return true;
  const lt = q.lts[q.lh]!, ht = q.ts[0]!;
  return lt < ht || (lt === ht && q.lns[q.lh]! < q.ns[0]!);
}

export function queuePeek<A>(q: Queue<A>): QueueEntry<A> | undefined {
  if (laneFirst(q)) return { t: q.lts[q.lh]!, action: q.lacts[q.lh]! };
  return q.ts.length === 0 ? undefined : { t: q.ts[0]!, action: q.actions[0]! };
}

/** Time of the next entry, or undefined. */
export function queueNextTime<A>(q: Queue<A>): number | undefined {
  return laneFirst(q) ? q.lts[q.lh] : q.ts[0];
}

export function queuePop<A>(q: Queue<A>): QueueEntry<A> | undefined {
  const t = queueNextTime(q);
  return t === undefined ? undefined : { t, action: queueTake(q)! };
}

/** Remove the next entry and return its action (its time is queueNextTime's, read before). */
export function queueTake<A>(q: Queue<A>): A | undefined {
  if (laneFirst(q)) return laneTake(q);
  return heapTake(q);
}

function laneTake<A>(q: Queue<A>): A {
  const a = q.lacts[q.lh]!;
  q.lh++;
  const len = q.lts.length;
  if (q.lh === len) { q.lts = []; q.lns = []; q.lacts = []; q.lh = 0; }
  else if (q.lh >= 1024 && q.lh * 2 >= len) {
    q.lts = q.lts.slice(q.lh); q.lns = q.lns.slice(q.lh); q.lacts = q.lacts.slice(q.lh); q.lh = 0;
  } else q.lacts[q.lh - 1] = undefined as A; // let the action go
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

export function queueSize<A>(q: Queue<A>): number { return q.ts.length + q.lts.length - q.lh; }

/** Every queued entry, in no particular order (tests and inspection). */
export function queueEntries<A>(q: Queue<A>): QueueEntry<A>[] {
  const out = q.ts.map((t, i) => ({ t, action: q.actions[i]! }));
  for (let i = q.lh; i < q.lts.length; i++) out.push({ t: q.lts[i]!, action: q.lacts[i]! });
  return out;
}
