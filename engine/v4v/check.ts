/**
 * Invariants of the v4v transport, checked with the rest after every action in tests:
 * every ring is consistent (aligned pointers, messages tile [rx, tx), the free slot
 * kept), belongs to a running domain and, if single-source, to a running partner; ring
 * counts and pending caps hold; waiters are real; and no guest uses a grant entry.
 */
import { grantsInUse } from '../gnttab';
import type { SimState } from '../sim/types';
import { pendingCap } from './hyper';
import { ringCheck } from './ring';
import { DOMID_ANY, MAX_RINGS_PER_DOMAIN } from './types';

export function v4vCheck(st: SimState): string[] {
  const out: string[] = [];
  const v = st.v4v;
  const count: Record<number, number> = {};
  const cap = pendingCap(st);
  for (const id in v.rings) {
    const r = v.rings[id]!;
    out.push(...ringCheck(r).map((m) => `v4v ring ${id}: ${m}`));
    count[r.owner] = (count[r.owner] ?? 0) + 1;
    if (st.domains[r.owner]?.state !== 'running') out.push(`v4v ring ${id}: owner ${r.owner} is not running`);
    if (r.partner !== DOMID_ANY && st.domains[r.partner]?.state !== 'running') out.push(`v4v ring ${id}: partner ${r.partner} is gone but the ring survived`);
    if (r.pending.length > cap) out.push(`v4v ring ${id}: ${r.pending.length} pending entries over the cap ${cap}`);
    const doms = new Set(r.pending.map((p) => p.dom));
    if (doms.size !== r.pending.length) out.push(`v4v ring ${id}: a domain has two pending entries`);
    for (const p of r.pending) if (st.domains[p.dom]?.state !== 'running') out.push(`v4v ring ${id}: pending entry of dead domain ${p.dom}`);
  }
  for (const k in count) {
    if ((v.ringCount[Number(k)] ?? 0) !== count[k]) out.push(`v4v: ring count of domain ${k} is ${v.ringCount[Number(k)]}, rings ${count[k]}`);
    if (count[k]! > MAX_RINGS_PER_DOMAIN) out.push(`v4v: domain ${k} has ${count[k]} rings`);
  }
  for (const key in v.waits) {
    const w = v.waits[key]!;
    if (st.domains[w.dom]?.state !== 'running') out.push(`v4v wait ${key}: domain is not running`);
    for (const s of w.socks) if (v.socks[s]?.blocked !== w.ring) out.push(`v4v wait ${key}: socket ${s} is not blocked on it`);
  }
  for (const k in st.domains) {
    const d = st.domains[k]!;
    if (d.state === 'running' && grantsInUse(st.gnttab, d.id) > 0) out.push(`v4v: domain ${d.id} uses ${grantsInUse(st.gnttab, d.id)} grant entries`);
  }
  return out;
}
