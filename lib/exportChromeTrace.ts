/**
 * The trace in Chrome's Trace Event Format (JSON object form), which Perfetto
 * (ui.perfetto.dev) and chrome://tracing both open. One process per domain plus Xen and
 * xenstored; one thread per mechanism (the trace kinds) and one per connection; every
 * event a short complete slice ("X") on its thread, notifications instants ("i"); every
 * `cause` link a flow (`s` → `f`, bound to the enclosing slice); counters ("C") for ring
 * occupancy and grant entries in use. `ts` is virtual µs: events at the same
 * µs are spread over it in seq order (a few ns each) so that each has a slice of its own
 * and a cause always comes before its effects.
 */
import type { TraceEvent, ScenarioDoc, Endpoint } from '@engine/api';
import { spansOf, countersOf, type Span } from './chromeTraceSpans';

export interface ChromeEvent {
  name: string; ph: 'X' | 'i' | 's' | 'f' | 'C' | 'M';
  ts: number; pid: number; tid: number;
  cat?: string; dur?: number; id?: number; bp?: 'e'; s?: 't';
  args?: Record<string, unknown>;
}
export interface ChromeTrace {
  traceEvents: ChromeEvent[];
  displayTimeUnit: 'ns';
  otherData: Record<string, string | number>;
}

export const XEN_PID = 1;
export const XENSTORE_PID = 2;
/** A domain's process id: its domid + 10, so Xen and xenstored come first. */
export const domPid = (dom: number) => dom + 10;
export const pidOf = (e: Endpoint) => (e === 'xen' ? XEN_PID : e === 'xenstore' ? XENSTORE_PID : domPid(e));

const THREAD_NAMES: Record<string, string> = {
  hypercall: 'hypercalls', gnttab: 'grant table', evtchn: 'event channels', ring: 'rings', xenstore: 'xenstore',
  xenbus: 'xenbus', cm: 'broker messages', vsock: 'sockets', toolstack: 'toolstack', v4v: 'v4v', error: 'errors',
};
const KIND_ORDER = Object.keys(THREAD_NAMES);

/** Event-channel activity, xenstore watch firings and V4V doorbells are notifications. */
export function isNotification(e: TraceEvent): boolean {
  return e.kind === 'evtchn' || e.op === 'EVTCHNOP_send' || e.op === 'XS_WATCH_EVENT' || /notify/i.test(e.op);
}

/** Where an event happens: an upcall in the domain it is delivered to, anything else in its source. */
function placeOf(e: TraceEvent): Endpoint {
  return e.kind === 'evtchn' && e.op === 'upcall' ? e.dst : e.src;
}

class Threads {
  readonly ids = new Map<string, { pid: number; tid: number; name: string; sort: number }>();
  private next = 1;
  tid(pid: number, key: string, name: string, sort: number): number {
    const k = `${pid}/${key}`;
    let th = this.ids.get(k);
    if (!th) { th = { pid, tid: this.next++, name, sort }; this.ids.set(k, th); }
    return th.tid;
  }
}

/** Names of the domains a run knows: the document's, then any the toolstack created. */
function domainNames(doc: ScenarioDoc, events: readonly TraceEvent[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const d of doc.domains) names.set(d.id, d.name);
  for (const e of events) {
    const d = e.detail as Record<string, unknown>;
    if (e.op === 'domain-create' && typeof d['id'] === 'number' && typeof d['name'] === 'string' && !names.has(d['id'])) names.set(d['id'], d['name']);
  }
  return names;
}

export function toChromeTrace(events: readonly TraceEvent[], doc: ScenarioDoc): ChromeTrace {
  const threads = new Threads();
  const out: ChromeEvent[] = [];
  // Events at the same µs split it between them in seq order, so a cause always comes before its effects.
  const crowd = new Map<number, number>();
  for (const e of events) crowd.set(e.t, (crowd.get(e.t) ?? 0) + 1);
  let prevNs = -1, rank = 0, prevT = -1;
  const at = new Map<number, { pid: number; tid: number; mid: number }>();
  for (const e of events) {
    const pid = pidOf(placeOf(e));
    const tid = threads.tid(pid, e.kind, THREAD_NAMES[e.kind] ?? e.kind, KIND_ORDER.indexOf(e.kind));
    rank = e.t === prevT ? rank + 1 : 0;
    prevT = e.t;
    const stepNs = Math.min(100, Math.max(1, Math.floor(1000 / crowd.get(e.t)!)));
    const ns = Math.max(e.t * 1000 + rank * stepNs, prevNs + 1);
    prevNs = ns;
    const ts = ns / 1000, slot = stepNs / 1000;
    const args = { seq: e.seq, src: e.src, dst: e.dst, ...(e.cause !== undefined ? { cause: e.cause } : {}), detail: e.detail };
    if (isNotification(e)) {
      out.push({ name: e.op, cat: e.kind, ph: 'i', s: 't', ts, pid, tid, args });
      at.set(e.seq, { pid, tid, mid: ts });
    } else {
      out.push({ name: e.op, cat: e.kind, ph: 'X', ts, dur: slot, pid, tid, args });
      at.set(e.seq, { pid, tid, mid: (ns + Math.floor(stepNs / 2)) / 1000 });
    }
    const from = e.cause === undefined ? undefined : at.get(e.cause);
    const to = at.get(e.seq)!;
    if (from) {
      out.push({ name: 'cause', cat: 'cause', ph: 's', id: e.seq, ts: from.mid, pid: from.pid, tid: from.tid });
      out.push({ name: 'cause', cat: 'cause', ph: 'f', bp: 'e', id: e.seq, ts: to.mid, pid: to.pid, tid: to.tid });
    }
  }
  const end = events.length ? events[events.length - 1]!.t : 0;
  for (const s of spansOf(events, end)) out.push(spanEvent(s, threads));
  for (const c of countersOf(events)) out.push({ name: c.name, cat: c.cat, ph: 'C', ts: c.t, pid: pidOf(c.dom), tid: 0, args: c.args });
  // Sorted by time (stably: a slice before the flows that leave it); metadata first.
  const body = out.map((e, i) => ({ e, i })).sort((a, b) => a.e.ts - b.e.ts || a.i - b.i).map((x) => x.e);
  return {
    traceEvents: [...metadata(threads, domainNames(doc, events), events), ...body],
    displayTimeUnit: 'ns',
    otherData: { title: doc.title, seed: doc.seed, transport: doc.transport, broker: doc.broker, clock: 'virtual µs', events: events.length },
  };
}

function spanEvent(s: Span, threads: Threads): ChromeEvent {
  const pid = pidOf(s.dom);
  const tid = threads.tid(pid, s.thread, s.thread, 100);
  return { name: s.name, cat: s.cat, ph: 'X', ts: s.t, dur: s.dur, pid, tid, args: s.args };
}

function metadata(threads: Threads, names: Map<number, string>, events: readonly TraceEvent[]): ChromeEvent[] {
  const pids = new Map<number, string>([[XEN_PID, 'Xen'], [XENSTORE_PID, 'xenstored']]);
  for (const [id, name] of names) pids.set(domPid(id), `dom${id} ${name}`);
  for (const e of events) for (const p of [e.src, e.dst]) if (typeof p === 'number' && !pids.has(domPid(p))) pids.set(domPid(p), `dom${p}`);
  const out: ChromeEvent[] = [];
  for (const [pid, name] of [...pids].sort((a, b) => a[0] - b[0])) {
    out.push({ name: 'process_name', ph: 'M', ts: 0, pid, tid: 0, args: { name } });
    out.push({ name: 'process_sort_index', ph: 'M', ts: 0, pid, tid: 0, args: { sort_index: pid } });
  }
  for (const th of threads.ids.values()) {
    out.push({ name: 'thread_name', ph: 'M', ts: 0, pid: th.pid, tid: th.tid, args: { name: th.name } });
    out.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: th.pid, tid: th.tid, args: { sort_index: th.sort } });
  }
  return out;
}

/** The export as text (one event a line, so a diff of two exports reads well). */
export function chromeTraceText(events: readonly TraceEvent[], doc: ScenarioDoc): string {
  const tr = toChromeTrace(events, doc);
  return `{"displayTimeUnit":"ns","otherData":${JSON.stringify(tr.otherData)},"traceEvents":[\n${tr.traceEvents.map((e) => JSON.stringify(e)).join(',\n')}\n]}\n`;
}
