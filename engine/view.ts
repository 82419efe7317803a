/**
 * A read-only, plain-data picture of the simulation at one moment, for the
 * playground's diagram and inspector. Nothing here changes the state. The modules
 * fill in their parts (sim/module.ts `view`).
 */
import { grantsInUse, grantCapacity, grantEntriesView, type GrantEntryView } from './gnttab';
import { portsInUse, portsView, type PortView } from './evtchn';
import { xsSubtree } from './xenstore';
import type { DomainState, SimState } from './sim/types';
import type { PeerRing } from './vsock/types';
import type { Sock } from './socket/types';
import type { TraceKind } from './core/trace';
import { modulesOf } from './sim/module';

export interface DomainView {
  id: number; name: string; role: 'backend' | 'guest'; state: DomainState; xenDomid: number; privileged: boolean;
  grantsInUse: number; grantCapacity: number; eventChannelsInUse: number; eventChannelLimit: number;
  listening: number[];
  link: { front: string; back: string; up: boolean } | null;
}

export interface RingDirView { writer: number; reader: number; prod: number; cons: number; size: number; used: number }

export interface RingView {
  key: string; kind: PeerRing['kind']; a: number; b: number; state: PeerRing['state'];
  portA: number; portB: number; grantsA: number; grantsB: number; sockets: number;
  /** a -> b and b -> a byte rings. */
  ab: RingDirView | null; ba: RingDirView | null;
}

export interface SockView {
  id: number; dom: number; port: number; role: Sock['role']; state: Sock['state']; reason: string | null; name: string | null;
  /** Refused for want of room in a domain's grant table or event channels: that domain (as the trace names it). */
  tableOf: number | null;
  peerDom: number; peerPort: number; peerSock: number; via: Sock['via']; ring: string | null; sent: number; received: number; pending: number;
  flooding: boolean;
}

/** A ring a receiver registered with Xen (V4V): senders' messages are copied into it by Xen. */
export interface V4vRingView {
  id: string; owner: number; port: number; partner: number | null; len: number; used: number; messages: number;
  /** Xen's pending list (senders to wake when there is room), and the domains waiting on the ring. */
  pending: number; waiting: number[];
  /** Senders the doorbell woke that have not tried again yet (a burst right after a notify). */
  woken: number;
}

export interface V4vView {
  rings: V4vRingView[];
  rules: Array<{ accept: boolean; srcDom: number; srcPort: number; dstDom: number; dstPort: number }>;
  defaultAccept: boolean;
}

export interface SimView {
  t: number; seq: number; backend: number;
  domains: DomainView[]; rings: RingView[]; sockets: SockView[];
  policy: { default: 'allow' | 'deny'; rules: Array<{ from: number; to: number; port: number | null; verdict: 'allow' | 'deny' }> };
  stats: SimState['stats'];
  /** Events so far by kind (hypercall, xenstore, cm, ...). */
  counts: Partial<Record<TraceKind, number>>;
  /** The V4V transport's rings and rules (null under vsock). */
  v4v: V4vView | null;
}

export function viewOf(st: SimState): SimView {
  const domains: DomainView[] = [];
  for (const k of Object.keys(st.domains)) {
    const d = st.domains[Number(k)]!;
    const up = d.state === 'running';
    const listening: number[] = [];
    for (const key in st.listeners) { const l = st.listeners[key]!; if (l.dom === d.id) listening.push(l.port); }
    domains.push({
      id: d.id, name: d.name, role: d.role, state: d.state, xenDomid: d.xenDomid, privileged: d.privileged,
      grantsInUse: up ? grantsInUse(st.gnttab, d.id) : 0,
      grantCapacity: up ? grantCapacity(st.gnttab, d.id) : st.limits.grantEntries - 8,
      eventChannelsInUse: up ? portsInUse(st.evtchn, d.id) : 0,
      eventChannelLimit: st.limits.eventChannels,
      listening: listening.sort((x, y) => x - y),
      link: null,
    });
  }
  const rings: RingView[] = [];
  const sockets: SockView[] = [];
  for (const id of Object.keys(st.socks)) {
    const s = st.socks[Number(id)]!;
    sockets.push({
      id: s.id, dom: s.dom, port: s.port, role: s.role, state: s.state, reason: s.reason, name: s.name, tableOf: s.tableOf >= 0 ? s.tableOf : null,
      peerDom: s.peerDom, peerPort: s.peerPort, peerSock: s.peerSock, via: s.via, ring: s.ring, sent: s.txOff, received: s.rxOff,
      pending: s.txPending, flooding: s.floodUntil > st.t,
    });
  }
  const view: SimView = {
    t: st.t, seq: st.trace.nextSeq - 1, backend: st.backend, domains, rings, sockets,
    policy: {
      default: st.policy.default,
      rules: st.policy.rules.map((r) => ({ from: r.from, to: r.to, port: r.port ?? null, verdict: r.verdict })),
    },
    stats: { ...st.stats },
    counts: { ...st.trace.counts },
    v4v: null,
  };
  // The transport and broker add their parts (vsock: each guest's link, the ring pairs).
  for (const m of modulesOf(st).used) m.view(st, view);
  return view;
}

/** Inspector detail for one domain: grant entries, ports, xenstore subtree. */
export interface DomainDetail {
  grants: GrantEntryView[];
  ports: PortView[];
  xenstore: Array<{ path: string; value: string; perms: string }>;
}

export function domainDetail(st: SimState, id: number): DomainDetail {
  const up = st.domains[id]?.state === 'running';
  return {
    grants: up ? grantEntriesView(st.gnttab, id) : [],
    ports: up ? portsView(st.evtchn, id) : [],
    xenstore: xsSubtree(st.xs, `/local/domain/${id}`).map((n) => ({
      path: n.path, value: n.value, perms: n.perms.map((p) => p.perm + p.id).join(' '),
    })),
  };
}
