/**
 * Event channels: constants and state (Xen `xen/common/event_channel.c`, 2-level ABI).
 * See xen-model.md §2.
 *
 * Each domain's ports are parallel Int32 columns indexed by port (core/column.ts), grown
 * to a high-water mark. Free ports below it sit in a min-heap so allocation returns the
 * lowest free port (Xen scans from 0) in O(log n) without scanning.
 */
import { columns, columnsRoom, type Column } from '../core/column';
import { limitsFor } from '../core/limits';
import { DEFAULT_XEN, type XenVersion } from '../core/xen';

export const ECS_FREE = 0;
export const ECS_RESERVED = 1;
export const ECS_UNBOUND = 2;
export const ECS_INTERDOMAIN = 3;
// 4..6 (ECS_PIRQ, ECS_VIRQ, ECS_IPI) are not modelled; ECS_NAMES still names them.

const ECS_NAMES: readonly string[] = [
  'ECS_FREE', 'ECS_RESERVED', 'ECS_UNBOUND', 'ECS_INTERDOMAIN', 'ECS_PIRQ', 'ECS_VIRQ', 'ECS_IPI',
];
export function ecsName(state: number): string { return ECS_NAMES[state] ?? `ECS_unknown(${state})`; }

// EVTCHNOP_status results.
export const EVTCHNSTAT_closed = 0;
export const EVTCHNSTAT_unbound = 1;
export const EVTCHNSTAT_interdomain = 2;
// 3..5 (pirq, virq, ipi) are not modelled.

/** errno values; hypercalls return them negated. */
export const EPERM = 1;
export const ESRCH = 3;
export const EINVAL = 22;
export const ENOSPC = 28;

export function errnoName(rc: number): string {
  switch (rc) {
    case 0: return 'OK';
    case -EPERM: return '-EPERM';
    case -ESRCH: return '-ESRCH';
    case -EINVAL: return '-EINVAL';
    case -ENOSPC: return '-ENOSPC';
    default: return rc >= 0 ? 'OK' : `-E(${-rc})`;
  }
}

export interface DomEvtchn {
  domid: number;
  /** Number of ports (0..limit-1), port 0 included. */
  limit: number;
  /** Ports >= hwm were never allocated; the columns below have at least hwm slots (past it: free values). */
  hwm: number;
  /** Min-heap of free ports below hwm. */
  free: number[];
  /** Ports not ECS_FREE, reserved port 0 excluded. */
  inUse: number;
  /** Being destroyed: every allocation fails with -EINVAL. */
  dying: boolean;
  state: Column;
  /** UNBOUND: the domain allowed to bind; INTERDOMAIN: the peer. -1 when free. */
  rdom: Column;
  /** INTERDOMAIN: the peer's port; -1 otherwise. */
  rport: Column;
  pending: Column;
  masked: Column;
  /** 1 while an entry for this port sits in EvtchnState.raised (no duplicates). */
  queued: Column;
}

export interface RaisedPort { dom: number; port: number }

export interface EvtchnState {
  /** The Xen version modelled: it sets the default port limit (4.3: 4096; 4.19: libxl's 1024). */
  xen: XenVersion;
  doms: { [domid: number]: DomEvtchn };
  /** Ports that became pending while unmasked, oldest first; drained by evtchnTakeRaised(). */
  raised: RaisedPort[];
}

export function evtchnInit(xen: XenVersion = DEFAULT_XEN): EvtchnState {
  return { xen, doms: {}, raised: [] };
}

/** The version's default number of ports per domain (port 0 included). */
export function evtchnDefaultLimit(xen: XenVersion): number {
  return limitsFor(xen).eventChannels;
}

/**
 * A domain with ports 0..limit-1; port 0 is ECS_RESERVED (as at Xen domain creation).
 * Without `limit`, the modelled version's default applies.
 */
export function evtchnAddDomain(st: EvtchnState, domid: number, limit = evtchnDefaultLimit(st.xen)): void {
  if (st.doms[domid] !== undefined) throw new Error(`evtchn: domain ${domid} already exists`);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`evtchn: bad port limit ${limit}`);
  const [state, rdom, rport, pending, masked, queued] = columns(Math.min(limit, PORTS_AT_FIRST), PORT_FILLS);
  state[0] = ECS_RESERVED;
  st.doms[domid] = { domid, limit, hwm: 1, free: [], inUse: 0, dying: false, state, rdom, rport, pending, masked, queued };
}

/** Slots a domain's port columns start with (they grow twofold when the ports outgrow them). */
const PORTS_AT_FIRST = 32;
/** What a never-allocated port holds in state, rdom, rport, pending, masked, queued. */
const PORT_FILLS = [ECS_FREE, -1, -1, 0, 0, 0] as const;

/** Drop a dead domain's (portless) record; ids of forgotten domains answer -ESRCH. */
export function evtchnForgetDomain(st: EvtchnState, domid: number): void {
  const d = st.doms[domid];
  if (d === undefined) return;
  if (d.inUse !== 0) throw new Error(`evtchn: domain ${domid} still has ${d.inUse} ports`);
  delete st.doms[domid];
  st.raised = st.raised.filter((r) => r.dom !== domid);
}

export function heapPush(h: number[], v: number): void {
  let i = h.length;
  h.push(v);
  while (i > 0) {
    const p = (i - 1) >> 1;
    const pv = h[p]!;
    if (pv <= v) break;
    h[i] = pv;
    i = p;
  }
  h[i] = v;
}

export function heapPop(h: number[]): number {
  const top = h[0]!;
  const last = h.pop()!;
  const n = h.length;
  if (n > 0) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && h[r]! < h[l]! ? r : l;
      if (h[c]! >= last) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
  }
  return top;
}

/** Xen get_free_port() without taking it: lowest free port, -EINVAL if dying, -ENOSPC if none. */
export function peekFreePort(d: DomEvtchn): number {
  if (d.dying) return -EINVAL;
  if (d.free.length > 0) return d.free[0]!;
  if (d.hwm < d.limit) return d.hwm;
  return -ENOSPC;
}

/** Take the port peekFreePort() returned. */
export function takeFreePort(d: DomEvtchn, port: number): void {
  if (port === d.hwm) {
    d.hwm++;
    if (d.hwm > d.state.length) {
      [d.state, d.rdom, d.rport, d.pending, d.masked, d.queued] = columnsRoom([d.state, d.rdom, d.rport, d.pending, d.masked, d.queued], d.hwm, PORT_FILLS);
    }
  } else {
    heapPop(d.free);
  }
  d.inUse++;
}

/**
 * Close (4.3 `__evtchn_close`, now `evtchn_free`): back to ECS_FREE with the pending bit
 * cleared; the mask bit is left as it was (a later owner of the port finds it masked).
 */
export function freePort(d: DomEvtchn, port: number): void {
  d.state[port] = ECS_FREE;
  d.rdom[port] = -1;
  d.rport[port] = -1;
  d.pending[port] = 0;
  heapPush(d.free, port);
  d.inUse--;
}

/** A port number inside the allocated range (Xen port_is_valid). */
export function portValid(d: DomEvtchn, port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port < d.hwm;
}
