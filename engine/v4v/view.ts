/**
 * The V4V part of the read-only view (view.ts): the rings receivers registered with
 * Xen, who waits on each for space, and the v4vtables rules. Reads the state only.
 */
import type { SimState } from '../sim/types';
import type { SimView, V4vRingView } from '../view';
import { DOMID_ANY } from './types';

export function v4vView(st: SimState, v: SimView): void {
  const s = st.v4v;
  if (!s) return;
  const rings: V4vRingView[] = [];
  for (const id of Object.keys(s.rings)) {
    const r = s.rings[id]!;
    const used = r.tx >= r.rx ? r.tx - r.rx : r.len - r.rx + r.tx;
    const waiting = new Set<number>();
    let woken = 0;
    for (const key in s.waits) {
      const w = s.waits[key]!;
      if (w.ring !== id) continue;
      waiting.add(w.dom);
      if (w.woken) woken++;
    }
    rings.push({
      id, owner: r.owner, port: r.port, partner: r.partner === DOMID_ANY ? null : r.partner,
      len: r.len, used, messages: r.msgs.length, pending: r.pending.length, woken, waiting: [...waiting].sort((a, b) => a - b),
    });
  }
  v.v4v = {
    rings,
    rules: s.rules.map((r) => ({ accept: r.accept, srcDom: r.srcDom, srcPort: r.srcPort, dstDom: r.dstDom, dstPort: r.dstPort })),
    defaultAccept: s.defaultAccept,
  };
}
