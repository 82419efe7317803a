/**
 * The event queue: a binary heap of plain-data entries ordered by (t, n), where n is
 * a monotonic insertion counter. Equal times keep insertion order, which is how
 * "file order for equal times" is honoured. Entries hold data, never closures, so
 * the queue can be cloned into a snapshot.
 */
export interface QueueEntry<A> { t: number; n: number; action: A }
export interface Queue<A> { heap: QueueEntry<A>[]; nextN: number }

export function queueInit<A>(): Queue<A> { return { heap: [], nextN: 0 }; }

function less<A>(x: QueueEntry<A>, y: QueueEntry<A>): boolean {
  return x.t < y.t || (x.t === y.t && x.n < y.n);
}

export function queuePush<A>(q: Queue<A>, t: number, action: A): void {
  const h = q.heap;
  const e: QueueEntry<A> = { t, n: q.nextN++, action };
  let i = h.length;
  h.push(e);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pe = h[p]!;
    if (!less(e, pe)) break;
    h[i] = pe;
    i = p;
  }
  h[i] = e;
}

export function queuePeek<A>(q: Queue<A>): QueueEntry<A> | undefined { return q.heap[0]; }

export function queuePop<A>(q: Queue<A>): QueueEntry<A> | undefined {
  const h = q.heap;
  const top = h[0];
  if (top === undefined) return undefined;
  const last = h.pop()!;
  if (h.length > 0) {
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && less(h[r]!, h[l]!) ? r : l;
      if (!less(h[c]!, last)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
  return top;
}

export function queueSize<A>(q: Queue<A>): number { return q.heap.length; }

/** Time of the next entry, or undefined. */
export function queueNextTime<A>(q: Queue<A>): number | undefined { return q.heap[0]?.t; }

/** Every queued entry, in no particular order (tests and inspection). */
export function queueEntries<A>(q: Queue<A>): readonly QueueEntry<A>[] { return q.heap; }
