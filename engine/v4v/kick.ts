/**
 * Scheduling of the v4v transport's timed work: the bottom of its layers (the stream
 * layer and the send loop both start work through here).
 */
import { schedule } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { V4vWork } from './types';

/** Queue v4v work for now. */
export function work(st: SimState, w: V4vWork): void {
  schedule(st, st.t, { type: 'v4v', work: w });
}

/** Make sure a send loop runs for this socket (unless it sleeps waiting for space). */
export function kick(st: SimState, id: number): void {
  const vs = st.v4v.socks[id];
  const sock = st.socks[id];
  const d = sock ? st.domains[sock.dom] : undefined;
  if (!vs || !sock || !d || d.state !== 'running' || vs.txScheduled || vs.blocked) return;
  vs.txScheduled = true;
  work(st, { kind: 'tx', sock: id, dom: sock.dom, epoch: d.epoch });
}
