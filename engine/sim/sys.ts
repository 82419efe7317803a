/**
 * Small helpers every part of the simulation uses: the Ctx over the state's trace,
 * scheduling work, raising event-channel upcalls, policy lookup.
 */
import { makeCtx, type Ctx, type DetailOf, type Endpoint, type ErrorDetail, type ErrorOp, type OpOf, type TraceKind, type XsmHook } from '../core/trace';
import { queuePush, queuePushInOrder } from '../core/queue';
import { CID_BACKEND, CID_SELF } from '../core/limits';
import { evtchnSend, evtchnTakeRaised } from '../evtchn';
import type { Action } from './actions';
import { cpuRun } from './cpu';
import type { SimState } from './types';
import type { Step } from '../scenario';
import type { Sock } from '../socket/types';

/**
 * Where a state keeps its Ctx: a symbol-keyed, non-enumerable property, which
 * structuredClone and JSON skip (a snapshot gets its own Ctx) and which is one property
 * read away on the hot path (every emit goes through it).
 */
const CTX: unique symbol = Symbol('ctx');
type WithCtx = SimState & { [CTX]?: Ctx };

/** The Ctx for this state (made once per state object; snapshots get their own). */
export function ctxOf(st: SimState): Ctx {
  const ctx = (st as WithCtx)[CTX];
  if (ctx !== undefined) return ctx;
  const made = makeCtx(st.trace, st, (hook, src, dst) => xsmAllows(st, hook, src, dst));
  Object.defineProperty(st, CTX, { value: made, enumerable: false });
  return made;
}

export function emit<K extends TraceKind, O extends OpOf<K>>(
  st: SimState, kind: K, op: O, src: Endpoint, dst: Endpoint, detail: DetailOf<K, O> | false, cause?: number,
): number {
  return ctxOf(st).emit(kind, op, src, dst, detail, cause);
}

/**
 * Queue work. The work remembers the latest event at scheduling time as its cause, so
 * what it emits links back to what made it happen.
 */
export function schedule(st: SimState, at: number, action: Action): void {
  if (action.cause === undefined && st.trace.nextSeq > 0) action.cause = st.trace.nextSeq - 1;
  queuePush(st.queue, Math.max(at, st.t), action);
}

/** The event queue's FIFO lanes (core/queue.ts), one per kind of work queued in time order. */
export const LANE_TIMED = 0; // the scenario's steps, connect timeouts (a fixed delay)
export const LANE_CM = 1; // the connection manager's turns, back to back
export const LANE_XENSTORED = 2; // xenstored's watch deliveries, back to back

/** schedule() for work its caller queues in time order on `lane`. Same order either way. */
export function scheduleInOrder(st: SimState, lane: number, at: number, action: Action): void {
  if (action.cause === undefined && st.trace.nextSeq > 0) action.cause = st.trace.nextSeq - 1;
  queuePushInOrder(st.queue, lane, Math.max(at, st.t), action);
}

/** A step that cannot apply becomes an `error` event; the run goes on. */
export function stepError(st: SimState, op: ErrorOp, src: Endpoint, message: string, detail: Omit<ErrorDetail, 'message'> = {}): number {
  st.stats.errors++;
  return emit(st, 'error', op, src, 'xen', { message, ...detail });
}

/** A step named a connection that is not live (or never was): an error event. */
export function connNotLive(st: SimState, op: ErrorOp, name: string | undefined, sock: Sock | undefined, side?: string): void {
  const which = side === undefined ? `"${name}"` : `"${name}" (${side})`;
  const why = !sock ? 'not established' : sock.closeAfterTx && sock.state !== 'closed' ? 'closed by this side' : sock.state;
  stepError(st, op, sock?.dom ?? 'xen', `connection ${which} is ${why}`);
}

export function isUp(st: SimState, id: number): boolean {
  return st.domains[id]?.state === 'running';
}

/** A step needs domain `dom` running; if it is not, an error event says why. */
export function requireUp(st: SimState, op: Step['op'], dom: number): boolean {
  if (isUp(st, dom)) return true;
  const d = st.domains[dom];
  stepError(st, op, dom, `domain ${dom} is ${d ? d.state : 'not present'}`);
  return false;
}

/** EVTCHNOP_send (a hypercall on the caller's vCPU) plus scheduling of whatever upcalls it raised. */
export function notify(st: SimState, domid: number, port: number): void {
  st.stats.notifications++;
  cpuRun(st, domid, st.costs.hypercall);
  evtchnSend(ctxOf(st), st.evtchn, domid, port);
  flushRaised(st);
}

/** Turn ports that became pending into upcall deliveries: each is work on the receiver's vCPU. */
export function flushRaised(st: SimState): void {
  if (st.evtchn.raised.length === 0) return; // most actions raise none: no list to drain
  const raised = evtchnTakeRaised(st.evtchn);
  for (const r of raised) {
    const d = st.domains[r.dom];
    if (!d) continue;
    schedule(st, cpuRun(st, r.dom, st.costs.upcall), { type: 'upcall', dom: r.dom, port: r.port, epoch: d.epoch });
  }
}

/** Resolve a vsock CID as seen from `from`. */
export function resolveCid(st: SimState, from: number, cid: number): number {
  if (cid === CID_SELF) return from;
  if (cid === CID_BACKEND) return st.backend;
  return cid;
}

/** The toolstack's policy, as the connection manager applies it: last matching rule wins. */
export function policyVerdict(st: SimState, from: number, to: number, port: number): 'allow' | 'deny' {
  let verdict = st.policy.default;
  for (const r of st.policy.rules) {
    if (r.from === from && r.to === to && (r.port === undefined || r.port === port)) verdict = r.verdict;
  }
  return verdict;
}

/** Is there any rule letting these two talk (either direction, any port)? Used by XSM. */
export function pairMayTalk(st: SimState, x: number, y: number): boolean {
  return policyAnyPort(st, x, y) || policyAnyPort(st, y, x);
}

function policyAnyPort(st: SimState, from: number, to: number): boolean {
  let verdict = st.policy.default === 'allow';
  for (const r of st.policy.rules) {
    if (r.from !== from || r.to !== to) continue;
    if (r.verdict === 'allow') verdict = true;
    else if (r.port === undefined) verdict = false;
  }
  return verdict;
}

/**
 * XSM hook decisions. With `xsm: false` the dummy module allows everything. With
 * `xsm: true` the hypervisor enforces the toolstack's policy between guests at grant
 * mapping and interdomain binding; the backend (privileged) is always allowed.
 */
function xsmAllows(st: SimState, hook: XsmHook, src: number, dst: number): boolean {
  if (!st.doc.xsm) return true;
  if (hook !== 'grant_mapref' && hook !== 'evtchn_interdomain' && hook !== 'argo_send') return true;
  if (src === dst) return true;
  const s = st.domains[src];
  const d = st.domains[dst];
  if (s?.privileged || d?.privileged) return true;
  return pairMayTalk(st, src, dst);
}
