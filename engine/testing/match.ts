/**
 * Trace queries for TestSim: which events match a kind, an op and a filter, whether a
 * list of ops happens in order, and one short line per event for failure messages.
 */
import type { TraceEvent, Endpoint } from '../index';

/** Fields of the event itself; any other key is compared with `detail[key]`. */
export type TraceFilter = { src?: Endpoint; dst?: Endpoint; t?: number; cause?: number } & { [detail: string]: unknown };
export type EventMatcher = TraceFilter | ((e: TraceEvent) => boolean);

/** One element of an expected order: `"op"`, `"kind:op"`, or an object with `op` (and `kind`) plus filter keys. */
export type OrderSpec = string | ({ op: string; kind?: string } & TraceFilter);

const OWN_KEYS = new Set(['src', 'dst', 't', 'cause', 'seq']);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function matches(e: TraceEvent, kind: string | undefined, op: string | undefined, filter?: EventMatcher): boolean {
  if (kind !== undefined && e.kind !== kind) return false;
  if (op !== undefined && e.op !== op) return false;
  if (filter === undefined) return true;
  if (typeof filter === 'function') return filter(e);
  for (const k of Object.keys(filter)) {
    const want = filter[k];
    const got = OWN_KEYS.has(k) ? (e as unknown as Record<string, unknown>)[k] : (e.detail as Readonly<Record<string, unknown>>)[k];
    if (!same(got, want)) return false;
  }
  return true;
}

export function select(events: readonly TraceEvent[], kind?: string, op?: string, filter?: EventMatcher): TraceEvent[] {
  return events.filter((e) => matches(e, kind, op, filter));
}

function specParts(s: OrderSpec): { kind?: string; op: string; filter?: TraceFilter; label: string } {
  if (typeof s === 'string') {
    const i = s.indexOf(':');
    return i > 0 ? { kind: s.slice(0, i), op: s.slice(i + 1), label: s } : { op: s, label: s };
  }
  const { kind, op, ...filter } = s;
  const extra = Object.keys(filter).length ? ` ${JSON.stringify(filter)}` : '';
  return { kind, op, filter, label: `${kind ? `${kind}:` : ''}${op}${extra}` };
}

/**
 * Whether the specs occur as a subsequence of the trace (each one after the previous
 * match). Returns null when they do, else a readable account of where it stopped.
 */
export function checkOrder(events: readonly TraceEvent[], specs: readonly OrderSpec[]): string | null {
  let from = 0;
  const found: string[] = [];
  for (const s of specs) {
    const p = specParts(s);
    let hit = -1;
    for (let i = from; i < events.length; i++) if (matches(events[i]!, p.kind, p.op, p.filter)) { hit = i; break; }
    if (hit < 0) {
      const anywhere = events.findIndex((e) => matches(e, p.kind, p.op, p.filter));
      const where = anywhere < 0 ? 'it never happens' : `it happens only earlier, at seq ${events[anywhere]!.seq}`;
      const after = from > 0 ? ` after seq ${events[from - 1]!.seq}` : '';
      const labels = specs.map((x) => specParts(x).label).join(' → ');
      return `expected order ${labels}; found ${found.join(' → ') || 'nothing'}, then no ${p.label}${after} (${where})`;
    }
    found.push(`${p.label}@${events[hit]!.seq}`);
    from = hit + 1;
  }
  return null;
}

/** `seq t kind op src→dst {detail}` in one line, long details cut. */
export function brief(e: TraceEvent): string {
  let d = JSON.stringify(e.detail);
  if (d.length > 120) d = d.slice(0, 117) + '...';
  return `#${e.seq} t=${e.t} ${e.kind}:${e.op} ${String(e.src)}→${String(e.dst)} ${d}`;
}

/** The last `n` events of the given kinds, one per line, for context in a failure message. */
export function tail(events: readonly TraceEvent[], kinds: readonly string[], n = 8): string {
  const sel = events.filter((e) => kinds.includes(e.kind)).slice(-n);
  return sel.length ? sel.map((e) => '    ' + brief(e)).join('\n') : '    (none)';
}
