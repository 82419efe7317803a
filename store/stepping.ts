/**
 * Stepping goes to the next thing a person can see: an action whose events include one
 * the sequence chart shows (with its current filter). Actions that only tick hidden
 * housekeeping (deferred frees, masked pending bits, xenstore plumbing) are passed over.
 */
import { startSeqAt, endSeqAt, eventAt, type Timeline } from '@engine/lite';
import { isDefaultVisible } from '@lib/chartRows';

export function actionShows(tl: Timeline, a: number, showAll: boolean): boolean {
  const lo = Math.max(startSeqAt(tl, a), tl.firstSeq), hi = endSeqAt(tl, a);
  if (hi <= lo) return false;
  if (showAll) return true;
  for (let s = lo; s < hi; s++) { const e = eventAt(tl, s); if (e && isDefaultVisible(e)) return true; }
  return false;
}

/** Most actions a step passes over looking for a visible one (a long hidden stretch ends the step there). */
export const STEP_SCAN_MAX = 20_000;
