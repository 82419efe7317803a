/**
 * The cause chain of an event: itself, its cause, that one's cause … (by seq). `events`
 * starts at seq `firstSeq` (a recording window); a cause before it ends the chain there.
 */
import type { TraceEvent } from '@engine/api';

export function causeChain(events: readonly TraceEvent[], seq: number, max = 64, firstSeq = 0): Set<number> {
  const out = new Set<number>();
  let cur: number | undefined = seq;
  while (cur !== undefined && !out.has(cur) && out.size < max) {
    out.add(cur);
    cur = events[cur - firstSeq]?.cause;
  }
  return out;
}
