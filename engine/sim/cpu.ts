/**
 * A CPU per domain. Each domain has `vcpus` virtual CPUs (the document's `domains[].vcpus`,
 * default 1); all the work the domain does is charged to them, with costs from the one
 * cost table (`st.costs`, engine/core/costs.ts):
 *
 * - guests: reading and writing ring bytes, their event-channel upcalls, the hypercalls
 *   they make, and V4V's copy (Xen copies in the sender's hypercall, on its time);
 * - the backend (dom0): the connection manager's messages, xenstored's requests and watch
 *   events (xenstored runs in dom0), and the backend's own upcalls.
 *
 * Scheduling rule: a piece of work goes to the vCPU that frees up first (the lowest index
 * on a tie) and runs from `max(now, free)` for `cost` µs. Work on a ring is done in turns:
 * each ring's reader takes at most `rxBatch` bytes, then queues its next turn at the end of
 * that work, behind whatever other rings queued meanwhile. So rings sharing one vCPU get
 * its time round-robin (two busy rings about half each), and two vCPUs serve two rings at
 * the full rate each, as a Linux guest spreading per-ring work over its vCPUs would.
 *
 * Plain data in the state (snapshot-clonable) and no clock but `st.t`: deterministic.
 */
import type { SimState } from './types';

export interface DomainCpu {
  /** When each vCPU is done with the work queued on it so far. */
  free: number[];
  /** Virtual µs of work charged to the vCPUs, queued ahead included. */
  charged: number;
}

/** Each document's declared vCPUs by domain id (documents are not changed once parsed). */
const declared = new WeakMap<SimState['doc']['domains'], Map<number, number>>();

/** The domain's vCPUs as declared (1 when the document does not say, or for added domains). */
export function vcpusOf(st: SimState, dom: number): number {
  let byId = declared.get(st.doc.domains);
  if (byId === undefined) {
    byId = new Map();
    // The first declaration of an id counts, as a scan in document order would find it.
    for (const d of st.doc.domains) if (!byId.has(d.id)) byId.set(d.id, d.vcpus ?? 1);
    declared.set(st.doc.domains, byId);
  }
  return byId.get(dom) ?? 1;
}

function cpuOf(st: SimState, dom: number): DomainCpu {
  let c = st.cpu[dom];
  if (c === undefined) {
    c = { free: new Array<number>(vcpusOf(st, dom)).fill(0), charged: 0 };
    st.cpu[dom] = c;
  }
  return c;
}

/**
 * Charge `cost` µs of `dom`'s work, not started before `notBefore`, to the vCPU that frees
 * up first. Returns when the work is done.
 */
export function cpuRun(st: SimState, dom: number, cost: number, notBefore = st.t): number {
  const c = cpuOf(st, dom);
  const free = c.free;
  let k = 0;
  for (let i = 1; i < free.length; i++) if (free[i]! < free[k]!) k = i;
  const start = Math.max(notBefore, st.t, free[k]!);
  if (cost <= 0) return start;
  const end = start + cost;
  free[k] = end;
  c.charged += cost;
  return end;
}

/** The earliest time one of `dom`'s vCPUs can take new work. */
export function cpuFreeAt(st: SimState, dom: number): number {
  const free = cpuOf(st, dom).free;
  let m = free[0]!;
  for (let i = 1; i < free.length; i++) if (free[i]! < m) m = free[i]!;
  return Math.max(m, st.t);
}

/** Time a byte count takes at `bytesPerUs` (whole µs, 0 for nothing). */
export function byteCost(bytes: number, bytesPerUs: number): number {
  return bytes > 0 ? Math.ceil(bytes / bytesPerUs) : 0;
}

/**
 * Virtual µs `dom`'s vCPUs spent working up to now: what was charged, less the part of
 * the queued work that lies after `st.t`. Never more than vcpus x elapsed.
 */
export function cpuBusyUs(st: SimState, dom: number): number {
  const c = st.cpu[dom];
  if (c === undefined) return 0;
  let ahead = 0;
  for (const f of c.free) if (f > st.t) ahead += f - st.t;
  return Math.max(0, c.charged - ahead);
}

/**
 * The CPU model's invariants, for the fuzzer: each domain has its declared vCPUs, no more
 * work was charged than fits before their free times, and its busy time is at most
 * vcpus x elapsed.
 */
export function checkCpu(st: SimState): string[] {
  const out: string[] = [];
  for (const k in st.cpu) {
    const dom = Number(k);
    const c = st.cpu[dom]!;
    const n = vcpusOf(st, dom);
    if (c.free.length !== n) out.push(`domain ${dom} has ${c.free.length} vCPUs, declared ${n}`);
    let room = 0;
    for (const f of c.free) room += f;
    if (c.charged > room) out.push(`domain ${dom}: ${c.charged} µs charged but its vCPUs are free by ${c.free.join(', ')}`);
    const busy = cpuBusyUs(st, dom);
    if (busy > n * st.t) out.push(`domain ${dom}: cpuBusyUs ${busy} > ${n} vCPUs x ${st.t} µs`);
  }
  return out;
}
