/**
 * Guest-side grant operations (Linux `drivers/xen/grant-table.c`): granting a page,
 * ending foreign access, and the deferred-free timer for entries still mapped.
 */
import { columnsRoom } from '../core/column';
import { GRANT_ENTRIES_PER_FRAME } from '../core/limits';
import type { Ctx } from '../core/trace';
import {
  DEFERRED_PER_TICK, DEFERRED_WARN_AFTER, ENTRY_FILLS, GNTTAB_ENOSPC, GNTTAB_ESRCH, GTF_permit_access, GTF_reading,
  GTF_readonly, GTF_writing, NR_RESERVED, freeRef, isGranted,
} from './types';
import type { DomGnttab, GnttabState } from './types';

/**
 * Linux gnttab_expand() for one more entry: one more frame, asked of Xen with
 * GNTTABOP_setup_table (nr_frames = the new total; never above the maximum here).
 */
function growTable(ctx: Ctx, t: DomGnttab): void {
  const frames = Math.ceil(t.nr / GRANT_ENTRIES_PER_FRAME) + 1;
  t.nr = Math.min(t.maxNr, frames * GRANT_ENTRIES_PER_FRAME);
  ctx.emit('hypercall', 'GNTTABOP_setup_table', t.domid, 'xen', {
    dom: t.domid, nrFrames: frames, maxNrFrames: Math.ceil(t.maxNr / GRANT_ENTRIES_PER_FRAME), status: 0, statusName: 'GNTST_okay',
  });
}

/**
 * gnttab_grant_foreign_access(): write domid and frame, then flags. A full table first
 * grows by a frame (setup_table) while below its maximum. Returns the ref, or
 * -ENOSPC when the table is full, -ESRCH for an unknown or dying granter.
 */
export function grantForeignAccess(
  ctx: Ctx, st: GnttabState, domid: number, grantee: number, frame: number, readonly: boolean,
): number {
  const t = st.doms[domid];
  if (t === undefined || t.dying) {
    ctx.emit('gnttab', 'grant_foreign_access', domid, grantee, { ref: -1, rc: GNTTAB_ESRCH, error: 'no such live domain' });
    return GNTTAB_ESRCH;
  }
  let ref: number;
  if (t.free.length === 0 && t.hwm >= t.nr && t.nr < t.maxNr) growTable(ctx, t);
  if (t.free.length > 0) {
    ref = t.free.pop()!;
  } else if (t.hwm < t.nr) {
    ref = t.hwm++;
    if (t.hwm > t.flags.length) {
      [t.flags, t.gdom, t.frame, t.rpin, t.wpin, t.deferred] = columnsRoom([t.flags, t.gdom, t.frame, t.rpin, t.wpin, t.deferred], t.hwm, ENTRY_FILLS);
    }
  } else {
    ctx.emit('gnttab', 'exhausted', domid, grantee, {
      rc: GNTTAB_ENOSPC, inUse: t.inUse, capacity: t.nr - NR_RESERVED, deferred: t.dq.length - t.dqHead,
    });
    return GNTTAB_ENOSPC;
  }
  const flags = GTF_permit_access | (readonly ? GTF_readonly : 0);
  t.gdom[ref] = grantee;
  t.frame[ref] = frame;
  t.flags[ref] = flags;
  t.inUse++;
  ctx.emit('gnttab', 'grant_foreign_access', domid, grantee, ctx.keep && { ref, frame, readonly, flags });
  return ref;
}

/**
 * gnttab_end_foreign_access(): revoke the grant if nobody maps it ('freed'); otherwise
 * keep ref (and page) on the deferred list for the timer ('deferred'). Reserved, never
 * granted, already freed or already deferred refs give 'invalid'.
 */
export function endForeignAccess(ctx: Ctx, st: GnttabState, domid: number, ref: number): 'freed' | 'deferred' | 'invalid' {
  const t = st.doms[domid];
  if (t === undefined || t.dying || !isGranted(t, ref) || t.deferred[ref] !== 0) {
    const why = t === undefined || t.dying ? 'no such live domain'
      : !isGranted(t, ref) ? 'ref not granted' : 'already deferred';
    ctx.emit('gnttab', 'end_foreign_access', domid, 'xen', { ref, result: 'invalid', error: why });
    return 'invalid';
  }
  const grantee = t.gdom[ref]!;
  const f = t.flags[ref]!;
  if ((f & (GTF_reading | GTF_writing)) !== 0) {
    // gnttab_end_foreign_access_ref() failed: "g.e. still in use".
    t.deferred[ref] = 1;
    if (t.dq.length === t.dqHead && !t.dqListed) {
      t.dqListed = true;
      st.deferredDoms.push(domid);
    }
    t.dq.push(ref);
    ctx.emit('gnttab', 'end_foreign_access_deferred', domid, grantee, {
      ref, result: 'deferred', reading: (f & GTF_reading) !== 0, writing: (f & GTF_writing) !== 0,
    });
    return 'deferred';
  }
  freeRef(t, ref);
  ctx.emit('gnttab', 'end_foreign_access', domid, grantee, { ref, result: 'freed' });
  return 'freed';
}

/** One domain's timer run (gnttab_handle_deferred): at most 10 entries, stop at the first re-queued one. */
function tickDom(ctx: Ctx, t: DomGnttab): number {
  let first = -1;
  let freed = 0;
  for (let n = 0; n < DEFERRED_PER_TICK && t.dqHead < t.dq.length; n++) {
    const ref = t.dq[t.dqHead]!;
    if (ref === first) break;
    t.dqHead++;
    if ((t.flags[ref]! & (GTF_reading | GTF_writing)) === 0) {
      const tries = t.deferred[ref]!;
      const grantee = t.gdom[ref]!;
      freeRef(t, ref);
      freed++;
      ctx.emit('gnttab', 'deferred_free', t.domid, grantee, { ref, result: 'freed', retries: tries });
    } else {
      const failures = t.deferred[ref]!;
      t.deferred[ref] = failures + 1;
      if (failures === DEFERRED_WARN_AFTER) {
        ctx.emit('gnttab', 'deferred_free', t.domid, t.gdom[ref]!, { ref, result: 'still_pending', retries: failures });
      }
      if (first < 0) first = ref;
      t.dq.push(ref);
    }
  }
  if (t.dqHead === t.dq.length) {
    t.dq.length = 0;
    t.dqHead = 0;
  } else if (t.dqHead >= 64 && t.dqHead * 2 >= t.dq.length) {
    t.dq.splice(0, t.dqHead);
    t.dqHead = 0;
  }
  return freed;
}

/**
 * The deferred-free timer, called once per virtual second. Every guest kernel runs its
 * own timer, so each domain with deferred entries retries up to 10 of them. Returns the
 * number of refs freed.
 */
export function gnttabTick(ctx: Ctx, st: GnttabState): number {
  const list = st.deferredDoms;
  let w = 0;
  let freed = 0;
  for (let i = 0; i < list.length; i++) {
    const d = list[i]!;
    const t = st.doms[d];
    if (t === undefined || !t.dqListed) continue;
    freed += tickDom(ctx, t);
    if (t.dqHead < t.dq.length) list[w++] = d;
    else t.dqListed = false;
  }
  list.length = w;
  return freed;
}

/** Refs of `domid` waiting on the deferred-free list. */
export function deferredCount(st: GnttabState, domid: number): number {
  const t = st.doms[domid];
  return t === undefined ? 0 : t.dq.length - t.dqHead;
}
