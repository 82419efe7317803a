/**
 * Transactions as snapshot plus conflict check. A transaction sees its own changes
 * (copy-on-write overlay) over the live store. The commit rule is the version's:
 * - 4.3: one global generation, bumped by every change outside a transaction and every
 *   commit; a commit fails with EAGAIN if it moved at all since the start, even for a
 *   read-only transaction or unrelated writes ("FIXME: Merge, rather failing on any change").
 * - 4.19 (per-node, since 4.9): every path it reads or writes is recorded, and every live
 *   change by anybody else marks that path dirty in every open transaction; commit fails
 *   when the two sets meet. A node read after someone else changed it also conflicts, so
 *   a commit never rests on data the snapshot would not have shown.
 * Otherwise the overlay is applied and the recorded changes fire their watches.
 */
import type { Ctx } from '../core/trace';
import { type XsResult, type XsState, isLive, isPrivileged, quotaOf, quotaTidy } from './types';
import { fail, fireChange, putNode, settleChildren, txDrop, txPut } from './tree';

/** XS_TRANSACTION_START: over the per-domain quota (more than 10 open: 11 fit) -> ENOSPC (unprivileged). */
const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

export function xsTransactionStart(ctx: Ctx, xs: XsState, dom: number): XsResult<number> {
  const type = 'XS_TRANSACTION_START';
  if (!isLive(xs, dom)) return fail(ctx, xs, dom, type, 'EPERM');
  const q = quotaOf(xs, dom);
  if (!isPrivileged(xs, dom) && q.transactions > xs.limits.transactions) {
    quotaTidy(xs, dom);
    return fail(ctx, xs, dom, type, 'ENOSPC');
  }
  const id = xs.nextTxId++;
  // Paths go in Maps and Sets (every transaction touches different paths); the per-owner
  // deltas in a dictionary (null prototype).
  txPut(xs, {
    id, dom, overlay: new Map(), accessed: new Set(), dirtied: new Set(), nodeDelta: dict(), changes: [], startGen: xs.generation,
  });
  q.transactions++;
  ctx.emit('xenstore', type, dom, 'xenstore', { tx: id });
  return { ok: true, value: id };
}

/**
 * XS_TRANSACTION_END: commit (T) or abort (F). Unknown or foreign id -> ENOENT. The
 * transaction is gone afterwards in every case; on EAGAIN the client starts again.
 */
export function xsTransactionEnd(ctx: Ctx, xs: XsState, dom: number, tx: number, commit: boolean): XsResult<void> {
  const type = 'XS_TRANSACTION_END';
  const detail = { tx, commit };
  if (!isLive(xs, dom)) return fail(ctx, xs, dom, type, 'EPERM', detail);
  const t = xs.transactions[String(tx)];
  if (!t || t.dom !== dom) return fail(ctx, xs, dom, type, 'ENOENT', detail);
  txDrop(xs, String(tx));
  quotaOf(xs, dom).transactions--;
  quotaTidy(xs, dom);
  if (!commit) {
    ctx.emit('xenstore', type, dom, 'xenstore', detail);
    return { ok: true, value: undefined };
  }
  if (xs.xen === '4.3') {
    if (xs.generation !== t.startGen) return fail(ctx, xs, dom, type, 'EAGAIN', { ...detail, changesSince: xs.generation - t.startGen });
  } else {
    const conflicts = t.dirtied.size === 0 ? [] : [...t.accessed].filter((p) => t.dirtied.has(p)).sort();
    if (conflicts.length > 0) return fail(ctx, xs, dom, type, 'EAGAIN', { ...detail, conflicts });
  }
  for (const p of [...t.overlay.keys()].sort()) {
    const n = t.overlay.get(p) ?? null;
    settleChildren(xs, t, p, n);
    putNode(xs, undefined, p, n, t.id);
  }
  xs.generation++;
  ctx.emit('xenstore', type, dom, 'xenstore', ctx.keep && { ...detail, changed: t.overlay.size });
  for (const ch of t.changes) fireChange(ctx, xs, ch);
  return { ok: true, value: undefined };
}
