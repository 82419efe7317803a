/**
 * Rows of the sequence chart, built once per recorded run. By default the noise is
 * filtered out: xenstore traffic, evtchn pending/ EVTCHNOP_* hypercalls are hidden,
 * and a burst of identical grant operations in one action becomes one "×N" row.
 */
import type { TraceEvent, Endpoint } from '@engine/api';

export interface ChartRow {
  /** seq of the first event of the row (the one the chart seeks to). */
  seq: number;
  /** seq of the last event summarised in the row. */
  last: number;
  t: number;
  kind: TraceEvent['kind'];
  op: string;
  src: Endpoint;
  dst: Endpoint;
  count: number;
  cause: number | undefined;
  /** short human text next to the arrow */
  text: string;
  /** a refusal, reset or error: drawn red with ✕ */
  bad: boolean;
}

const GRANT_OPS = new Set(['GNTTABOP_map_grant_ref', 'GNTTABOP_unmap_grant_ref', 'grant_foreign_access', 'end_foreign_access']);

export function isDefaultVisible(e: TraceEvent): boolean {
  switch (e.kind) {
    case 'cm': case 'vsock': case 'ring': case 'toolstack': case 'error': case 'v4v': case 'xenbus':
      return true;
    case 'evtchn':
      return e.op === 'upcall' || e.op === 'peer-closed' || e.op === 'dropped';
    case 'gnttab':
      return e.op === 'grant_foreign_access' || e.op === 'exhausted';
    case 'hypercall':
      return e.op === 'GNTTABOP_map_grant_ref' || e.op === 'GNTTABOP_unmap_grant_ref' || e.op.startsWith('V4VOP') || e.op.startsWith('XEN_ARGO');
    case 'xenstore':
      // the xenstore broker's exchange (/vsock/…) is the story; the rest is plumbing
      return isBrokerXs(e);
  }
}

/** A xenstore op of the xenstore broker (nodes under /vsock), transactions left out. */
export function isBrokerXs(e: TraceEvent): boolean {
  const path = e.detail['path'];
  return e.kind === 'xenstore' && typeof path === 'string' && path.startsWith('/vsock/') && !e.op.startsWith('XS_TRANSACTION');
}

export function isBad(e: TraceEvent): boolean {
  if (e.kind === 'xenstore' && e.op === 'XS_ERROR' && e.detail['err'] === 'EACCES') return true;
  if (e.kind === 'error') return true;
  if (e.kind === 'vsock' && (e.op === 'refused' || e.op === 'reset')) return true;
  if (e.kind === 'cm' && e.detail['status'] !== undefined && e.detail['status'] !== 'ok') return true;
  if (e.kind === 'cm' && e.op === 'policy' && e.detail['verdict'] === 'deny') return true;
  if (e.kind === 'cm' && e.op === 'dropped') return true;
  if (e.kind === 'gnttab' && e.op === 'exhausted') return true;
  return false;
}

export function eventText(e: TraceEvent): string {
  const d = e.detail;
  const reason = typeof d['reason'] === 'string' ? d['reason'] : typeof d['status'] === 'string' && d['status'] !== 'ok' ? d['status'] : null;
  switch (e.kind) {
    case 'cm':
      if (e.op === 'policy') return `policy ${d['from']}→${d['to']}:${d['port']} = ${d['verdict']}`;
      return reason ? `${e.op} ✕ ${reason}` : `${e.op}${d['port'] !== undefined ? ` :${d['port']}` : ''}`;
    case 'vsock':
      if (reason) return `${e.op} ✕ ${reason}`;
      if (e.op === 'listen') return `listen :${d['port']}`;
      if (e.op === 'connect') return `connect ${String(d['name'] ?? '')} → :${d['port']}`;
      if (e.op === 'send') return `send ${d['bytes']} B`;
      return e.op;
    case 'ring':
      if (e.op === 'write' || e.op === 'read') return `ring ${e.op} ${d['bytes']} B`;
      return reason ? `ring ${e.op} ✕ ${reason}` : `ring ${e.op}`;
    case 'toolstack':
      if (e.op === 'note') return `“${String(d['text'] ?? '')}”`;
      return e.op;
    case 'error':
      return `✕ ${e.op}: ${String(d['message'] ?? '')}`;
    case 'xenbus':
      return `xenbus ${String(d['name'] ?? d['state'])}`;
    case 'evtchn':
      return `evtchn ${e.op} p${d['port']}`;
    case 'xenstore':
      if (e.op === 'XS_ERROR') return `${String(d['type'] ?? 'XS')} ${String(d['path'] ?? '')} ✕ ${String(d['err'] ?? '')}`;
      return `${e.op} ${String(d['path'] ?? '')}`;
    default:
      return e.op;
  }
}

export function buildRows(events: readonly TraceEvent[], endSeq: readonly number[], all: boolean): ChartRow[] {
  const rows: ChartRow[] = [];
  let action = 0;
  let prevAction = -1;
  for (const e of events) {
    while (action < endSeq.length - 1 && endSeq[action]! <= e.seq) action++;
    if (!all && !isDefaultVisible(e)) continue;
    const prev = rows[rows.length - 1];
    if (!all && prev && GRANT_OPS.has(e.op) && prev.op === e.op && prev.src === e.src && prev.dst === e.dst && prevAction === action) {
      prev.count++; prev.last = e.seq;
      prev.text = `${e.op} ×${prev.count}`;
      continue;
    }
    prevAction = action;
    // A ring read is done by the reader (src), but the bytes flow from the writer: draw it that way.
    const flip = e.kind === 'ring' && e.op === 'read';
    rows.push({
      seq: e.seq, last: e.seq, t: e.t, kind: e.kind, op: e.op, src: flip ? e.dst : e.src, dst: flip ? e.src : e.dst, count: 1,
      cause: e.cause, text: eventText(e), bad: isBad(e),
    });
  }
  return rows;
}

/** Index of the last row whose seq is ≤ seq (or -1). */
export function rowAtSeq(rows: readonly ChartRow[], seq: number): number {
  let lo = 0, hi = rows.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.seq <= seq) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}
