/**
 * What the diagram and the figures read of grants at one action, apart from the series over
 * time (store/series.ts, loaded with the time charts): the first screen needs only this.
 */
import { eventsBetween, endSeqAt, startSeqAt } from '@engine/lite';
import type { Timeline } from '@engine/api';

/**
 * Grant refs Xen reserves at the start of every table (GNTTAB_NR_RESERVED_ENTRIES, refs 0-7,
 * the same in every version modelled): a table of N entries has N - 8 a guest can grant.
 */
export const RESERVED_GRANT_ENTRIES = 8;

/**
 * Grants each domain held when a grant was refused it in `action` (gnttab `exhausted`):
 * the table is full at that moment, even if the action then gives back what it took.
 */
export function grantPeaksIn(tl: Timeline, action: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const e of eventsBetween(tl, startSeqAt(tl, action), endSeqAt(tl, action))) {
    if (e.kind === 'gnttab' && e.op === 'exhausted' && typeof e.src === 'number') out.set(e.src, Math.max(out.get(e.src) ?? 0, e.detail.inUse));
  }
  return out;
}
