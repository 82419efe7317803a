/**
 * The toolstack: creates and destroys domains and migrates them (the policy steps are in
 * sim/steps.ts). Destruction follows Xen's order: the transport lets go of the dying
 * domain's side, its own mappings are released, its ports closed (peers fall back to
 * unbound), xenstore fires @releaseDomain; then the broker and the transport tell its
 * peers. Its pages that others still map keep it "dying" until they unmap.
 */
import { gnttabAddDomain, gnttabRemoveDomain, foreignMappingsOf, gnttabIsDying } from '../gnttab';
import { evtchnAddDomain, evtchnRemoveDomain, evtchnForgetDomain } from '../evtchn';
import { xsIntroduceDomain, xsLibxlCreateHome, xsReleaseDomain } from '../xenstore';
import { rngInt } from '../core/rng';
import { modulesOf } from './module';
import { ctxOf, emit, schedule, stepError } from './sys';
import type { SimState } from './types';

export function createDomain(st: SimState, id: number, name: string, role: 'backend' | 'guest', privileged: boolean): void {
  const existing = st.domains[id];
  const epoch = existing ? existing.epoch + 1 : 0;
  st.domains[id] = {
    id, name, role, privileged, state: 'running', xenDomid: id, epoch,
    nextEphemeral: rngInt(st.rng.toolstack, 1024, 60000),
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
    modulesOf(st).transport.oldIncarnation(st, id);
  }
  evtchnForgetDomain(st.evtchn, id);
}

/** Fresh hypervisor state for a (new or resumed) domain and its xenstore home. */
function bootDomain(st: SimState, id: number): void {
  const ctx = ctxOf(st);
  clearOldIncarnation(st, id);
  gnttabAddDomain(st.gnttab, id, st.limits.grantEntries, st.limits.maptrackEntries);
  evtchnAddDomain(st.evtchn, id, st.limits.eventChannels);
  const d = st.domains[id]!;
  if (!d.privileged) {
    // libxl writes the domain's home (dom0-owned, guest-readable, a few guest-owned
    // subtrees) in one transaction, then introduces the domain to xenstored.
    const before = st.trace.counts.xenstore ?? 0;
    xsLibxlCreateHome(ctx, st.xs, st.backend, id, d.name);
    xsIntroduceDomain(ctx, st.xs, id);
    if (st.building) st.xsOpsSeen += (st.trace.counts.xenstore ?? 0) - before;
  }
  const mods = modulesOf(st);
  mods.transport.domainUp(st, id);
  mods.broker?.domainUp(st, id);
}

/** The transport lets go of `id`'s side; Xen reclaims its state; the broker and the transport tell its peers. */
function destroyIncarnation(st: SimState, id: number, reason: string, peerReason: string): void {
  const ctx = ctxOf(st);
  const d = st.domains[id]!;
  const mods = modulesOf(st);
  mods.transport.domainDying(st, id, reason);
  d.epoch++;
  gnttabRemoveDomain(ctx, st.gnttab, id);
  evtchnRemoveDomain(ctx, st.evtchn, id);
  xsReleaseDomain(ctx, st.xs, id);
  const lingering = foreignMappingsOf(st.gnttab, id);
  emit(st, 'toolstack', 'domain-destroy', 0, id, { id, xenDomid: d.xenDomid, reason, foreignMappings: lingering });
  mods.broker?.domainGone(st, id, peerReason);
  mods.transport.domainGone(st, id, peerReason);
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
  emit(st, 'toolstack', 'resume', 0, id, { id, xenDomid: d.xenDomid, cid: d.xenDomid });
  bootDomain(st, id);
}

export function addDomain(st: SimState, id: number, name: string): void {
  const d = st.domains[id];
  if (d && d.state !== 'removed') { stepError(st, 'add-domain', id, `domain ${id} already exists`); return; }
  createDomain(st, id, name, 'guest', false);
}
