/**
 * Where the vsock transport meets the toolstack's domain lifecycle: a domain's link
 * comes up with it; when it dies its sockets, its halves of the rings and its link go
 * (before Xen reclaims the memory); peers of a bypass channel notice on their own.
 */
import { xenbusRemoveDevice } from '../xenstore';
import { ctxOf, emit } from '../sim/sys';
import type { SimState } from '../sim/types';
import { resetSocketsOf } from '../socket/sockets';
import { backendDriverStart, linkCreate, linkForgetFront, linkTeardownBack, VSOCK_DEVICE } from './link';
import { releaseSide } from './peer';

/** A (new or resumed) domain: the backend starts its driver, a guest gets its link. */
export function vsockDomainUp(st: SimState, id: number): void {
  if (st.domains[id]!.role === 'backend') backendDriverStart(st);
  else if (st.domains[st.backend]?.state === 'running') linkCreate(st, id);
}

/** Peers still mapping pages of `id`'s old incarnation let go now. */
export function vsockOldIncarnation(st: SimState, id: number): void {
  for (const key of [...st.peers.keys()]) {
    const ring = st.peers.get(key)!;
    const peer = ring.a.dom === id ? ring.b.dom : ring.b.dom === id ? ring.a.dom : -1;
    if (peer >= 0 && st.domains[peer]?.state === 'running') releaseSide(st, ring, peer, 'peer-crashed', true);
  }
}

/** Tear down every vsock connection and ring of `id`, and its link. */
export function vsockDomainDying(st: SimState, id: number, reason: string): void {
  const ctx = ctxOf(st);
  // The domain's own sockets die with it.
  resetSocketsOf(st, id, reason);
  // Its halves of the rings go with the domain (Xen reclaims; nothing runs in it).
  for (const key of [...st.peers.keys()]) {
    const ring = st.peers.get(key)!;
    if (ring.a.dom === id || ring.b.dom === id) releaseSide(st, ring, id, reason, false);
  }
  // Backend side of its link; then everything the dying domain holds.
  const link = st.links[id];
  if (link) {
    linkTeardownBack(st, link);
    linkForgetFront(st, link);
    delete st.links[id];
    // The toolstack removes the device's xenstore directories.
    xenbusRemoveDevice(ctx, st.xs, st.backend, id, st.backend, VSOCK_DEVICE, 0);
  }
  if (st.domains[id]!.role === 'backend') {
    for (const g in st.links) { const l = st.links[g]!; linkTeardownBack(st, l); }
  }
  delete st.portOwners[id];
}

/**
 * A bypass channel is the two guests' own business: no broker knows it. Model their own
 * liveness check noticing the death (the survivor lets go of the dead one's pages).
 */
export function vsockDomainGone(st: SimState, id: number, peerReason: string): void {
  for (const key of [...st.peers.keys()]) {
    const ring = st.peers.get(key)!;
    if (ring.kind !== 'bypass' || (ring.a.dom !== id && ring.b.dom !== id)) continue;
    const peer = ring.a.dom === id ? ring.b.dom : ring.a.dom;
    if (st.domains[peer]?.state !== 'running') continue;
    emit(st, 'vsock', 'bypass-peer-gone', peer, id, { ring: key, reason: peerReason });
    releaseSide(st, ring, peer, peerReason, true);
  }
}
