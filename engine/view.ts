/**
 * A read-only, plain-data picture of the simulation at one moment, for the
 * playground's diagram and inspector. Nothing here changes the state.
 */
import { grantsInUse, grantCapacity, grantEntriesView, type GrantEntryView } from './gnttab';
import { portsInUse, portsView, type PortView } from './evtchn';
import { xsSubtree, xenbusStateName } from './xenstore';
import type { DomainState, PeerRing, SimState, Sock } from './sim/types';
import type { TraceKind } from './core/trace';

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
  peerDom: number; peerPort: number; peerSock: number; via: Sock['via']; ring: string | null; sent: number; received: number; pending: number;
  flooding: boolean;
}

export interface SimView {
  t: number; seq: number; backend: number;
  domains: DomainView[]; rings: RingView[]; sockets: SockView[];
  policy: { default: 'allow' | 'deny'; rules: Array<{ from: number; to: number; port: number | null; verdict: 'allow' | 'deny' }> };
  stats: SimState['stats'];
  /** Events so far by kind (hypercall, xenstore, cm, ...). */
  counts: Partial<Record<TraceKind, number>>;
}

export function viewOf(st: SimState): SimView {
  const domains: DomainView[] = [];
  for (const k of Object.keys(st.domains)) {
    const d = st.domains[Number(k)]!;
    const up = d.state === 'running';
    const link = st.links[d.id];
    const listening: number[] = [];
    for (const key in st.listeners) { const l = st.listeners[key]!; if (l.dom === d.id) listening.push(l.port); }
    domains.push({
      id: d.id, name: d.name, role: d.role, state: d.state, xenDomid: d.xenDomid, privileged: d.privileged,
      grantsInUse: up ? grantsInUse(st.gnttab, d.id) : 0,
      grantCapacity: up ? grantCapacity(st.gnttab, d.id) : st.limits.grantEntries - 8,
      eventChannelsInUse: up ? portsInUse(st.evtchn, d.id) : 0,
      eventChannelLimit: st.limits.eventChannels,
      listening: listening.sort((x, y) => x - y),
      link: link ? {
        front: xenbusStateName(link.frontState), back: xenbusStateName(link.backState),
        up: link.frontState === 4 && link.backState === 4,
      } : null,
    });
  }
  const rings: RingView[] = [];
  for (const key of Object.keys(st.peers)) {
    const r = st.peers[key]!;
    const v = r.vchan;
    // vchan: a is the server (writes the right ring), b the client (writes the left ring).
    const ab = v ? { writer: r.a.dom, reader: r.b.dom, prod: v.ctrl.right.prod, cons: v.ctrl.right.cons, size: v.rightSize, used: (v.ctrl.right.prod - v.ctrl.right.cons) >>> 0 } : null;
    const ba = v ? { writer: r.b.dom, reader: r.a.dom, prod: v.ctrl.left.prod, cons: v.ctrl.left.cons, size: v.leftSize, used: (v.ctrl.left.prod - v.ctrl.left.cons) >>> 0 } : null;
    rings.push({
      key, kind: r.kind, a: r.a.dom, b: r.b.dom, state: r.state, portA: r.a.port, portB: r.b.port,
      grantsA: r.a.grefs.length, grantsB: r.b.grefs.length, sockets: r.socks.length, ab, ba,
    });
  }
  const sockets: SockView[] = [];
  for (const id of Object.keys(st.socks)) {
    const s = st.socks[Number(id)]!;
    sockets.push({
      id: s.id, dom: s.dom, port: s.port, role: s.role, state: s.state, reason: s.reason, name: s.name,
      peerDom: s.peerDom, peerPort: s.peerPort, peerSock: s.peerSock, via: s.via, ring: s.ring, sent: s.txOff, received: s.rxOff,
      pending: s.txPending, flooding: s.floodUntil > st.t,
    });
  }
  return {
    t: st.t, seq: st.trace.nextSeq - 1, backend: st.backend, domains, rings, sockets,
    policy: {
      default: st.policy.default,
      rules: st.policy.rules.map((r) => ({ from: r.from, to: r.to, port: r.port ?? null, verdict: r.verdict })),
    },
    stats: { ...st.stats },
    counts: { ...st.trace.counts },
  };
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
