/**
 * 2-level delivery (Xen `xen/common/event_2l.c`): test-and-set pending (repeated sends
 * coalesce), raise the upcall when unmasked, unmask re-raises a pending port.
 */
import type { Ctx, Endpoint } from '../core/trace';
import { ECS_FREE, EINVAL, ESRCH, errnoName, portValid } from './types';
import type { DomEvtchn, EvtchnState, RaisedPort } from './types';

function raise(st: EvtchnState, d: DomEvtchn, port: number): void {
  if (d.queued[port] === 1) return;
  d.queued[port] = 1;
  st.raised.push({ dom: d.domid, port });
}

/**
 * evtchn_port_set_pending(). Emits 'evtchn' 'pending' (or 'coalesced' when it already
 * was). Returns true when the port became pending.
 */
export function setPending(ctx: Ctx, st: EvtchnState, d: DomEvtchn, port: number, src: Endpoint, cause?: number): boolean {
  if (d.pending[port] === 1) {
    ctx.emit('evtchn', 'coalesced', src, d.domid, ctx.keep && { port, note: 'already pending' }, cause);
    return false;
  }
  d.pending[port] = 1;
  const masked = d.masked[port] === 1;
  if (!masked) raise(st, d, port);
  ctx.emit('evtchn', 'pending', src, d.domid, ctx.keep && { port, masked, raised: !masked }, cause);
  return true;
}

/**
 * Drain the ports raised since the last call, oldest first. Entries whose port has since
 * been acked, masked, closed or whose domain is gone are dropped, and a port appears once.
 */
export function evtchnTakeRaised(st: EvtchnState): RaisedPort[] {
  const src = st.raised;
  if (src.length === 0) return src.slice();
  st.raised = [];
  let w = 0;
  for (let i = 0; i < src.length; i++) {
    const e = src[i]!;
    const d = st.doms[e.dom];
    if (d === undefined || e.port >= d.hwm) continue;
    d.queued[e.port] = 0;
    if (d.state[e.port] !== ECS_FREE && d.pending[e.port] === 1 && d.masked[e.port] === 0) src[w++] = e;
  }
  src.length = w;
  return src;
}

/** The guest's handler acks the port (clears its pending bit). Returns whether it was pending. */
export function evtchnClearPending(st: EvtchnState, dom: number, port: number): boolean {
  const d = st.doms[dom];
  if (d === undefined || !portValid(d, port) || d.pending[port] !== 1) return false;
  d.pending[port] = 0;
  return true;
}

/** Guest sets the mask bit (shared-info write). 0, or -EINVAL / -ESRCH. */
export function evtchnMask(ctx: Ctx, st: EvtchnState, dom: number, port: number): number {
  const d = st.doms[dom];
  const rc = d === undefined ? -ESRCH : portValid(d, port) ? 0 : -EINVAL;
  if (rc === 0) d!.masked[port] = 1;
  ctx.emit('evtchn', 'mask', dom, dom, { port, rc, rcName: errnoName(rc) });
  return rc;
}

/**
 * EVTCHNOP_unmask (2-level): test-and-clear the mask bit; only a port whose mask bit WAS
 * set and that is pending raises the upcall. Unmasking an unmasked port raises nothing.
 */
export function evtchnUnmask(ctx: Ctx, st: EvtchnState, dom: number, port: number): number {
  const d = st.doms[dom];
  const rc = d === undefined ? -ESRCH : portValid(d, port) ? 0 : -EINVAL;
  let raised = false;
  if (rc === 0) {
    const dd = d!;
    const wasMasked = dd.masked[port] === 1;
    dd.masked[port] = 0;
    if (wasMasked && dd.pending[port] === 1) {
      raised = true;
      raise(st, dd, port);
    }
  }
  ctx.emit('hypercall', 'EVTCHNOP_unmask', dom, 'xen', { port, rc, rcName: errnoName(rc), raised });
  return rc;
}

/** Is the port's pending bit set? */
export function evtchnIsPending(st: EvtchnState, dom: number, port: number): boolean {
  const d = st.doms[dom];
  return d !== undefined && portValid(d, port) && d.pending[port] === 1;
}
