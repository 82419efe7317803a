/**
 * The event queue: a binary heap ordered by (t, n), where n is a monotonic insertion
 * counter. Equal times keep insertion order, which is how "file order for equal times"
 * is honoured. The heap is kept as parallel arrays (times, counters, actions), so sifting
 * compares numbers in two flat arrays instead of chasing an entry object per comparison
 * (a set-up of 50,000 connections keeps as many timeouts queued). Entries hold data,
 * never closures, so the queue survives structuredClone and JSON into a snapshot.
 */
export interface QueueEntry<A> { t: number; action: A }
export interface Queue<A> {
  /** heap order: ts[i], ns[i], actions[i] describe entry i */
  ts: number[];
  ns: number[];
  actions: A[];
  nextN: number;
}

export function queueInit<A>(): Queue<A> { return { ts: [], ns: [], actions: [], nextN: 0 }; }

export function queuePush<A>(q: Queue<A>, t: number, action: A): void {
  const { ts, ns, actions } = q;
  const n = q.nextN++;
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

export function queuePeek<A>(q: Queue<A>): QueueEntry<A> | undefined {
  return q.ts.length === 0 ? undefined : { t: q.ts[0]!, action: q.actions[0]! };
}

/** Time of the next entry, or undefined. */
export function queueNextTime<A>(q: Queue<A>): number | undefined { return q.ts[0]; }

export function queuePop<A>(q: Queue<A>): QueueEntry<A> | undefined {
  const { ts, ns, actions } = q;
  const size = ts.length;
  if (size === 0) return undefined;
  const top: QueueEntry<A> = { t: ts[0]!, action: actions[0]! };
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

export function queueSize<A>(q: Queue<A>): number { return q.ts.length; }

/** Every queued entry, in no particular order (tests and inspection). */
export function queueEntries<A>(q: Queue<A>): QueueEntry<A>[] {
  return q.ts.map((t, i) => ({ t, action: q.actions[i]! }));
}
