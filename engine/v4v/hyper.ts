/**
 * The hypervisor half of V4V / Argo (xen-model.md §6): register_ring, unregister_ring,
 * sendv and notify, with the error ladder, the per-ring pending lists and the one
 * per-domain doorbell (VIRQ) that names no ring. Op names follow the document's
 * `v4vMode`: V4VOP_* (default) or XEN_ARGO_OP_*.
 */
import type { V4vCallArgs } from '../core/trace';
import { emit, ctxOf, schedule } from '../sim/sys';
import { cpuRun } from '../sim/cpu';
import type { SimState } from '../sim/types';
import { checkMsgSize, checkRingSize, fitsNow, msgBytes, ringSpace, ringWrite } from './ring';
import {
  ARGO_MAX_PENDING, DOMID_ANY, ERRNO, MAX_IOV, MAX_NOTIFY_COUNT, MAX_RINGS_PER_DOMAIN, MSG_HEADER,
  REGISTER_FLAG_FAIL_EXIST, errName, ringId, type StreamMeta, type V4vRing,
} from './types';

/** Virtual-time costs of the v4v path, µs (the shared COST table covers the rest). */
export const V4V_COST = {
  /** A woken sender's gap between its notify and its retried send ... */
  retry: 1,
  /** ... plus up to this much: woken domains' vCPUs get to run in no fixed order (seeded). */
  retryJitter: 4,
  /** Argo -EBUSY: nothing will wake the sender, so it polls again after this. */
  busyBackoff: 100,
} as const;

export type HyperOp = 'register_ring' | 'unregister_ring' | 'sendv' | 'notify';

export function opName<O extends HyperOp>(st: SimState, op: O): `V4VOP_${O}` | `XEN_ARGO_OP_${O}` {
  return st.doc.v4vMode === 'argo' ? `XEN_ARGO_OP_${op}` : `V4VOP_${op}`;
}

/** A V4V hypercall: recorded, and its fixed cost charged to the caller's vCPU. */
function hcall<O extends HyperOp>(st: SimState, op: O, caller: number, ret: number, detail: V4vCallArgs[O]): number {
  cpuRun(st, caller, st.costs.hypercall);
  return emit(st, 'hypercall', opName<HyperOp>(st, op), caller, 'xen', { ...(detail as V4vCallArgs[HyperOp]), ret, ...(ret < 0 ? { err: errName(ret) } : {}) });
}

function running(st: SimState, dom: number): boolean {
  return st.domains[dom]?.state === 'running';
}

/** Pending entries a ring may hold: 32 in Argo, unlimited in V4V, or the scenario's limit. */
export function pendingCap(st: SimState): number {
  if (st.limits.v4vPendingPerRing > 0) return st.limits.v4vPendingPerRing;
  return st.doc.v4vMode === 'argo' ? ARGO_MAX_PENDING : Number.POSITIVE_INFINITY;
}

export interface RegisterOpts { flags?: number; npages?: number; len?: number; macPermissive?: boolean }

/** register_ring: returns 0 or a negative errno. */
export function registerRing(st: SimState, owner: number, port: number, partner: number, opts: RegisterOpts = {}): number {
  const len = opts.len ?? st.limits.v4vRingBytes;
  const id = ringId(owner, port, partner);
  const detail = { ring: id, port, partner: partner === DOMID_ANY ? 'any' as const : partner, len };
  let ret = checkRingSize(len, opts.npages);
  const v = st.v4v;
  if (ret === 0 && partner === DOMID_ANY && st.doc.v4vMode === 'argo' && !opts.macPermissive) ret = ERRNO.EPERM;
  if (ret === 0 && partner !== DOMID_ANY && !running(st, partner)) ret = ERRNO.ESRCH;
  const existing = v.rings[id];
  if (ret === 0 && existing) {
    if ((opts.flags ?? 0) & REGISTER_FLAG_FAIL_EXIST || existing.len !== len) ret = ERRNO.EEXIST;
    hcall(st, 'register_ring', owner, ret, { ...detail, reregister: true });
    return ret;
  }
  if (ret === 0 && (v.ringCount[owner] ?? 0) >= MAX_RINGS_PER_DOMAIN) ret = ERRNO.ENOSPC;
  if (ret === 0) {
    v.rings[id] = {
      id, owner, port, partner, len, rx: 0, tx: 0, msgs: [], pending: [], rxScheduled: false,
      epoch: st.domains[owner]!.epoch,
    };
    v.ringCount[owner] = (v.ringCount[owner] ?? 0) + 1;
  }
  hcall(st, 'register_ring', owner, ret, detail);
  return ret;
}

/** unregister_ring: -ENOENT for an unknown ring. */
export function unregisterRing(st: SimState, owner: number, id: string): number {
  const r = st.v4v.rings[id];
  const ret = r && r.owner === owner ? 0 : ERRNO.ENOENT;
  if (ret === 0) dropRing(st, id);
  hcall(st, 'unregister_ring', owner, ret, { ring: id });
  return ret;
}

export function dropRing(st: SimState, id: string): void {
  const r = st.v4v.rings[id];
  if (!r) return;
  delete st.v4v.rings[id];
  st.v4v.ringCount[r.owner] = (st.v4v.ringCount[r.owner] ?? 1) - 1;
  if (st.v4v.ringCount[r.owner] === 0) delete st.v4v.ringCount[r.owner];
}

/** The ring a message from `src` to (dst, port) lands in: partner == src first, then ANY. */
export function findRing(st: SimState, src: number, dst: number, port: number): V4vRing | undefined {
  return st.v4v.rings[ringId(dst, port, src)] ?? st.v4v.rings[ringId(dst, port, DOMID_ANY)];
}

export interface SendArgs {
  caller: number;
  src: { dom: number; port: number };
  dst: { dom: number; port: number };
  /** Payload bytes (the stream header included). */
  payload: number;
  meta: StreamMeta;
  type?: number;
  pad?: number;
  niov?: number;
}

/** Which check refused a send (-EPERM; under V4V the v4vtables reject is -ECONNREFUSED and an unknown destination -EINVAL). */
export type SendResult = { ret: number; why?: 'xsm' | 'tables' | 'source' | 'destination'; ring?: string; seq: number };

const v4vMode = (st: SimState): boolean => st.doc.v4vMode === 'v4v';

/** sendv: Xen checks, then copies header + payload into the receiver's ring. */
export function sendv(st: SimState, a: SendArgs, tablesAllow: (st: SimState, a: SendArgs) => boolean): SendResult {
  const detail: V4vCallArgs['sendv'] = {
    src: { dom: a.src.dom, port: a.src.port }, dst: { dom: a.dst.dom, port: a.dst.port }, bytes: a.payload, msg: a.meta.op,
  };
  const done = (ret: number, extra: Partial<V4vCallArgs['sendv']> = {}, why?: SendResult['why'], ring?: string): SendResult => ({
    ret, ...(why ? { why } : {}), ...(ring ? { ring } : {}), seq: hcall(st, 'sendv', a.caller, ret, { ...detail, ...extra }),
  });
  if ((a.pad ?? 0) !== 0) return done(ERRNO.EINVAL, { check: 'pad' });
  if (a.src.dom !== a.caller) return done(ERRNO.EPERM, { check: 'source' }, 'source');
  // V4V: an unknown destination is -EINVAL (Argo: -ESRCH).
  if (!running(st, a.dst.dom)) return v4vMode(st) ? done(ERRNO.EINVAL, { check: 'destination' }, 'destination') : done(ERRNO.ESRCH);
  if (!ctxOf(st).xsmAllows('argo_send', a.src.dom, a.dst.dom)) return done(ERRNO.EPERM, { check: 'xsm' }, 'xsm');
  // V4V answers a v4vtables reject with the code of a missing ring: the guest cannot tell them apart.
  if (!tablesAllow(st, a)) return done(v4vMode(st) ? ERRNO.ECONNREFUSED : ERRNO.EPERM, { check: 'v4vtables' }, 'tables');
  const ring = findRing(st, a.src.dom, a.dst.dom, a.dst.port);
  if (!ring) return done(ERRNO.ECONNREFUSED);
  if ((a.niov ?? 1) > MAX_IOV[st.doc.v4vMode]) return done(ERRNO.EINVAL, { check: 'niov' }, undefined, ring.id);
  const size = checkMsgSize(ring.len, a.payload);
  if (size < 0) return done(size, {}, undefined, ring.id);
  if (!fitsNow(ring, a.payload)) {
    const q = queuePending(st, ring, a.caller, a.payload);
    st.stats.ringFullWaits++;
    return done(q ? ERRNO.EAGAIN : ERRNO.EBUSY, { ring: ring.id, space: ringSpace(ring), pending: ring.pending.length }, undefined, ring.id);
  }
  ringWrite(ring, { srcDom: a.src.dom, srcPort: a.src.port, type: a.type ?? 0, meta: a.meta }, a.payload);
  st.stats.bytesCopiedByXen += MSG_HEADER + a.payload;
  const res = done(a.payload, { ring: ring.id, tx: ring.tx, rx: ring.rx, copied: MSG_HEADER + a.payload }, undefined, ring.id);
  raiseVirq(st, ring.owner);
  return res;
}

/** Queue (or grow) `dom`'s space request on `ring`. False when the cap is reached (-EBUSY). */
function queuePending(st: SimState, ring: V4vRing, dom: number, len: number): boolean {
  const e = ring.pending.find((p) => p.dom === dom);
  if (e) { e.len = Math.max(e.len, len); return true; }
  if (ring.pending.length >= pendingCap(st)) return false;
  ring.pending.push({ dom, len });
  return true;
}

/** Ring the domain's one doorbell (coalesced until delivered). */
export function raiseVirq(st: SimState, dom: number): void {
  const d = st.domains[dom];
  if (!d || d.state !== 'running' || st.v4v.virqPending[dom]) return;
  st.v4v.virqPending[dom] = true;
  // The VIRQ is an upcall like any other: work on the woken domain's vCPU.
  schedule(st, cpuRun(st, dom, st.costs.upcall), { type: 'v4v', work: { kind: 'virq', dom, epoch: d.epoch } });
}

export interface NotifyEntry { dst: { dom: number; port: number }; space: number }
export interface NotifyResult { ret: number; flags: string[][]; woken: number[] }

/**
 * notify: first Xen re-checks the pending lists of the caller's own rings (the ONLY
 * place it does) and wakes every waiter that now fits; then it answers the caller's
 * entries with flags, cancelling or queueing its own space requests.
 */
export function notify(st: SimState, caller: number, entries: NotifyEntry[]): NotifyResult {
  st.stats.notifyHypercalls++;
  if (entries.length > MAX_NOTIFY_COUNT) {
    hcall(st, 'notify', caller, ERRNO.EACCES, { entries: entries.length });
    return { ret: ERRNO.EACCES, flags: [], woken: [] };
  }
  const woken: number[] = [];
  for (const id in st.v4v.rings) {
    const r = st.v4v.rings[id]!;
    if (r.owner !== caller || r.pending.length === 0) continue;
    const space = ringSpace(r);
    const keep = [];
    for (const p of r.pending) {
      if (msgBytes(p.len) <= space) { woken.push(p.dom); wake(st, r, p.dom); } else keep.push(p);
    }
    r.pending = keep;
  }
  const flags = entries.map((e) => notifyEntry(st, caller, e));
  hcall(st, 'notify', caller, 0, {
    entries: entries.map((e, i) => ({ dom: e.dst.dom, port: e.dst.port, space: e.space, flags: flags[i]! })),
    ...(woken.length ? { woken } : {}),
  });
  for (const dom of woken) raiseVirq(st, dom);
  return { ret: 0, flags, woken };
}

function wake(st: SimState, r: V4vRing, dom: number): void {
  st.stats.wakeups++;
  const w = st.v4v.waits[`${dom}|${r.id}`];
  if (w) w.woken = true;
}

function notifyEntry(st: SimState, caller: number, e: NotifyEntry): string[] {
  const r = findRing(st, caller, e.dst.dom, e.dst.port);
  if (!r || !running(st, e.dst.dom)) return [];
  const f: string[] = ['EXISTS'];
  if (r.partner === DOMID_ANY) f.push('SHARED');
  if (r.rx === r.tx) f.push('EMPTY');
  if (checkMsgSize(r.len, e.space) < 0) { f.push('EMSGSIZE'); return f; }
  if (fitsNow(r, e.space)) {
    f.push('SUFFICIENT');
    r.pending = r.pending.filter((p) => p.dom !== caller);
  } else if (queuePending(st, r, caller, e.space)) {
    if (st.doc.v4vMode === 'v4v') f.push('PENDING');
  } else f.push('EBUSY');
  return f;
}

