/**
 * Connection-oriented streams layered on v4v's datagrams (the layering the 2013 design
 * says loses v4v's simplicity). A listener receives on one ring it registers for its
 * port: partner ANY under V4V; under Argo the wildcard is refused (-EPERM, default
 * deny), so it registers one single-source ring per domain. A client registers its own
 * ring (partner = the server's domain) for the way back, then sends SYN; the server
 * answers SYNACK into the client's ring. Data, SHUTDOWN and RST follow as messages; the
 * receiver checks every stream's offsets so bytes arrive in order, once.
 */
import { COST } from '../sim/actions';
import { emit, LANE_TIMED, resolveCid, scheduleInOrder, stepError } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import { newSock, ephemeralPort, connectedSock, refuseSock, resetSock, closeSock, isLive, readTo } from '../socket/sockets';
import { registerRing, unregisterRing } from './hyper';
import { tablesAdd } from './tables';
import { DOMID_ANY, ERRNO, STREAM_HDR, errName, ringId, type RingMsg, type StreamMeta, type V4vSock } from './types';
import { kick } from './kick';

function v4vSock(st: SimState, id: number, init: Partial<V4vSock> & Pick<V4vSock, 'dstDom' | 'dstPort'>): V4vSock {
  const s: V4vSock = { rxRing: null, ctrl: [], txScheduled: false, blocked: null, ...init };
  st.v4v.socks[id] = s;
  return s;
}

/** Register the ring(s) a listener of (dom, port) receives on. */
export function listenRings(st: SimState, dom: number, port: number): void {
  const any = registerRing(st, dom, port, DOMID_ANY);
  if (any === 0 || st.doc.v4vMode !== 'argo') {
    if (any < 0) stepError(st, 'listen', dom, `listen ring for port ${port} refused (${errName(any)})`);
    return;
  }
  // Argo's default deny: one single-source ring per domain that could send.
  for (const k of Object.keys(st.domains)) {
    const x = Number(k);
    if (st.domains[x]!.state === 'running') listenRingFor(st, dom, port, x);
  }
}

/** Argo: the single-source listen ring of (dom, port) for sender `partner`. */
export function listenRingFor(st: SimState, dom: number, port: number, partner: number): void {
  if (st.v4v.rings[ringId(dom, port, partner)]) return;
  const ret = registerRing(st, dom, port, partner);
  if (ret < 0) stepError(st, 'listen', dom, `listen ring for port ${port}, partner ${partner} refused (${errName(ret)})`);
}

export function v4vListen(st: SimState, dom: number, port: number): void {
  const key = `${dom}:${port}`;
  if (st.listeners[key]) { stepError(st, 'listen', dom, `port ${port} is already listening in domain ${dom} (EADDRINUSE)`); return; }
  const sock = newSock(st, { dom, port, role: 'listener', state: 'listening', via: 'v4v' });
  st.listeners[key] = { dom, port, sock: sock.id };
  emit(st, 'vsock', 'listen', dom, dom, { port, sock: sock.id, via: 'v4v' });
  // A guest's stream layer would like to open its port to everyone; only a privileged domain may change the rules.
  if (st.doc.v4vMode === 'v4v' && !st.domains[dom]!.privileged) {
    tablesAdd(st, dom, { accept: true, srcDom: DOMID_ANY, srcPort: -1, dstDom: dom, dstPort: port }, 'guest opens its listening port');
  }
  listenRings(st, dom, port);
}

/** An application connects: register the way back, then send SYN. */
export function v4vConnect(st: SimState, dom: number, cid: number, port: number, name: string | null): Sock {
  const dst = resolveCid(st, dom, cid);
  const sock = newSock(st, { dom, port: 0, role: 'client', state: 'connecting', peerCid: cid, peerPort: port, peerDom: dst, name, via: 'v4v' });
  sock.port = ephemeralPort(st, dom, sock.id);
  sock.cause = emit(st, 'vsock', 'connect', dom, dst, { sock: sock.id, name, cid, port, srcPort: sock.port, via: 'v4v' });
  st.stats.connectRequests++;
  scheduleInOrder(st, LANE_TIMED, st.t + COST.connectTimeout, { type: 'connect-timeout', sock: sock.id });
  const ret = registerRing(st, dom, sock.port, dst);
  const vs = v4vSock(st, sock.id, { dstDom: dst, dstPort: port });
  if (ret < 0) {
    refuseSock(st, sock, ret === ERRNO.ESRCH ? 'unreachable' : ret === ERRNO.ENOSPC ? 'ring-limit' : `register-failed:${errName(ret)}`, sock.cause);
    return sock;
  }
  vs.rxRing = ringId(dom, sock.port, dst);
  sock.ring = vs.rxRing;
  vs.ctrl.push({ op: 'SYN', from: sock.id, to: -1, off: 0, len: 0 });
  kick(st, sock.id);
  return sock;
}

export function v4vSend(st: SimState, sock: Sock, bytes: number): void {
  sock.txPending += bytes;
  emit(st, 'vsock', 'send', sock.dom, sock.peerDom, { sock: sock.id, name: sock.name, bytes, via: 'v4v' });
  if (sock.state === 'connected') kick(st, sock.id);
}

export function v4vClose(st: SimState, sock: Sock): void {
  sock.closeAfterTx = true;
  sock.floodUntil = -1;
  emit(st, 'vsock', 'close', sock.dom, sock.peerDom, { sock: sock.id, name: sock.name, via: 'v4v' });
  if (sock.state === 'connected') kick(st, sock.id);
}

/** A socket ended: a client lets go of its own ring (a server shares the listen ring). */
export function releaseSock(st: SimState, sock: Sock): void {
  const vs = st.v4v.socks[sock.id];
  if (!vs) return;
  if (sock.role === 'client' && vs.rxRing && st.v4v.rings[vs.rxRing] && st.domains[sock.dom]?.state === 'running') {
    unregisterRing(st, sock.dom, vs.rxRing);
  }
  vs.ctrl = [];
}

/** Reset one end and, since the filter also mutes its RST, let the other end notice too. */
export function resetBoth(st: SimState, sock: Sock, reason: string): void {
  resetSock(st, sock, reason);
  releaseSock(st, sock);
  const peer = sock.peerSock >= 0 ? st.socks[sock.peerSock] : undefined;
  if (peer && isLive(peer)) {
    emit(st, 'v4v', 'peer-silent', peer.dom, sock.dom, { sock: peer.id, reason });
    resetSock(st, peer, reason);
    releaseSock(st, peer);
  }
}

/**
 * A closed end's answer to its peer's SHUTDOWN (the RST) was refused by Xen, e.g. a
 * v4vtables rule added after the close. The peer, which closed first, would wait for
 * that answer until its close timeout; it ends closed, and the trace says why.
 */
export function answerLost(st: SimState, sock: Sock, meta: StreamMeta, reason: string): void {
  const peer = meta.op === 'RST' ? st.socks[meta.to] : undefined;
  if (!peer || !isLive(peer) || !peer.shutdownSent) return;
  emit(st, 'v4v', 'peer-silent', peer.dom, sock.dom, { sock: peer.id, reason });
  closeSock(st, peer);
  releaseSock(st, peer);
}

/** The receiver's stream layer handles one message it read from `ringOwner`'s ring. */
export function deliver(st: SimState, ringOwner: number, ringPort: number, m: RingMsg): number {
  const meta: StreamMeta = m.meta;
  if (meta.op === 'SYN') return onSyn(st, ringOwner, ringPort, m);
  const sock = st.socks[meta.to];
  if (!sock || sock.dom !== ringOwner || !isLive(sock)) return 0;
  switch (meta.op) {
    case 'SYNACK':
      if (sock.state !== 'connecting') return 0;
      sock.peerSock = meta.from;
      connectedSock(st, sock);
      if (sock.txPending > 0 || sock.floodUntil > st.t || sock.closeAfterTx) kick(st, sock.id);
      return 0;
    case 'RW':
      if (sock.rxOff !== meta.off) {
        st.stats.errors++;
        emit(st, 'error', 'stream-order', ringOwner, ringOwner, { message: 'stream bytes out of order', sock: sock.id, expected: sock.rxOff, got: meta.off });
      }
      readTo(st, sock, meta.off + meta.len);
      return meta.len;
    case 'SHUTDOWN': {
      closeSock(st, sock);
      const vs = st.v4v.socks[sock.id];
      if (vs) { vs.ctrl.push({ op: 'RST', from: sock.id, to: meta.from, off: 0, len: 0 }); kick(st, sock.id); }
      return 0;
    }
    case 'RST':
      if (sock.shutdownSent) closeSock(st, sock); else resetSock(st, sock, 'peer-reset');
      releaseSock(st, sock);
      return 0;
  }
}

function onSyn(st: SimState, dom: number, port: number, m: RingMsg): number {
  const l = st.listeners[`${dom}:${port}`];
  if (!l) return 0;
  const srv = newSock(st, {
    dom, port, role: 'server', state: 'connecting', peerDom: m.srcDom, peerCid: m.srcDom, peerPort: m.srcPort,
    peerSock: m.meta.from, via: 'v4v',
  });
  const vs = v4vSock(st, srv.id, { dstDom: m.srcDom, dstPort: m.srcPort });
  vs.rxRing = ringId(dom, port, st.v4v.rings[ringId(dom, port, m.srcDom)] ? m.srcDom : DOMID_ANY);
  srv.ring = vs.rxRing;
  vs.ctrl.push({ op: 'SYNACK', from: srv.id, to: m.meta.from, off: 0, len: 0 });
  kick(st, srv.id);
  return 0;
}

/** Payload of a stream message: the stream header plus its data. */
export function payloadOf(meta: StreamMeta): number {
  return STREAM_HDR + meta.len;
}
