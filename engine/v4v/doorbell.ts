/**
 * The per-domain doorbell (xen-model.md §6). Both tell a domain only that SOME ring it
 * waits on may have news. V4V's 2013 patch gives every domain one event channel at
 * creation (`v4v_init`, reported by `V4VOP_info`) and signals it with `evtchn_send`;
 * Argo raises `VIRQ_ARGO` (11). (Xen 4.3 reserves VIRQ 11 as `VIRQ_XC_RESERVED`, but the
 * V4V patch does not use it.)
 */
import { evtchnAllocXenPort } from '../evtchn';
import { ctxOf, emit } from '../sim/sys';
import type { SimState } from '../sim/types';

const VIRQ_ARGO = 11;

/** A domain came up: under V4V, Xen takes its doorbell port. */
export function doorbellUp(st: SimState, dom: number): void {
  if (st.doc.v4vMode !== 'v4v') return;
  const port = evtchnAllocXenPort(ctxOf(st), st.evtchn, dom, 'v4v doorbell');
  if (port >= 0) st.v4v.doorbell[dom] = port;
  else delete st.v4v.doorbell[dom];
}

/** The doorbell reaches the domain. */
export function doorbellRings(st: SimState, dom: number): void {
  const port = st.v4v.doorbell[dom];
  if (st.doc.v4vMode === 'v4v' && port !== undefined) emit(st, 'v4v', 'doorbell', 'xen', dom, { port });
  else emit(st, 'v4v', 'VIRQ', 'xen', dom, { virq: VIRQ_ARGO });
}
