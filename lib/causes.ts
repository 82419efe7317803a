/** The cause chain of an event: itself, its cause, that one's cause … (by seq). */
import type { TraceEvent } from '@engine/index';

export function causeChain(events: readonly TraceEvent[], seq: number, max = 64): Set<number> {
  const out = new Set<number>();
  let cur: number | undefined = seq;
  while (cur !== undefined && !out.has(cur) && out.size < max) {
    out.add(cur);
    cur = events[cur]?.cause;
  }
  return out;
}
