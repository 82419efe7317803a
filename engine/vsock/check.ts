/**
 * Invariants of the vsock transport: every ring pair's vchan is consistent, and a client
 * connected through the broker has its ring.
 */
import { vchanCheck } from '../ring/vchancheck';
import type { SimState } from '../sim/types';

export function vsockInvariants(st: SimState): string[] {
  const out: string[] = [];
  for (const key of st.peers.keys()) {
    const r = st.peers.get(key)!;
    if (r.vchan) out.push(...vchanCheck(r.vchan).map((m) => `ring ${key}: ${m}`));
  }
  for (const id in st.socks) {
    const s = st.socks[id]!;
    if (s.state === 'connected' && s.via === 'broker' && s.role === 'client' && s.peerDom !== s.dom) {
      const ring = s.ring ? st.peers.get(s.ring) : undefined;
      if (!ring) out.push(`socket ${s.id}: connected without a ring`);
    }
  }
  return out;
}
