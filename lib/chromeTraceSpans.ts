/**
 * What the Chrome trace export derives from the event stream: spans of time with a
 * meaning (a connection's set-up and its open life, a writer waiting on its full ring)
 * and counters (ring occupancy per direction, grant entries in use per domain).
 */
import type { TraceEvent, Endpoint } from '@engine/api';

export interface Span { dom: Endpoint; thread: string; name: string; cat: string; t: number; dur: number; args: Record<string, unknown> }
export interface Counter { dom: Endpoint; name: string; cat: string; t: number; args: Record<string, number> }

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const det = (e: TraceEvent) => e.detail as Record<string, unknown>;

const END_STATES = new Set(['refused', 'reset', 'closed']);

/** Spans: connection set-up and life (client side), and waits on a full ring (writer side). */
export function spansOf(events: readonly TraceEvent[], end: number): Span[] {
  const out: Span[] = [];
  const conns = new Map<number, { dom: Endpoint; name: string; t: number; open: number | null; seq: number }>();
  const waits = new Map<string, { t: number; seq: number; dom: Endpoint; ring: string }>();
  const thread = (name: string) => `connection ${name}`;
  const finish = (sock: number, t: number, state: string, reason: string | undefined, seq: number) => {
    const c = conns.get(sock);
    if (!c) return;
    conns.delete(sock);
    const what = reason ? `${state} (${reason})` : state;
    if (c.open === null) out.push({ dom: c.dom, thread: thread(c.name), name: `set-up: ${what}`, cat: 'connection', t: c.t, dur: t - c.t, args: { from: c.seq, to: seq } });
    else out.push({ dom: c.dom, thread: thread(c.name), name: `open, then ${what}`, cat: 'connection', t: c.open, dur: t - c.open, args: { to: seq } });
  };
  for (const e of events) {
    const d = det(e), sock = num(d['sock']);
    if (e.kind === 'vsock' && sock !== undefined) {
      if (e.op === 'connect' || e.op === 'bypass') conns.set(sock, { dom: e.src, name: str(d['name']) ?? `sock ${sock}`, t: e.t, open: null, seq: e.seq });
      const c = conns.get(sock);
      if (c && e.op === 'connected' && c.open === null && e.src === c.dom) {
        out.push({ dom: c.dom, thread: thread(c.name), name: 'set-up: connected', cat: 'connection', t: c.t, dur: e.t - c.t, args: { from: c.seq, to: e.seq } });
        c.open = e.t;
      }
      if (c && END_STATES.has(e.op) && e.src === c.dom) finish(sock, e.t, e.op, str(d['reason']), e.seq);
    }
    const ring = str(d['ring']);
    if (e.kind === 'ring' && ring !== undefined) {
      const k = `${String(e.src)}/${ring}`;
      const w = waits.get(k);
      if (e.op === 'ring-full' && !w) waits.set(k, { t: e.t, seq: e.seq, dom: e.src, ring });
      else if (w && (e.op === 'write' || e.op === 'closed' || e.op === 'shutdown')) {
        waits.delete(k);
        out.push({ dom: w.dom, thread: `ring ${ring}: waits for space`, name: 'ring full: waiting', cat: 'ring', t: w.t, dur: e.t - w.t, args: { from: w.seq, to: e.seq } });
      }
    }
  }
  for (const [sock, c] of conns) {
    if (c.open === null) out.push({ dom: c.dom, thread: thread(c.name), name: 'set-up: still connecting', cat: 'connection', t: c.t, dur: end - c.t, args: { from: c.seq, sock } });
    else out.push({ dom: c.dom, thread: thread(c.name), name: 'open', cat: 'connection', t: c.open, dur: end - c.open, args: { sock } });
  }
  for (const w of waits.values()) out.push({ dom: w.dom, thread: `ring ${w.ring}: waits for space`, name: 'ring full: waiting', cat: 'ring', t: w.t, dur: end - w.t, args: { from: w.seq } });
  return out;
}

/** Counters: bytes in each ring direction (in the receiving domain, which granted that ring) and grants in use. */
export function countersOf(events: readonly TraceEvent[]): Counter[] {
  const out: Counter[] = [];
  const grants = new Map<number, number>();
  const grant = (dom: Endpoint, delta: number | null, t: number, left = 0) => {
    if (typeof dom !== 'number') return;
    const n = delta === null ? left : Math.max(0, (grants.get(dom) ?? 0) + delta);
    grants.set(dom, n);
    out.push({ dom, name: 'grant entries in use', cat: 'gnttab', t, args: { entries: n } });
  };
  for (const e of events) {
    const d = det(e);
    const ring = str(d['ring']), prod = num(d['prod']), cons = num(d['cons']);
    if (e.kind === 'ring' && ring !== undefined && prod !== undefined && cons !== undefined) {
      // write and ring-full come from the writer, read from the reader: name the reader's ring by its writer
      const reading = e.op === 'read';
      const writer = reading ? e.dst : e.src, reader = reading ? e.src : e.dst;
      out.push({ dom: reader, name: `ring ${ring} from dom${String(writer)} (bytes)`, cat: 'ring', t: e.t, args: { bytes: prod - cons } });
    }
    if (e.kind === 'gnttab') {
      const result = str(d['result']), op: string = e.op;
      if (op === 'grant_foreign_access' && (num(d['ref']) ?? -1) >= 0) grant(e.src, 1, e.t);
      else if ((op === 'end_foreign_access' || op === 'deferred_free') && result === 'freed') grant(e.src, -1, e.t);
      else if (op === 'table_destroyed') grant(e.src, null, e.t, num(d['pinnedEntries']) ?? 0); // not in the op union yet
    }
  }
  return out;
}
