/**
 * Scenario steps as commands. A step that cannot apply at its time (its domain is
 * down, its connection already ended) becomes an `error` event and the run goes on.
 */
import { assertNever } from '../core/assert';
import type { Step } from '../scenario';
import { COST } from './actions';
import { emit, stepError, schedule, resolveCid, isUp, connNotLive } from './sys';
import type { LinkMsg, SimState, Sock } from './types';
import { cmEmit } from '../vsock/broker';
import { usesXenstore, xsbroker } from './transport';
import { sendCtrl } from '../vsock/link';
import { vsockListen, vsockConnect, vsockSend, vsockClose } from '../vsock/frontend';
import { kickTx } from '../vsock/data';
import { shutdownRing, peerKey } from '../vsock/peer';
import { isLive } from '../vsock/sockets';
import { bypassConnect } from '../vsock/bypass';
import { crashDomain, migrateDomain, removeDomain, addDomain } from './toolstack';
import { v4v } from './transport';

function connSock(st: SimState, name: string, side: 'client' | 'server'): Sock | undefined {
  const id = st.conns[name];
  const client = id === undefined ? undefined : st.socks[id];
  if (!client || side === 'client') return client;
  return client.peerSock >= 0 ? st.socks[client.peerSock] : undefined;
}

function requireUp(st: SimState, op: Step['op'], dom: number): boolean {
  if (isUp(st, dom)) return true;
  const d = st.domains[dom];
  stepError(st, op, dom, `domain ${dom} is ${d ? d.state : 'not present'}`);
  return false;
}

export function applyStep(st: SimState, step: Step, index: number): void {
  // Every step is marked in the trace, so a viewer can find where it ran.
  emit(st, 'toolstack', 'step', 0, 0, { step: index, op: step.op, at: step.at });
  if (step.note) emit(st, 'toolstack', 'note', 0, 0, { step: index, text: step.note });
  if (st.doc.transport === 'v4v' && v4v().step(st, step)) return;
  switch (step.op) {
    case 'listen':
      if (requireUp(st, 'listen', step.dom)) vsockListen(st, step.dom, step.port);
      return;
    case 'connect': {
      if (!requireUp(st, 'connect', step.dom)) return;
      const sock = vsockConnect(st, step.dom, step.cid, step.port, step.as);
      st.conns[step.as] = sock.id;
      return;
    }
    case 'send': {
      const sock = connSock(st, step.conn, step.side);
      if (!sock || !isLive(sock)) {
        connNotLive(st, 'send', step.conn, sock, step.side);
        return;
      }
      vsockSend(st, sock, step.bytes);
      return;
    }
    case 'close': {
      const sock = connSock(st, step.conn, step.side);
      if (!sock || !isLive(sock)) {
        connNotLive(st, 'close', step.conn, sock, step.side);
        return;
      }
      vsockClose(st, sock);
      return;
    }
    case 'allow':
    case 'deny': {
      const rule = { from: step.from, to: step.to, ...(step.port === undefined ? {} : { port: step.port }), verdict: step.op };
      st.policy.rules.push(rule);
      if (usesXenstore(st)) xsbroker().pair(st, step.from, step.to);
      emit(st, 'toolstack', `policy-${step.op}`, 0, st.backend, { from: step.from, to: step.to, port: step.port ?? null });
      return;
    }
    case 'flood':
      return flood(st, step);
    case 'shutdown-ring': {
      if (!requireUp(st, 'shutdown-ring', step.dom)) return;
      const ring = st.peers[peerKey(step.dom, step.peer)];
      if (!ring) { stepError(st, 'shutdown-ring', step.dom, `domain ${step.dom} has no ring with domain ${step.peer}`); return; }
      if (usesXenstore(st)) xsbroker().ringGone(st, step.dom, step.peer, ring.a.dom);
      shutdownRing(st, ring, step.dom, 'ring-shutdown');
      return;
    }
    case 'migrate':
      migrateDomain(st, step.dom, step.downtime);
      return;
    case 'crash':
      crashDomain(st, step.dom);
      return;
    case 'bypass': {
      if (!requireUp(st, 'bypass', step.dom) || !requireUp(st, 'bypass', step.peer)) return;
      const sock = bypassConnect(st, step.dom, step.peer, step.port ?? 0, step.as ?? null);
      if (step.as) st.conns[step.as] = sock.id;
      return;
    }
    case 'add-domain':
      addDomain(st, step.id, step.name);
      return;
    case 'remove-domain':
      removeDomain(st, step.id);
      return;
    default:
      assertNever(step, 'step');
  }
}

function flood(st: SimState, step: Extract<Step, { op: 'flood' }>): void {
  if (step.kind === 'connect') {
    const dom = step.conn !== undefined ? connSock(st, step.conn, 'client')?.dom : step.dom;
    const client = step.conn !== undefined ? connSock(st, step.conn, 'client') : undefined;
    const cid = client ? client.peerCid : step.cid!;
    const port = client ? client.peerPort : step.port!;
    if (dom === undefined || !requireUp(st, 'flood', dom)) return;
    emit(st, 'vsock', 'flood-start', dom, resolveCid(st, dom, cid), { kind: 'connect', cid, port, until: step.until });
    schedule(st, st.t, { type: 'flood-connect', sock: -1, dom, cid, port, until: step.until, epoch: st.domains[dom]!.epoch });
    return;
  }
  let sock: Sock | undefined;
  if (step.conn !== undefined) sock = connSock(st, step.conn, step.side ?? 'client');
  else {
    if (!requireUp(st, 'flood', step.dom!)) return;
    sock = vsockConnect(st, step.dom!, step.cid!, step.port!, null);
  }
  if (!sock || !isLive(sock)) { connNotLive(st, 'flood', step.conn, sock); return; }
  sock.floodUntil = step.until;
  emit(st, 'vsock', 'flood-start', sock.dom, sock.peerDom, { kind: 'data', sock: sock.id, name: sock.name, until: step.until });
  if (sock.state === 'connected') kickTx(st, sock);
}

/**
 * One more request of a connect flood. A hostile guest controls its own kernel, so it
 * does not go through its vsock frontend (which would offer a ring and wait): it writes
 * bare CONNECT_req messages onto its link as fast as the ring takes them. The connection
 * manager must still check each one.
 */
export function floodConnectNext(
  st: SimState, a: { dom: number; cid: number; port: number; until: number },
): void {
  const dst = resolveCid(st, a.dom, a.cid);
  if (st.t >= a.until) { emit(st, 'vsock', 'flood-end', a.dom, dst, { kind: 'connect' }); return; }
  const link = st.links[a.dom];
  if (usesXenstore(st)) xsbroker().floodRequest(st, a.dom, dst, a.port, st.stats.connectRequests++);
  else if (link && link.pendingCtrl.length === 0) {
    const msg: LinkMsg = {
      type: 'CONNECT_req', sock: -1, srcDom: a.dom, srcPort: 0, dstCid: a.cid, dstDom: dst, dstPort: a.port,
      status: 'ok', grefs: [], evtchn: -1, cause: -1,
    };
    st.stats.connectRequests++;
    msg.cause = cmEmit(st, 'CONNECT_req', a.dom, st.backend, { sock: -1, cid: a.cid, port: a.port, flood: true });
    sendCtrl(st, a.dom, msg);
  }
  schedule(st, st.t + COST.floodConnectGap, { type: 'flood-connect', sock: -1, dom: a.dom, cid: a.cid, port: a.port, until: a.until, epoch: st.domains[a.dom]!.epoch });
}
