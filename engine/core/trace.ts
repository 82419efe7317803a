/**
 * The typed trace. Every observable thing the engine does is one event, tagged by
 * `kind` (the spec's kinds plus `gnttab` for guest-side grant-table writes, which are
 * not hypercalls) and narrowed by `op`; its `detail` is the type `details.ts` gives that
 * (kind, op). Events are plain JSON.
 */
import type { DetailByKind } from './details';
import { assertNever } from './assert';

export type * from './details';

export type Endpoint = number | 'xen' | 'xenstore';
/** Any JSON value a detail field may hold. */
export type DetailValue = string | number | boolean | null | DetailValue[] | { [k: string]: DetailValue };

export type TraceKind = keyof DetailByKind;

/** Every kind once, in display order (a kind added to DetailByKind must be added here). */
const KINDS: { [K in TraceKind]: true } = {
  hypercall: true, gnttab: true, evtchn: true, ring: true, xenstore: true, xenbus: true, cm: true,
  vsock: true, toolstack: true, v4v: true, error: true,
};
export const TRACE_KINDS: readonly TraceKind[] = Object.keys(KINDS) as TraceKind[];

/** The ops of one kind. */
export type OpOf<K extends TraceKind> = keyof DetailByKind[K] & string;
/** The detail of one (kind, op); for a union of ops, the union of their details. */
export type DetailOf<K extends TraceKind, O extends OpOf<K>> = DetailByKind[K][O];

/** One event of kind K, for each op in O: a union discriminated by `kind` and `op`. */
export type EventOf<K extends TraceKind, O extends OpOf<K> = OpOf<K>> = {
  [P in O]: {
    seq: number;
    t: number;
    kind: K;
    op: P;
    src: Endpoint;
    dst: Endpoint;
    cause?: number;
    detail: DetailByKind[K][P];
  };
}[O];



export type TraceEvent = { [K in TraceKind]: EventOf<K> }[TraceKind];
/** Every op of every kind (an event's `op` as plain text). */
export type TraceOp = TraceEvent['op'];

/** Mutable trace sink, part of engine state (plain data). */
export interface TraceState {
  events: TraceEvent[];
  nextSeq: number;
  /** When false, events are counted but not stored (benchmarks of huge set-ups). */
  keep: boolean;
  counts: Partial<Record<TraceKind, number>>;
}

export function traceInit(keep = true): TraceState {
  return { events: [], nextSeq: 0, keep, counts: {} };
}

/**
 * What a mechanism needs from the simulation to do its work: the current virtual
 * time, the event that caused the current work, a way to record events, and the
 * XSM policy to consult at the hook points.
 */
export interface Ctx {
  /** Current virtual time, µs. */
  readonly t: number;
  /**
   * Whether events are stored (TraceState.keep). When they are not, a busy call site may
   * pass `false` for the detail (`ctx.keep && { ... }`): the event is still numbered and
   * counted, and no detail is built that nobody will read.
   */
  readonly keep: boolean;
  /** seq of the event that caused the work in progress, if any. */
  cause: number | undefined;
  /** Record an event; returns its seq. `cause` defaults to ctx.cause. `detail` is false only when !keep. */
  emit<K extends TraceKind, O extends OpOf<K>>(
    kind: K, op: O, src: Endpoint, dst: Endpoint, detail: DetailOf<K, O> | false, cause?: number,
  ): number;
  /** XSM: may `src` do `hook` against `dst`? Default (dummy module) allows. */
  xsmAllows(hook: XsmHook, src: number, dst: number): boolean;
}

export type XsmHook = 'grant_mapref' | 'evtchn_interdomain' | 'evtchn_unbound' | 'argo_send' | 'argo_register';

/** A Ctx over a TraceState; used by the simulation and by mechanism tests. */
export function makeCtx(
  trace: TraceState,
  clock: { t: number },
  xsm: (hook: XsmHook, src: number, dst: number) => boolean = () => true,
): Ctx {
  const ctx: Ctx = {
    get t() { return clock.t; },
    keep: trace.keep,
    cause: undefined,
    emit(kind, op, src, dst, detail, cause) {
      const seq = trace.nextSeq++;
      countKind(trace.counts, kind);
      if (trace.keep) {
        if (detail === false) throw new Error(`${kind} ${op}: an event without its detail in a kept trace`);
        const c = cause ?? ctx.cause;
        // Two literals rather than a spread: one object shape each, same key order.
        trace.events.push((c === undefined
          ? { seq, t: clock.t, kind, op, src, dst, detail }
          : { seq, t: clock.t, kind, op, src, dst, cause: c, detail }) as unknown as TraceEvent);
      }
      return seq;
    },
    xsmAllows: xsm,
  };
  return ctx;
}

/**
 * counts[kind] + 1. Every event passes here: one keyed access taking eleven different
 * names is megamorphic (a stub-cache probe to read and another to write), where a named
 * access per kind is not. Same keys, added in the same order (first event of each kind).
 */
function countKind(c: TraceState['counts'], kind: TraceKind): void {
  switch (kind) {
    case 'hypercall': c.hypercall = (c.hypercall ?? 0) + 1; return;
    case 'gnttab': c.gnttab = (c.gnttab ?? 0) + 1; return;
    case 'evtchn': c.evtchn = (c.evtchn ?? 0) + 1; return;
    case 'ring': c.ring = (c.ring ?? 0) + 1; return;
    case 'xenstore': c.xenstore = (c.xenstore ?? 0) + 1; return;
    case 'xenbus': c.xenbus = (c.xenbus ?? 0) + 1; return;
    case 'cm': c.cm = (c.cm ?? 0) + 1; return;
    case 'vsock': c.vsock = (c.vsock ?? 0) + 1; return;
    case 'toolstack': c.toolstack = (c.toolstack ?? 0) + 1; return;
    case 'v4v': c.v4v = (c.v4v ?? 0) + 1; return;
    case 'error': c.error = (c.error ?? 0) + 1; return;
    default: assertNever(kind, 'trace kind');
  }
}

/** One JSON line per event, keys in a fixed order (byte-for-byte reproducible). */
export function traceToJsonl(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}
