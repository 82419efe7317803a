/**
 * Rows of the sequence chart, built once per recorded run. By default the noise is
 * filtered out: xenstore traffic, evtchn pending/ EVTCHNOP_* hypercalls are hidden,
 * and a burst of identical grant operations in one action becomes one "×N" row (so the
 * deferred frees Linux does on its 1 s timer read as one row per tick).
 */
import type { TraceEvent, TraceOp, Endpoint } from '@engine/api';
import { assertNever } from './never';

export interface ChartRow {
  /** seq of the first event of the row (the one the chart seeks to). */
  seq: number;
  /** seq of the last event summarised in the row. */
  last: number;
  t: number;
  kind: TraceEvent['kind'];
  op: TraceOp;
  src: Endpoint;
  dst: Endpoint;
  count: number;
  cause: number | undefined;
  /** short human text next to the arrow */
  text: string;
  /** a refusal, reset or error: drawn red with ✕ */
  bad: boolean;
}

const GRANT_OPS = new Set<TraceOp>(['GNTTABOP_map_grant_ref', 'GNTTABOP_unmap_grant_ref', 'grant_foreign_access', 'end_foreign_access', 'deferred_free']);
/** The granter's own grant table (writing it, or finding it full): drawn on its lifeline. */
const OWN_TABLE_OPS = new Set<TraceOp>(['grant_foreign_access', 'end_foreign_access', 'deferred_free', 'exhausted']);

export function isDefaultVisible(e: TraceEvent): boolean {
  switch (e.kind) {
    case 'cm': case 'vsock': case 'ring': case 'toolstack': case 'error': case 'v4v': case 'xenbus':
      return true;
    case 'evtchn':
      return e.op === 'upcall' || e.op === 'peer-closed' || e.op === 'dropped';
    case 'gnttab':
      // deferred frees are shown: they are what the clock runs on for after the last byte
      return e.op === 'grant_foreign_access' || e.op === 'exhausted' || e.op === 'deferred_free';
    case 'hypercall':
      return e.op === 'GNTTABOP_map_grant_ref' || e.op === 'GNTTABOP_unmap_grant_ref' || e.op.startsWith('V4VOP') || e.op.startsWith('XEN_ARGO');
    case 'xenstore':
      // the xenstore broker's exchange (/vsock/…) is the story; the rest is plumbing
      return isBrokerXs(e);
    default:
      return assertNever(e, 'trace kind');
  }
}

/** The path a xenstore event names, if it names one. */
function xsPath(e: TraceEvent): string | undefined {
  if (e.kind !== 'xenstore') return undefined;
  const d = e.detail;
  return 'path' in d ? d.path : undefined;
}

/** The node path of a xenstore op of the xenstore broker (nodes under /vsock), transactions left out; else null. */
export function brokerXsPath(e: TraceEvent): string | null {
  const path = xsPath(e);
  return path !== undefined && path.startsWith('/vsock/') && !e.op.startsWith('XS_TRANSACTION') ? path : null;
}

/** A xenstore op of the xenstore broker (nodes under /vsock), transactions left out. */
export function isBrokerXs(e: TraceEvent): boolean {
  return brokerXsPath(e) !== null;
}

export function isBad(e: TraceEvent): boolean {
  switch (e.kind) {
    case 'error': return true;
    case 'xenstore': return e.op === 'XS_ERROR' && e.detail.err === 'EACCES';
    case 'vsock': return e.op === 'refused' || e.op === 'reset';
    case 'cm':
      if (e.op === 'CONNECT_ack' || e.op === 'CONNECT_rsp') return e.detail.status !== 'ok';
      return (e.op === 'policy' && e.detail.verdict === 'deny') || e.op === 'dropped';
    case 'gnttab': return e.op === 'exhausted';
    case 'toolstack': return e.op === 'xenstore-answer' && e.detail.result !== 'OK';
    case 'hypercall': case 'evtchn': case 'ring': case 'xenbus': case 'v4v': return false;
    default: return assertNever(e, 'trace kind');
  }
}

/** Why a connection step failed or a ring went away (a refusal's status, an end's reason); else null. */
function reasonOf(e: TraceEvent): string | null {
  if (e.kind === 'cm' && (e.op === 'CONNECT_ack' || e.op === 'CONNECT_rsp')) return e.detail.status !== 'ok' ? e.detail.status : null;
  const d = e.detail;
  return 'reason' in d ? d.reason : null;
}

export function eventText(e: TraceEvent): string {
  const reason = reasonOf(e);
  switch (e.kind) {
    case 'cm': {
      if (e.op === 'policy') return `policy ${e.detail.from}→${e.detail.to}:${e.detail.port} = ${e.detail.verdict}`;
      const d = e.detail;
      return reason ? `${e.op} ✕ ${reason}` : `${e.op}${'port' in d ? ` :${d.port}` : ''}`;
    }
    case 'vsock':
      if (reason) return `${e.op} ✕ ${reason}`;
      if (e.op === 'listen') return `listen :${e.detail.port}`;
      if (e.op === 'connect') return `connect ${e.detail.name ?? ''} → CID ${e.detail.cid}:${e.detail.port}`;
      if (e.op === 'send') return `send ${e.detail.bytes} B`;
      return e.op;
    case 'ring':
      if (e.op === 'write' || e.op === 'read') return `ring ${e.op} ${e.detail.bytes} B`;
      return reason ? `ring ${e.op} ✕ ${reason}` : `ring ${e.op}`;
    case 'toolstack':
      if (e.op === 'note') return `“${e.detail.text}”`;
      if (e.op === 'xenstore-answer') return `${e.detail.action}${e.detail.path === null ? '' : ` ${e.detail.path}`} ${e.detail.result === 'OK' ? '→ OK' : `✕ ${e.detail.result}`}`;
      if (e.op === 'resume') return `resume as CID ${e.detail.cid}`;
      return e.op;
    case 'error':
      return `✕ ${e.op}: ${e.detail.message}`;
    case 'xenbus':
      return `xenbus ${e.detail.name}`;
    case 'evtchn':
      return e.op === 'destroy' ? `evtchn destroy (${e.detail.ports} ports)` : `evtchn ${e.op} p${e.detail.port}`;
    case 'xenstore':
      if (e.op === 'XS_ERROR') return `${e.detail.type} ${e.detail.path ?? ''} ✕ ${e.detail.err}`;
      return `${e.op} ${xsPath(e) ?? ''}`;
    case 'gnttab':
      return e.op === 'deferred_free' ? `deferred_free ref ${e.detail.ref} ${e.detail.result === 'freed' ? 'freed' : 'still pending'}` : e.op;
    case 'hypercall': case 'v4v':
      return e.op;
    default:
      return assertNever(e, 'trace kind');
  }
}

/**
 * V4V refusals Xen decides by itself (the v4vtables rules, no ring registered at the port,
 * no such domain, the ring limit): the would-be peer never hears of them.
 */
export function xenRefuses(reason: string): boolean {
  return reason === 'denied' || reason === 'xsm-denied' || reason === 'no-listener' || reason === 'unreachable'
    || reason === 'ring-limit' || reason.startsWith('register-failed');
}

/**
 * Where a row is drawn, from which lifeline to which. Mostly the event's own src → dst, but
 * the chart must not draw into a guest's lifeline what that guest never hears of:
 * - a connect and a ring offer are the client's own calls (its request goes to the broker,
 *   the next rows show it), and granting or revoking an entry writes the granter's own
 *   table: drawn on the caller's lifeline;
 * - a refusal the broker decided comes back to the client from the broker (the connection
 *   manager's answer, xenstore's error, Xen's under V4V), never from the would-be peer;
 * - a ring that never came up closes on the offerer's side only;
 * - a ring read is done by the reader (src), but the bytes flow from the writer.
 */
function endsOf(e: TraceEvent, answerer: (dom: Endpoint, sock: number) => Endpoint | undefined, upRings: ReadonlySet<string>): [Endpoint, Endpoint] {
  switch (e.kind) {
    case 'vsock':
      if (e.op === 'connect' && e.detail.via === undefined) return [e.src, e.src];
      if (e.op === 'xenstore-refused') return ['xenstore', e.src];
      if (e.op === 'refused' && e.detail.via === 'broker') return [answerer(e.src, e.detail.sock) ?? e.src, e.src];
      if (e.op === 'refused' && e.detail.via === 'v4v' && xenRefuses(e.detail.reason)) return ['xen', e.src];
      return [e.src, e.dst];
    case 'ring':
      if (e.op === 'read') return [e.dst, e.src];
      if (e.op === 'offer' || (e.op === 'closed' && !upRings.has(e.detail.ring))) return [e.src, e.src];
      return [e.src, e.dst];
    case 'gnttab':
      return OWN_TABLE_OPS.has(e.op) ? [e.src, e.src] : [e.src, e.dst];
    default:
      return [e.src, e.dst];
  }
}

export function buildRows(events: readonly TraceEvent[], endSeq: readonly number[], all: boolean): ChartRow[] {
  const rows: ChartRow[] = [];
  let action = 0;
  let prevAction = -1;
  // who answered each client socket's request ("dom:sock" → the broker's lifeline), and the rings that came up
  const answers = new Map<string, Endpoint>();
  const upRings = new Set<string>();
  const answerer = (dom: Endpoint, sock: number) => answers.get(`${String(dom)}:${sock}`);
  for (const e of events) {
    while (action < endSeq.length - 1 && endSeq[action]! <= e.seq) action++;
    if (e.kind === 'cm' && e.op === 'CONNECT_rsp') answers.set(`${String(e.dst)}:${e.detail.sock}`, e.src);
    else if (e.kind === 'vsock' && e.op === 'xenstore-refused') answers.set(`${String(e.src)}:${e.detail.sock}`, 'xenstore');
    else if (e.kind === 'ring' && e.op === 'connected') upRings.add(e.detail.ring);
    if (!all && !isDefaultVisible(e)) continue;
    const [src, dst] = endsOf(e, answerer, upRings);
    const prev = rows[rows.length - 1];
    if (!all && prev && GRANT_OPS.has(e.op) && prev.op === e.op && prev.src === src && prev.dst === dst && prev.t === e.t && prevAction === action) {
      prev.count++; prev.last = e.seq;
      prev.text = `${e.op} ×${prev.count}`;
      continue;
    }
    prevAction = action;
    rows.push({
      seq: e.seq, last: e.seq, t: e.t, kind: e.kind, op: e.op, src, dst, count: 1,
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
