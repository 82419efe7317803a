/** Read-only views of the port tables and the invariant checker. */
import { ECS_FREE, ECS_INTERDOMAIN, ECS_RESERVED, ECS_UNBOUND, ecsName } from './types';
import type { EvtchnState } from './types';

/** Ports of `dom` not free, reserved port 0 excluded. */
export function portsInUse(st: EvtchnState, dom: number): number {
  return st.doms[dom]?.inUse ?? 0;
}

export function evtchnIsDying(st: EvtchnState, dom: number): boolean {
  return st.doms[dom]?.dying ?? false;
}

/** The other end of an interdomain port, or null. */
export function evtchnPeer(st: EvtchnState, dom: number, port: number): { dom: number; port: number } | null {
  const d = st.doms[dom];
  if (d === undefined || port < 0 || port >= d.hwm || d.state[port] !== ECS_INTERDOMAIN) return null;
  return { dom: d.rdom[port]!, port: d.rport[port]! };
}

export interface PortView {
  port: number; state: number; stateName: string; remoteDom: number; remotePort: number;
  pending: boolean; masked: boolean;
}

/** Every non-free port of `dom` (port 0 included), ascending, for an inspector. */
export function portsView(st: EvtchnState, dom: number): PortView[] {
  const d = st.doms[dom];
  const out: PortView[] = [];
  if (d === undefined) return out;
  for (let port = 0; port < d.hwm; port++) {
    const s = d.state[port]!;
    if (s === ECS_FREE) continue;
    out.push({
      port, state: s, stateName: ecsName(s), remoteDom: d.rdom[port]!, remotePort: d.rport[port]!,
      pending: d.pending[port] === 1, masked: d.masked[port] === 1,
    });
  }
  return out;
}

/** Invariant violations (empty when consistent). Scans everything: for tests. */
export function evtchnCheck(st: EvtchnState): string[] {
  const bad: string[] = [];
  const boundTo: { [key: string]: string } = {};
  for (const id of Object.keys(st.doms)) {
    const dom = Number(id);
    const d = st.doms[dom]!;
    if (d.domid !== dom) bad.push(`dom ${dom}: record says ${d.domid}`);
    if (d.hwm > d.limit) bad.push(`dom ${dom}: hwm ${d.hwm} beyond limit ${d.limit}`);
    if (d.state[0] !== ECS_RESERVED) bad.push(`dom ${dom}: port 0 is ${ecsName(d.state[0] ?? -1)}`);
    const cols = [[d.state, ECS_FREE], [d.rdom, -1], [d.rport, -1], [d.pending, 0], [d.masked, 0], [d.queued, 0]] as const;
    for (const [a, fill] of cols) {
      if (a.length < d.hwm) bad.push(`dom ${dom}: port column of ${a.length} slots < hwm ${d.hwm}`);
      else if (a.subarray(d.hwm).some((v) => v !== fill)) bad.push(`dom ${dom}: a port column has values past hwm ${d.hwm}`);
    }
    let used = 0;
    let free = 0;
    for (let port = 1; port < d.hwm; port++) {
      const s = d.state[port]!;
      if (s === ECS_FREE) {
        free++;
        if (d.pending[port] !== 0) bad.push(`dom ${dom} port ${port}: free but pending`);
        if (d.rdom[port] !== -1 || d.rport[port] !== -1) bad.push(`dom ${dom} port ${port}: free but has a remote`);
        continue;
      }
      used++;
      if (s === ECS_UNBOUND) {
        if (d.rport[port] !== -1) bad.push(`dom ${dom} port ${port}: unbound with remote port ${d.rport[port]}`);
      } else if (s === ECS_INTERDOMAIN) {
        const pd = d.rdom[port]!;
        const pp = d.rport[port]!;
        const key = `${pd}:${pp}`;
        if (boundTo[key] !== undefined) bad.push(`port ${key} bound twice (by ${boundTo[key]} and ${dom}:${port})`);
        boundTo[key] = `${dom}:${port}`;
        const p = st.doms[pd];
        if (p === undefined) { bad.push(`dom ${dom} port ${port}: peer dom ${pd} missing`); continue; }
        if (pp < 1 || pp >= p.hwm || p.state[pp] !== ECS_INTERDOMAIN) {
          bad.push(`dom ${dom} port ${port} -> ${key}, which is not interdomain`);
        } else if (p.rdom[pp] !== dom || p.rport[pp] !== port) {
          bad.push(`dom ${dom} port ${port} -> ${key}, but ${key} -> ${p.rdom[pp]}:${p.rport[pp]}`);
        }
      } else {
        bad.push(`dom ${dom} port ${port}: unexpected state ${ecsName(s)}`);
      }
    }
    if (used !== d.inUse) bad.push(`dom ${dom}: inUse ${d.inUse} but ${used} ports in use`);
    if (d.dying && used !== 0) bad.push(`dom ${dom}: dying with ${used} ports`);
    if (free !== d.free.length) bad.push(`dom ${dom}: ${free} free ports but heap holds ${d.free.length}`);
    const seen: { [p: number]: number } = {};
    for (let i = 0; i < d.free.length; i++) {
      const p = d.free[i]!;
      if (seen[p]) bad.push(`dom ${dom}: port ${p} twice in the free heap`);
      seen[p] = 1;
      if (p < 1 || p >= d.hwm || d.state[p] !== ECS_FREE) bad.push(`dom ${dom}: heap port ${p} is not free`);
      if (i > 0 && d.free[(i - 1) >> 1]! > p) bad.push(`dom ${dom}: free heap order broken at ${i}`);
    }
  }
  let queued = 0;
  for (const id of Object.keys(st.doms)) for (const q of st.doms[Number(id)]!.queued) queued += q;
  if (queued !== st.raised.length) bad.push(`${queued} ports marked queued but ${st.raised.length} raised entries`);
  for (const r of st.raised) {
    const d = st.doms[r.dom];
    if (d === undefined || r.port >= d.hwm || d.queued[r.port] !== 1) bad.push(`raised ${r.dom}:${r.port} not marked queued`);
  }
  return bad;
}
