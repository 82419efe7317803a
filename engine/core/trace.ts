/**
 * The typed trace. Every observable thing the engine does is one event, tagged by
 * `kind` (the spec's kinds plus `gnttab` for guest-side grant-table writes, which are
 * not hypercalls) and narrowed by `op`. Events are plain JSON.
 */
export type Endpoint = number | 'xen' | 'xenstore';
export type DetailValue = string | number | boolean | null | DetailValue[] | { [k: string]: DetailValue };
export type Detail = { [k: string]: DetailValue };

export type TraceKind =
  | 'hypercall' | 'gnttab' | 'evtchn' | 'ring' | 'xenstore' | 'xenbus' | 'cm'
  | 'vsock' | 'toolstack' | 'v4v' | 'error';

export const TRACE_KINDS: readonly TraceKind[] = [
  'hypercall', 'gnttab', 'evtchn', 'ring', 'xenstore', 'xenbus', 'cm', 'vsock', 'toolstack', 'v4v', 'error',
];

interface EventBase<K extends TraceKind, O extends string> {
  seq: number;
  t: number;
  kind: K;
  op: O;
  src: Endpoint;
  dst: Endpoint;
  cause?: number;
  detail: Detail;
}

export type GnttabHypercallOp =
  | 'GNTTABOP_map_grant_ref' | 'GNTTABOP_unmap_grant_ref' | 'GNTTABOP_setup_table' | 'GNTTABOP_query_size';
export type EvtchnHypercallOp =
  | 'EVTCHNOP_alloc_unbound' | 'EVTCHNOP_bind_interdomain' | 'EVTCHNOP_send' | 'EVTCHNOP_close'
  | 'EVTCHNOP_status' | 'EVTCHNOP_unmask';
export type V4vHypercallOp =
  | 'V4VOP_register_ring' | 'V4VOP_unregister_ring' | 'V4VOP_sendv' | 'V4VOP_notify' | 'V4VOP_tables_add'
  | 'XEN_ARGO_OP_register_ring' | 'XEN_ARGO_OP_unregister_ring' | 'XEN_ARGO_OP_sendv' | 'XEN_ARGO_OP_notify';

export type HypercallEvent = EventBase<'hypercall', GnttabHypercallOp | EvtchnHypercallOp | V4vHypercallOp>;
export type GnttabEvent = EventBase<'gnttab', 'grant_foreign_access' | 'end_foreign_access' | 'end_foreign_access_deferred' | 'deferred_free' | 'exhausted'>;
export type EvtchnEvent = EventBase<'evtchn', 'upcall' | 'pending' | 'coalesced' | 'dropped' | 'mask' | 'unmask' | 'peer-closed'>;
export type RingEvent = EventBase<'ring', string>;
export type XenstoreEvent = EventBase<'xenstore', string>;
export type XenbusEvent = EventBase<'xenbus', 'state'>;
export type CmEvent = EventBase<'cm', 'CONNECT_req' | 'CONNECT_rsp' | 'CONNECT_ind' | 'CONNECT_ack' | 'policy' | 'dropped'>;
export type VsockEvent = EventBase<'vsock', string>;
export type ToolstackEvent = EventBase<'toolstack', string>;
export type V4vEvent = EventBase<'v4v', string>;
export type ErrorEvent = EventBase<'error', string>;

export type TraceEvent =
  | HypercallEvent | GnttabEvent | EvtchnEvent | RingEvent | XenstoreEvent | XenbusEvent | CmEvent
  | VsockEvent | ToolstackEvent | V4vEvent | ErrorEvent;

/** Mutable trace sink, part of engine state (plain data). */
export interface TraceState {
  events: TraceEvent[];
  nextSeq: number;
  /** When false, events are counted but not stored (benchmarks of huge set-ups). */
  keep: boolean;
  counts: { [kind: string]: number };
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
  /** seq of the event that caused the work in progress, if any. */
  cause: number | undefined;
  /** Record an event; returns its seq. `cause` defaults to ctx.cause. */
  emit(kind: TraceKind, op: string, src: Endpoint, dst: Endpoint, detail?: Detail, cause?: number): number;
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
    cause: undefined,
    emit(kind, op, src, dst, detail = {}, cause) {
      const seq = trace.nextSeq++;
      trace.counts[kind] = (trace.counts[kind] ?? 0) + 1;
      if (trace.keep) {
        const c = cause ?? ctx.cause;
        // Two literals rather than a spread: one object shape each, same key order.
        trace.events.push((c === undefined
          ? { seq, t: clock.t, kind, op, src, dst, detail }
          : { seq, t: clock.t, kind, op, src, dst, cause: c, detail }) as TraceEvent);
      }
      return seq;
    },
    xsmAllows: xsm,
  };
  return ctx;
}

/** One JSON line per event, keys in a fixed order (byte-for-byte reproducible). */
export function traceToJsonl(events: readonly TraceEvent[]): string {
  let out = '';
  for (const e of events) out += JSON.stringify(e) + '\n';
  return out;
}
