/**
 * The toolstack: creates and destroys domains, migrates them, and changes the
 * connection manager's policy. Destruction follows Xen's order: the dying domain's own
 * mappings are released, its ports closed (peers fall back to unbound), xenstore fires
 * @releaseDomain; its pages that others still map keep it "dying" until they unmap.
 */
import { gnttabAddDomain, gnttabRemoveDomain, foreignMappingsOf, gnttabIsDying } from '../gnttab';
import { evtchnAddDomain, evtchnRemoveDomain, evtchnForgetDomain } from '../evtchn';
import { xsIntroduceDomain, xsReleaseDomain, xenbusRemoveDevice } from '../xenstore';
import { rngInt } from '../core/rng';
import { backendDriverStart, linkCreate, linkForgetFront, linkTeardownBack, VSOCK_DEVICE } from '../vsock/link';
import { cmPeerGone } from '../vsock/broker';
import { usesXenstore, xsbroker } from './transport';
import { releaseSide } from '../vsock/peer';
import { resetSock, isLive } from '../vsock/sockets';
import { ctxOf, emit, schedule, stepError } from './sys';
import type { SimState } from './types';
import { v4v } from './transport';

export function createDomain(st: SimState, id: number, name: string, role: 'backend' | 'guest', privileged: boolean): void {
  const existing = st.domains[id];
  const epoch = existing ? existing.epoch + 1 : 0;
  st.domains[id] = {
    id, name, role, privileged, state: 'running', xenDomid: id, epoch,
    nextEphemeral: rngInt(st.rng.toolstack, 1024, 60000), rxBusyUntil: 0,
  };
  bootDomain(st, id);
  emit(st, 'toolstack', 'domain-create', 0, id, { id, name, role, privileged });
}

/**
 * A new incarnation reuses the scenario's id (real Xen would give it a new domid). If
 * peers still map pages of the old incarnation, they let go now, as they would have
 * once the connection manager's DISCONNECT_ind reached them.
 */
function clearOldIncarnation(st: SimState, id: number): void {
  if (gnttabIsDying(st.gnttab, id)) {
    const pinned = foreignMappingsOf(st.gnttab, id);
    emit(st, 'toolstack', 'old-incarnation-released', 0, id, { id, foreignMappings: pinned });
    for (const key of Object.keys(st.peers)) {
      const ring = st.peers[key]!;
      const peer = ring.a.dom === id ? ring.b.dom : ring.b.dom === id ? ring.a.dom : -1;
      if (peer >= 0 && st.domains[peer]?.state === 'running') releaseSide(st, ring, peer, 'peer-crashed', true);
    }
  }
  evtchnForgetDomain(st.evtchn, id);
}

/** Fresh hypervisor state for a (new or resumed) domain and its xenstore home. */
function bootDomain(st: SimState, id: number): void {
  const ctx = ctxOf(st);
  clearOldIncarnation(st, id);
  gnttabAddDomain(st.gnttab, id, st.limits.grantEntries, st.limits.maptrackEntries);
  evtchnAddDomain(st.evtchn, id, st.limits.eventChannels);
  xsIntroduceDomain(ctx, st.xs, id);
  const d = st.domains[id]!;
  if (st.doc.transport === 'v4v') return v4v().domainUp(st, id);
  if (d.role === 'backend') backendDriverStart(st);
  else if (st.domains[st.backend]?.state === 'running') linkCreate(st, id);
  if (usesXenstore(st)) xsbroker().addDomain(st, id);
}

/** Tear down every vsock connection and ring of `id` and reclaim its hypervisor state. */
function destroyIncarnation(st: SimState, id: number, reason: string, peerReason: string): void {
  const ctx = ctxOf(st);
  const d = st.domains[id]!;
  // The domain's own sockets die with it.
  for (const sid in st.socks) {
    const s = st.socks[sid]!;
    if (s.dom === id && isLive(s)) resetSock(st, s, reason);
  }
  // Its halves of the rings go with the domain (Xen reclaims; nothing runs in it).
  for (const key of Object.keys(st.peers)) {
    const ring = st.peers[key]!;
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
  if (d.role === 'backend') {
    for (const g in st.links) { const l = st.links[g]!; linkTeardownBack(st, l); }
  }
  d.epoch++;
  gnttabRemoveDomain(ctx, st.gnttab, id);
  evtchnRemoveDomain(ctx, st.evtchn, id);
  delete st.portOwners[id];
  xsReleaseDomain(ctx, st.xs, id);
  const lingering = foreignMappingsOf(st.gnttab, id);
  emit(st, 'toolstack', 'domain-destroy', 0, id, { id, xenDomid: d.xenDomid, reason, foreignMappings: lingering });
  if (usesXenstore(st)) xsbroker().domainGone(st, id);
  else cmPeerGone(st, id, peerReason);
  if (st.doc.transport === 'v4v') v4v().domainGone(st, id, peerReason);
  // A bypass channel is the two guests' own business: no broker knows it. Model their
  // own liveness check noticing the death (the survivor lets go of the dead one's pages).
  for (const key of Object.keys(st.peers)) {
    const ring = st.peers[key]!;
    if (ring.kind !== 'bypass' || (ring.a.dom !== id && ring.b.dom !== id)) continue;
    const peer = ring.a.dom === id ? ring.b.dom : ring.a.dom;
    if (st.domains[peer]?.state !== 'running') continue;
    emit(st, 'vsock', 'bypass-peer-gone', peer, id, { ring: key, reason: peerReason });
    releaseSide(st, ring, peer, peerReason, true);
  }
}

export function crashDomain(st: SimState, id: number): void {
  const d = st.domains[id];
  if (!d || d.state !== 'running') { stepError(st, 'crash', id, `domain ${id} is not running`); return; }
  emit(st, 'toolstack', 'crash', 0, id, { id });
  d.state = 'crashed';
  destroyIncarnation(st, id, 'peer-crashed', 'peer-crashed');
}

export function removeDomain(st: SimState, id: number): void {
  const d = st.domains[id];
  if (!d || d.state === 'removed') { stepError(st, 'remove-domain', id, `domain ${id} does not exist`); return; }
  emit(st, 'toolstack', 'domain-remove', 0, id, { id });
  const wasUp = d.state === 'running';
  d.state = 'removed';
  if (wasUp) destroyIncarnation(st, id, 'peer-removed', 'peer-removed');
}

export function migrateDomain(st: SimState, id: number, downtime: number): void {
  const d = st.domains[id];
  if (!d || d.state !== 'running') { stepError(st, 'migrate', id, `domain ${id} is not running`); return; }
  if (d.role === 'backend') { stepError(st, 'migrate', id, 'the backend domain is not migrated in this model'); return; }
  const newDomid = nextXenDomid(st);
  emit(st, 'toolstack', 'migrate', 0, id, { id, fromDomid: d.xenDomid, toDomid: newDomid, downtime });
  d.state = 'migrating';
  destroyIncarnation(st, id, 'migrated', 'migrated');
  d.xenDomid = newDomid;
  schedule(st, st.t + downtime, { type: 'resume', dom: id, epoch: d.epoch });
}

function nextXenDomid(st: SimState): number {
  let max = 0;
  for (const k in st.domains) max = Math.max(max, st.domains[k]!.xenDomid);
  return max + 1;
}

export function resumeDomain(st: SimState, id: number, epoch: number): void {
  const d = st.domains[id];
  if (!d || d.state !== 'migrating' || d.epoch !== epoch) return;
  d.state = 'running';
  emit(st, 'toolstack', 'resume', 0, id, { id, xenDomid: d.xenDomid });
  bootDomain(st, id);
}

export function addDomain(st: SimState, id: number, name: string): void {
  const d = st.domains[id];
  if (d && d.state !== 'removed') { stepError(st, 'add-domain', id, `domain ${id} already exists`); return; }
  createDomain(st, id, name, 'guest', false);
}
