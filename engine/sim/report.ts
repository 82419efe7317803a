/**
 * The report `run` ends with (scenario-v1.md): every named connection, every domain,
 * and the figures of the run.
 */
import { DEFAULT_XEN, type XenVersion } from '../core/xen';
import { grantsInUse, grantCapacity } from '../gnttab';
import { portsInUse } from '../evtchn';
import type { SimState, XsAnswer } from './types';
import type { Sock } from '../socket/types';
import { evaluateGoals, type GoalResult } from './goals';
import { cpuBusyUs, vcpusOf } from './cpu';

export interface ConnReport {
  name: string;
  client: { cid: number; port: number };
  server: { cid: number; port: number };
  state: 'connecting' | 'connected' | 'refused' | 'reset' | 'closed';
  reason: string | null;
  via: 'broker' | 'v4v' | 'bypass';
  bytesSent: number;
  bytesReceived: number;
  bytesSentServer: number;
  bytesReceivedClient: number;
  setupUs: number | null;
  /** Virtual µs at which the server side read the first and the last byte of the client's stream (null: none). */
  firstByteAt: number | null;
  lastByteAt: number | null;
}

export interface DomainReport {
  id: number;
  name: string;
  role: 'backend' | 'guest';
  state: 'running' | 'migrating' | 'crashed' | 'removed';
  xenDomid: number;
  /** Its CID at the end: the domid it runs as (a migration gives it a new one). */
  cid: number;
  grantsInUse: number;
  grantCapacity: number;
  eventChannelsInUse: number;
  peers: number[];
  listening: number[];
  /** Virtual CPUs the domain has (sim/cpu.ts). */
  vcpus: number;
  /** Virtual µs its vCPUs spent working (up to the end of the run). */
  cpuBusyUs: number;
}

export interface Report {
  /** The Xen version the run modelled. */
  xen: XenVersion;
  connections: ConnReport[];
  domains: DomainReport[];
  stats: { [k: string]: number };
  /** The named (`as`) `xenstore` steps' answers, in the order they ran. */
  xenstore: XsAnswer[];
  /** Present when the document has goals (scenario-v1.md 1.1): each goal met or not, and why. */
  goals?: GoalResult[];
}

/** When a connect settled: connected, or refused (never connected); -1 while it has not. */
function settledAt(c: Sock): number {
  if (c.connectedAt >= 0) return c.connectedAt;
  return c.state === 'refused' ? c.endedAt : -1;
}

/**
 * Connection names in the order the report has always listed them (a record's key order):
 * names that are array indices ("7") first, ascending, then the others as first named.
 */
function connNames(conns: ReadonlyMap<string, number>): string[] {
  const index: string[] = [], other: string[] = [];
  for (const name of conns.keys()) (isArrayIndex(name) ? index : other).push(name);
  if (index.length > 1) index.sort((x, y) => Number(x) - Number(y));
  return index.length === 0 ? other : index.concat(other);
}
function isArrayIndex(s: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(s) && Number(s) < 4294967295;
}

export function buildReport(st: SimState): Report {
  const connections: ConnReport[] = [];
  for (const name of connNames(st.conns)) {
    const c = st.socks[st.conns.get(name)!]!;
    const s = c.peerSock >= 0 ? st.socks[c.peerSock] : undefined;
    const state = c.state === 'listening' ? 'connecting' : c.state;
    connections.push({
      name,
      client: { cid: c.dom, port: c.port },
      server: { cid: c.peerDom, port: c.peerPort },
      state,
      reason: c.reason,
      via: c.via,
      bytesSent: c.txOff,
      bytesReceived: s ? s.rxOff : 0,
      bytesSentServer: s ? s.txOff : 0,
      bytesReceivedClient: c.rxOff,
      setupUs: settledAt(c) >= 0 ? settledAt(c) - c.openedAt : null,
      firstByteAt: s && s.firstRxAt >= 0 ? s.firstRxAt : null,
      lastByteAt: s && s.lastRxAt >= 0 ? s.lastRxAt : null,
    });
  }
  // Each domain's peers and listening ports, gathered in one pass over the rings and listeners.
  const peersOf = new Map<number, number[]>();
  const listeningOf = new Map<number, number[]>();
  const add = (m: Map<number, number[]>, dom: number, x: number) => {
    const l = m.get(dom);
    if (l) l.push(x); else m.set(dom, [x]);
  };
  for (const key of st.peers.keys()) {
    const r = st.peers.get(key)!;
    if (r.kind !== 'peer' || r.state === 'closed') continue;
    if (r.a.port >= 0) add(peersOf, r.a.dom, r.b.dom);
    // A ring with itself is listed once, as the loop per domain used to.
    if (r.b.port >= 0 && !(r.a.dom === r.b.dom && r.a.port >= 0)) add(peersOf, r.b.dom, r.a.dom);
  }
  for (const key in st.listeners) { const l = st.listeners[key]!; add(listeningOf, l.dom, l.port); }
  const domains: DomainReport[] = [];
  for (const k of Object.keys(st.domains)) {
    const d = st.domains[Number(k)]!;
    const alive = d.state === 'running';
    const peers = peersOf.get(d.id) ?? [];
    const listening = listeningOf.get(d.id) ?? [];
    domains.push({
      id: d.id, name: d.name, role: d.role, state: d.state === 'dying' ? 'crashed' : d.state, xenDomid: d.xenDomid, cid: d.xenDomid,
      grantsInUse: alive ? grantsInUse(st.gnttab, d.id) : 0,
      grantCapacity: alive ? grantCapacity(st.gnttab, d.id) : st.limits.grantEntries - 8,
      eventChannelsInUse: alive ? portsInUse(st.evtchn, d.id) : 0,
      peers: peers.sort((x, y) => x - y),
      listening: listening.sort((x, y) => x - y),
      vcpus: vcpusOf(st, d.id),
      cpuBusyUs: cpuBusyUs(st, d.id),
    });
  }
  const counts = st.trace.counts;
  const s = st.stats;
  const report: Report = {
    xen: st.doc.xen ?? DEFAULT_XEN,
    connections,
    domains,
    stats: {
      events: st.trace.nextSeq,
      hypercalls: counts['hypercall'] ?? 0,
      notifications: s.notifications,
      cmMessages: s.cmMessages,
      xenstoreOps: counts['xenstore'] ?? 0,
      bytesThroughRings: s.bytesThroughRings,
      ringFullWaits: s.ringFullWaits,
      wakeups: s.wakeups,
      spuriousWakeups: s.spuriousWakeups,
      retries: s.retries,
      bytesCopiedByXen: s.bytesCopiedByXen,
      notifyHypercalls: s.notifyHypercalls,
      connectRequests: s.connectRequests,
      errors: s.errors,
      endTimeUs: st.t,
    },
    xenstore: st.xsSteps ? st.xsSteps.answers.map((a) => ({ ...a })) : [],
  };
  if (st.doc.goals) report.goals = evaluateGoals(st.doc.goals, report);
  return report;
}
