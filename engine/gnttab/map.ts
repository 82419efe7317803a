/**
 * Hypervisor-side grant operations (Xen `xen/common/grant_table.c`): map and unmap by
 * handle, and domain death (`gnttab_release_mappings`, then the table goes away while
 * entries still mapped by others keep the dying domain around).
 */
import { columns, columnsRoom } from '../core/column';
import type { Ctx } from '../core/trace';
import {
  GNTST_bad_domain, GNTST_bad_gntref, GNTST_bad_handle, GNTST_general_error, GNTST_okay,
  GNTST_permission_denied, GTF_permit_access, GTF_reading, GTF_readonly, GTF_type_mask, GTF_writing,
  HANDLE_FILLS, MAPTRACK_PER_PAGE, NR_RESERVED, PIN_LIMIT, gntstName, maptrackFullStatus,
} from './types';
import type { DomGnttab, GnttabState } from './types';

/** Checks 7 and 8 of map_grant_ref() against the granter's entry; returns a GNTST code. */
function pinCheck(g: DomGnttab, ref: number, mapper: number, readonly: boolean): number {
  if (ref >= g.hwm) return GNTST_general_error; // never granted: type GTF_invalid
  const r = g.rpin[ref]!;
  const w = g.wpin[ref]!;
  if (r + w > 0) {
    // Already pinned: same mapper only, and no pin counter may be about to overflow.
    if (g.gdom[ref] !== mapper || r >= PIN_LIMIT || w >= PIN_LIMIT) return GNTST_general_error;
    if (readonly || w > 0) return GNTST_okay;
  }
  // First pin (or first writable pin): _set_status_v1() checks.
  const f = g.flags[ref]!;
  if ((f & GTF_type_mask) !== GTF_permit_access || g.gdom[ref] !== mapper) return GNTST_general_error;
  if (!readonly && (f & GTF_readonly) !== 0) return GNTST_general_error;
  return GNTST_okay;
}

/** Room in the maptrack columns for `n` more handles past the high-water mark. */
function growHandles(mt: DomGnttab, n: number): void {
  const need = mt.mtHwm + n;
  if (need > mt.mtDom.length) [mt.mtDom, mt.mtRef, mt.mtRo] = columnsRoom([mt.mtDom, mt.mtRef, mt.mtRo], need, HANDLE_FILLS);
}

/**
 * A free maptrack handle (the caller checked mtUsed < mtNr). 4.3 (`get_maptrack_handle`):
 * a stack, so the last freed handle comes back first, fresh ones ascending after it.
 * Current Xen: a queue per vCPU; when it runs dry a new maptrack frame's handles are
 * queued in order, and freed handles join the tail, behind any fresh ones left.
 */
function takeHandle(st: GnttabState, mt: DomGnttab): number {
  if (st.xen === '4.3') {
    if (mt.mtFree.length > 0) return mt.mtFree.pop()!;
    growHandles(mt, 1);
    return mt.mtHwm++;
  }
  if (mt.mtFree.length === 0) {
    const n = Math.min(MAPTRACK_PER_PAGE, mt.mtNr - mt.mtHwm);
    growHandles(mt, n);
    for (let i = 0; i < n; i++) mt.mtFree.push(mt.mtHwm++);
  }
  return mt.mtFree.shift()!;
}

/**
 * GNTTABOP_map_grant_ref (host map). Checks in Xen's order: bad_domain, XSM
 * (permission_denied), maptrack full (4.3: no_device_space; 4.16+: no_space), ref >= the
 * granter's current size (bad_gntref), pin/status checks (general_error). A caller that
 * is not a live domain gets general_error.
 */
export function mapGrantRef(
  ctx: Ctx, st: GnttabState, mapper: number, granter: number, ref: number, readonly: boolean,
): { status: number; handle: number } {
  const m = st.doms[mapper];
  const g = st.doms[granter];
  let status: number;
  if (m === undefined || m.dying) status = GNTST_general_error;
  else if (g === undefined || g.dying) status = GNTST_bad_domain;
  else if (!ctx.xsmAllows('grant_mapref', mapper, granter)) status = GNTST_permission_denied;
  else if (m.mtUsed >= m.mtNr) status = maptrackFullStatus(st.xen);
  else if (!Number.isInteger(ref) || ref < 0 || ref >= g.nr) status = GNTST_bad_gntref;
  else status = pinCheck(g, ref, mapper, readonly);

  let handle = -1;
  if (status === GNTST_okay) {
    const mt = m!;
    const gt = g!;
    handle = takeHandle(st, mt);
    mt.mtDom[handle] = granter;
    mt.mtRef[handle] = ref;
    mt.mtRo[handle] = readonly ? 1 : 0;
    mt.mtUsed++;
    if (readonly) gt.rpin[ref]!++;
    else gt.wpin[ref]!++;
    gt.flags[ref] = gt.flags[ref]! | GTF_reading | (readonly ? 0 : GTF_writing);
    gt.foreignMaps++;
  }
  ctx.emit('hypercall', 'GNTTABOP_map_grant_ref', mapper, 'xen', ctx.keep && {
    dom: granter, ref, readonly, status, statusName: gntstName(status), handle,
  });
  return { status, handle };
}

/** Drop one held mapping: unpin the granter's entry, free the handle. Returns the granter's domid. */
function releaseHandle(ctx: Ctx, st: GnttabState, m: DomGnttab, handle: number): number {
  const gd = m.mtDom[handle]!;
  const ref = m.mtRef[handle]!;
  const g = st.doms[gd];
  m.mtDom[handle] = -1;
  m.mtFree.push(handle);
  m.mtUsed--;
  if (g === undefined) return gd; // cannot happen while gnttabCheck() holds
  if (m.mtRo[handle] === 1) g.rpin[ref]!--;
  else g.wpin[ref]!--;
  let f = g.flags[ref]!;
  if (g.wpin[ref] === 0) f &= ~GTF_writing;
  if (g.rpin[ref]! + g.wpin[ref]! === 0) f &= ~GTF_reading;
  g.flags[ref] = f;
  g.foreignMaps--;
  if (g.dying) {
    if ((f & (GTF_reading | GTF_writing)) === 0) {
      g.flags[ref] = 0; g.gdom[ref] = 0; g.frame[ref] = 0;
      g.inUse--;
    }
    if (g.foreignMaps === 0) {
      delete st.doms[gd];
      ctx.emit('gnttab', 'table_released', gd, 'xen', { dom: gd, note: 'last foreign mapping gone' });
    }
  }
  return gd;
}

/** GNTTABOP_unmap_grant_ref by handle. Unknown or already unmapped handle -> GNTST_bad_handle. */
export function unmapGrantRef(ctx: Ctx, st: GnttabState, mapper: number, handle: number): number {
  const m = st.doms[mapper];
  let status = GNTST_okay;
  let dom = -1;
  let ref = -1;
  if (m === undefined || !Number.isInteger(handle) || handle < 0 || handle >= m.mtHwm || m.mtDom[handle] === -1) {
    status = GNTST_bad_handle;
  } else {
    dom = m.mtDom[handle]!;
    ref = m.mtRef[handle]!;
  }
  const seq = ctx.emit('hypercall', 'GNTTABOP_unmap_grant_ref', mapper, 'xen', {
    handle, dom, ref, status, statusName: gntstName(status),
  });
  if (status === GNTST_okay) {
    const saved = ctx.cause;
    ctx.cause = seq;
    releaseHandle(ctx, st, m!, handle);
    ctx.cause = saved;
  }
  return status;
}

/**
 * Domain death, grant side. First every mapping the domain HOLDS is released (pins on
 * the granters' entries drop), then its table goes away: entries nobody maps are freed,
 * entries mapped by other domains stay until those unmap, and the domain lingers as
 * dying. Returns the number of foreign mappings still pinning its pages (0 = gone).
 */
export function gnttabRemoveDomain(ctx: Ctx, st: GnttabState, domid: number): number {
  const t = st.doms[domid];
  if (t === undefined) return 0;
  if (t.dying) return t.foreignMaps;
  let released = 0;
  for (let h = 0; h < t.mtHwm; h++) {
    if (t.mtDom[h] === -1) continue;
    const ref = t.mtRef[h]!;
    const gd = releaseHandle(ctx, st, t, h);
    released++;
    ctx.emit('gnttab', 'release_mapping', domid, gd, { handle: h, dom: gd, ref });
  }
  t.dying = true;
  t.mtHwm = 0; t.mtFree = []; [t.mtDom, t.mtRef, t.mtRo] = columns(0, HANDLE_FILLS); t.mtUsed = 0;
  if (t.dqListed) {
    const i = st.deferredDoms.indexOf(domid);
    if (i >= 0) st.deferredDoms.splice(i, 1);
    t.dqListed = false;
  }
  t.dq = []; t.dqHead = 0;
  let freed = 0;
  let pinned = 0;
  for (let ref = NR_RESERVED; ref < t.hwm; ref++) {
    const f = t.flags[ref]!;
    if ((f & GTF_type_mask) === 0) continue;
    t.deferred[ref] = 0;
    if ((f & (GTF_reading | GTF_writing)) === 0) {
      t.flags[ref] = 0; t.gdom[ref] = 0; t.frame[ref] = 0;
      t.inUse--;
      freed++;
    } else {
      pinned++;
    }
  }
  t.free = [];
  const foreign = t.foreignMaps;
  ctx.emit('gnttab', 'table_destroyed', domid, 'xen', {
    dom: domid, releasedMappings: released, freedEntries: freed, pinnedEntries: pinned, foreignMappings: foreign,
  });
  if (foreign === 0) {
    delete st.doms[domid];
    ctx.emit('gnttab', 'table_released', domid, 'xen', { dom: domid, note: 'no foreign mappings' });
  }
  return foreign;
}
