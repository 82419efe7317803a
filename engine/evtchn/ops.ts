/** EVTCHNOP_* hypercalls (Xen `xen/common/event_channel.c`), in Xen's check order. */
import { DOMID_SELF } from '../core/limits';
import type { Ctx } from '../core/trace';
import {
  ECS_FREE, ECS_INTERDOMAIN, ECS_RESERVED, ECS_UNBOUND, EINVAL, EPERM, ESRCH, EVTCHNSTAT_closed,
  EVTCHNSTAT_interdomain, EVTCHNSTAT_unbound, errnoName, freePort, peekFreePort, portValid, takeFreePort,
} from './types';
import type { DomEvtchn, EvtchnState } from './types';
import { setPending } from './delivery';

/**
 * EVTCHNOP_alloc_unbound: a port of `dom` that `remoteDom` (DOMID_SELF = dom) may bind.
 * Order: -ESRCH unknown dom, -EINVAL dying, -ENOSPC no port, -EPERM XSM. XSM sees the
 * resolved remote domid.
 */
export function allocUnbound(ctx: Ctx, st: EvtchnState, dom: number, remoteDom: number): number {
  const d = st.doms[dom];
  const rdom = remoteDom === DOMID_SELF ? dom : remoteDom;
  let rc: number;
  if (d === undefined) rc = -ESRCH;
  else {
    rc = peekFreePort(d);
    if (rc >= 0 && !ctx.xsmAllows('evtchn_unbound', dom, rdom)) rc = -EPERM;
  }
  if (rc >= 0) {
    const dd = d!;
    takeFreePort(dd, rc);
    dd.state[rc] = ECS_UNBOUND;
    dd.rdom[rc] = rdom;
  }
  ctx.emit('hypercall', 'EVTCHNOP_alloc_unbound', dom, 'xen', ctx.keep && {
    dom, remoteDom: rdom, port: rc >= 0 ? rc : -1, rc: rc >= 0 ? 0 : rc, rcName: errnoName(rc),
  });
  return rc;
}

/**
 * A port Xen allocates in a domain for its own use (V4V's per-domain doorbell, set up by
 * `v4v_init` at domain creation): the lowest free port, unbound, its far end Xen itself,
 * so the domain sees it like any other port. No hypercall: the guest did not ask.
 * Returns the port, or -ENOSPC.
 */
export function evtchnAllocXenPort(ctx: Ctx, st: EvtchnState, dom: number, purpose: string): number {
  const d = st.doms[dom];
  if (d === undefined) return -ESRCH;
  const port = peekFreePort(d);
  if (port < 0) return port;
  takeFreePort(d, port);
  d.state[port] = ECS_UNBOUND;
  d.rdom[port] = dom;
  ctx.emit('evtchn', 'xen-port', 'xen', dom, { port, purpose });
  return port;
}

/**
 * EVTCHNOP_bind_interdomain: bind a new local port to `remoteDom`:`remotePort`, which must
 * be ECS_UNBOUND for `dom`. Order: -ESRCH, local -EINVAL (dying) / -ENOSPC, -EINVAL remote
 * port, -EPERM XSM. Both ends become ECS_INTERDOMAIN and the local port is set pending.
 */
export function bindInterdomain(ctx: Ctx, st: EvtchnState, dom: number, remoteDom: number, remotePort: number): number {
  const rdom = remoteDom === DOMID_SELF ? dom : remoteDom;
  const l = st.doms[dom];
  const r = st.doms[rdom];
  let rc: number;
  let why = '';
  if (l === undefined || r === undefined) { rc = -ESRCH; why = 'no such domain'; }
  else {
    rc = peekFreePort(l);
    if (rc < 0) why = 'no local port';
    else if (!portValid(r, remotePort) || r.state[remotePort] !== ECS_UNBOUND || r.rdom[remotePort] !== dom) {
      rc = -EINVAL;
      why = !portValid(r, remotePort) || r.state[remotePort] !== ECS_UNBOUND ? 'remote port not unbound' : 'unbound for another domain';
    } else if (!ctx.xsmAllows('evtchn_interdomain', dom, rdom)) { rc = -EPERM; why = 'XSM'; }
  }
  const seq = ctx.emit('hypercall', 'EVTCHNOP_bind_interdomain', dom, 'xen', ctx.keep && (why === ''
    ? { remoteDom: rdom, remotePort, port: rc >= 0 ? rc : -1, rc: rc >= 0 ? 0 : rc, rcName: errnoName(rc) }
    : { remoteDom: rdom, remotePort, port: -1, rc, rcName: errnoName(rc), error: why }));
  if (rc < 0) return rc;
  const ld = l!;
  const rd = r!;
  takeFreePort(ld, rc);
  ld.state[rc] = ECS_INTERDOMAIN;
  ld.rdom[rc] = rdom;
  ld.rport[rc] = remotePort;
  rd.state[remotePort] = ECS_INTERDOMAIN;
  rd.rdom[remotePort] = dom;
  rd.rport[remotePort] = rc;
  // "We may have lost notifications on the remote unbound port": always notify locally.
  setPending(ctx, st, ld, rc, 'xen', seq);
  return rc;
}

/**
 * EVTCHNOP_send. Interdomain: set pending on the peer port (coalescing). Unbound: dropped
 * silently, returns 0. Anything else: -EINVAL.
 */
export function evtchnSend(ctx: Ctx, st: EvtchnState, dom: number, port: number): number {
  const d = st.doms[dom];
  let rc = 0;
  let state = ECS_FREE;
  if (d === undefined) rc = -ESRCH;
  else if (!portValid(d, port)) rc = -EINVAL;
  else {
    state = d.state[port]!;
    if (state !== ECS_INTERDOMAIN && state !== ECS_UNBOUND) rc = -EINVAL;
  }
  const seq = ctx.emit('hypercall', 'EVTCHNOP_send', dom, 'xen', ctx.keep && { port, rc, rcName: errnoName(rc) });
  if (rc < 0) return rc;
  const dd = d!;
  if (state === ECS_UNBOUND) {
    ctx.emit('evtchn', 'dropped', dom, dd.rdom[port]!, {
      port, state: 'ECS_UNBOUND', note: 'send on an unbound port is dropped silently',
    }, seq);
    return 0;
  }
  const peer = st.doms[dd.rdom[port]!];
  if (peer !== undefined) setPending(ctx, st, peer, dd.rport[port]!, dom, seq);
  return 0;
}

/** Close one in-use port of `d`: the peer of an interdomain port reverts to unbound, without an event. */
function closePort(ctx: Ctx, st: EvtchnState, d: DomEvtchn, port: number, cause: number | undefined): void {
  if (d.state[port] === ECS_INTERDOMAIN) {
    const pd = d.rdom[port]!;
    const pp = d.rport[port]!;
    const peer = st.doms[pd];
    if (peer !== undefined) {
      peer.state[pp] = ECS_UNBOUND;
      peer.rdom[pp] = d.domid;
      peer.rport[pp] = -1;
      ctx.emit('evtchn', 'peer-closed', d.domid, pd, {
        port: pp, closedPort: port, state: 'ECS_UNBOUND', notified: false,
      }, cause);
    }
  }
  freePort(d, port);
}

/** EVTCHNOP_close. FREE/RESERVED/invalid -> -EINVAL. */
export function evtchnClose(ctx: Ctx, st: EvtchnState, dom: number, port: number): number {
  const d = st.doms[dom];
  let rc = 0;
  if (d === undefined) rc = -ESRCH;
  else if (!portValid(d, port) || d.state[port] === ECS_FREE || d.state[port] === ECS_RESERVED) rc = -EINVAL;
  const remoteDom = rc === 0 ? d!.rdom[port]! : -1;
  const remotePort = rc === 0 ? d!.rport[port]! : -1;
  const seq = ctx.emit('hypercall', 'EVTCHNOP_close', dom, 'xen', {
    port, rc, rcName: errnoName(rc), remoteDom, remotePort,
  });
  if (rc === 0) closePort(ctx, st, d!, port, seq);
  return rc;
}

export interface EvtchnStatusResult { rc: number; status: number; remoteDom: number; remotePort: number }

/** EVTCHNOP_status: closed (FREE/RESERVED), unbound (+remote dom), interdomain (+dom, port). */
export function evtchnStatus(ctx: Ctx, st: EvtchnState, dom: number, port: number): EvtchnStatusResult {
  const d = st.doms[dom];
  const res: EvtchnStatusResult = { rc: 0, status: EVTCHNSTAT_closed, remoteDom: -1, remotePort: -1 };
  if (d === undefined) res.rc = -ESRCH;
  else if (!portValid(d, port)) res.rc = -EINVAL;
  else {
    const s = d.state[port]!;
    if (s === ECS_UNBOUND) { res.status = EVTCHNSTAT_unbound; res.remoteDom = d.rdom[port]!; }
    else if (s === ECS_INTERDOMAIN) {
      res.status = EVTCHNSTAT_interdomain; res.remoteDom = d.rdom[port]!; res.remotePort = d.rport[port]!;
    }
  }
  ctx.emit('hypercall', 'EVTCHNOP_status', dom, 'xen', {
    port, rc: res.rc, rcName: errnoName(res.rc), status: res.status, remoteDom: res.remoteDom, remotePort: res.remotePort,
  });
  return res;
}

/**
 * Domain death (evtchn_destroy): mark dying, close every port (peers fall back to
 * unbound, accepting the dead domid). The record stays, portless and dying, until
 * evtchnForgetDomain(). Returns the number of ports closed.
 */
export function evtchnRemoveDomain(ctx: Ctx, st: EvtchnState, dom: number): number {
  const d = st.doms[dom];
  if (d === undefined || d.dying) return 0;
  d.dying = true;
  const seq = ctx.emit('evtchn', 'destroy', dom, 'xen', { dom, ports: d.inUse });
  let closed = 0;
  for (let port = 1; port < d.hwm; port++) {
    if (d.state[port] === ECS_FREE) continue;
    closePort(ctx, st, d, port, seq);
    closed++;
  }
  if (st.raised.length > 0) st.raised = st.raised.filter((r) => r.dom !== dom);
  for (let port = 0; port < d.hwm; port++) d.queued[port] = 0;
  return closed;
}
