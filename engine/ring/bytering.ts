/**
 * The content of one vchan byte ring, without the bytes: a FIFO of segments
 * `{ len, meta }` (meta is the caller's small plain object, e.g. `{ conn, off }`).
 * Reading may split a segment; each returned piece says at which offset of its
 * segment it starts, so a reader can check order. The queue keeps a head index and
 * an offset into the head segment instead of shifting the array; consumed entries
 * are dropped in bulk when they make up at least half the array. A ring never written
 * to has no queue (null): it holds nothing.
 */

export interface Segment<M> { len: number; meta: M }

/**
 * Bytes handed to a reader. `at` = offset within the segment as it was written.
 * `meta === null` marks bytes the peer's indices claimed but nobody wrote (garbage
 * after index corruption); a sound ring never yields them.
 */
export interface Piece<M> { len: number; meta: M | null; at: number }

export interface SegQueue<M> {
  segs: Segment<M>[];
  /** Index of the first unconsumed segment in `segs`. */
  head: number;
  /** Bytes already consumed from `segs[head]`. */
  headUsed: number;
}

/** Compact once this many consumed entries sit before head (and they are half the array). */
const COMPACT_AT = 64;

export function segQueueInit<M>(): SegQueue<M> {
  return { segs: [], head: 0, headUsed: 0 };
}

/** Append `len` (> 0) bytes described by `meta`. */
export function segPush<M>(q: SegQueue<M>, len: number, meta: M): void {
  q.segs.push({ len, meta });
}

/**
 * Consume up to `n` bytes from the front, appending pieces to `out`. If the queue
 * holds fewer than `n` bytes the rest is reported as one garbage piece (meta null).
 */
export function segTake<M>(q: SegQueue<M> | null, n: number, out: Piece<M>[]): void {
  if (!q) { // never written: every claimed byte is garbage
    if (n > 0) out.push({ len: n, meta: null, at: 0 });
    return;
  }
  const segs = q.segs;
  let head = q.head;
  let used = q.headUsed;
  let left = n;
  while (left > 0 && head < segs.length) {
    const s = segs[head]!;
    const avail = s.len - used;
    if (avail <= left) {
      out.push({ len: avail, meta: s.meta, at: used });
      left -= avail;
      head++;
      used = 0;
    } else {
      out.push({ len: left, meta: s.meta, at: used });
      used += left;
      left = 0;
    }
  }
  if (left > 0) out.push({ len: left, meta: null, at: 0 });
  if (head === segs.length) {
    segs.length = 0;
    head = 0;
    used = 0;
  } else if (head >= COMPACT_AT && head * 2 >= segs.length) {
    segs.splice(0, head);
    head = 0;
  }
  q.head = head;
  q.headUsed = used;
}

/** Unconsumed bytes held by the queue (O(segments); for checks and tests). */
export function segBytes<M>(q: SegQueue<M> | null): number {
  if (!q) return 0;
  let sum = -q.headUsed;
  for (let i = q.head; i < q.segs.length; i++) sum += q.segs[i]!.len;
  return q.head < q.segs.length ? sum : 0;
}

/** Unconsumed segments (for inspection). */
export function segCount<M>(q: SegQueue<M> | null): number {
  if (!q) return 0;
  return q.segs.length - q.head;
}

/** Invariant violations of the queue itself ([] when sound). */
export function segCheck<M>(q: SegQueue<M> | null): string[] {
  const out: string[] = [];
  if (!q) return out;
  if (q.head < 0 || q.head > q.segs.length) out.push(`head ${q.head} outside 0..${q.segs.length}`);
  const h = q.segs[q.head];
  if (q.headUsed < 0 || (h ? q.headUsed >= h.len : q.headUsed !== 0)) {
    out.push(`headUsed ${q.headUsed} outside the head segment`);
  }
  for (let i = q.head; i < q.segs.length; i++) {
    const s = q.segs[i]!;
    if (!Number.isInteger(s.len) || s.len <= 0) out.push(`segment ${i} has length ${s.len}`);
  }
  return out;
}
