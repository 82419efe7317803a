/**
 * The guest's vsock transport (frontend): listen, connect, and its side of the broker's
 * exchange. A connect either reuses the per-peer ring pair with the destination or
 * offers a new one (grants + an unbound event channel) in its request; the destination
 * accepts in its CONNECT_ack; the initiator maps the acceptor's half when the
 * CONNECT_rsp arrives. The broker is reached only through VsockBroker (brokerOf): the
 * brokers import this file, never the other way round.
 */
import { COST } from '../sim/actions';
import { emit, LANE_TIMED, resolveCid, scheduleInOrder, stepError } from '../sim/sys';
import type { SimState } from '../sim/types';
import { modulesOf } from '../sim/module';
import type { Sock } from '../socket/types';
import { relayMsg, type LinkMsg, type VsockBroker } from './types';
import { offerRing, acceptRing, completeRing, releaseSide, refuseSetup, peerKey } from './peer';
import { linkUp } from './link';
import { newSock, ephemeralPort, connectedSock, refuseSock, isLive } from '../socket/sockets';
import { kickTx } from './data';

/** The broker this run's vsock transport uses (createSim always pairs it with one). */
export function brokerOf(st: SimState): VsockBroker {
  return modulesOf(st).broker as unknown as VsockBroker;
}

export function vsockListen(st: SimState, dom: number, port: number): void {
  const key = `${dom}:${port}`;
  if (st.listeners[key]) { stepError(st, 'listen', dom, `port ${port} is already listening in domain ${dom} (EADDRINUSE)`); return; }
  const sock = newSock(st, { dom, port, role: 'listener', state: 'listening' });
  st.listeners[key] = { dom, port, sock: sock.id };
  emit(st, 'vsock', 'listen', dom, dom, { port, sock: sock.id });
}

export function linkMsg(type: LinkMsg['type'], sock: Sock, dstDom: number, cause: number): LinkMsg {
  return {
    type, sock: sock.id, srcDom: sock.dom, srcPort: sock.port, dstCid: sock.peerCid, dstDom, dstPort: sock.peerPort,
    status: 'ok', grefs: [], evtchn: -1, sockServer: -1, cause,
  };
}

/** An application connects; returns the client socket. */
export function vsockConnect(st: SimState, dom: number, cid: number, port: number, name: string | null): Sock {
  const dst = resolveCid(st, dom, cid);
  const sock = newSock(st, { dom, port: 0, role: 'client', state: 'connecting', peerCid: cid, peerPort: port, peerDom: dst, name });
  sock.port = ephemeralPort(st, dom, sock.id);
  sock.cause = emit(st, 'vsock', 'connect', dom, dst, st.trace.keep && { sock: sock.id, name, cid, port, srcPort: sock.port });
  st.stats.connectRequests++;
  scheduleInOrder(st, LANE_TIMED, st.t + COST.connectTimeout, { type: 'connect-timeout', sock: sock.id });
  if (dst === dom) return connectLoopback(st, sock);
  const link = st.links[dom];
  if (link && link.failed) refuseSock(st, sock, link.failed, sock.cause);
  else if (link && !linkUp(link)) {
    // Nothing is spent on a peer before the link to the broker is connected.
    emit(st, 'vsock', 'waiting-for-link', dom, st.backend, st.trace.keep && { sock: sock.id });
    link.waitingSocks.push(sock.id);
  } else startConnect(st, sock);
  return sock;
}

/** The guest's link came up (its waiting connections go, in order) or failed (they are refused). */
export function onLinkSettled(st: SimState, dom: number): void {
  const link = st.links[dom];
  if (!link || link.waitingSocks.length === 0 || (!linkUp(link) && !link.failed)) return;
  const waiting = link.waitingSocks; link.waitingSocks = [];
  for (const id of waiting) {
    const sock = st.socks[id];
    if (!sock || sock.state !== 'connecting') continue;
    if (link.failed) refuseSock(st, sock, link.failed, sock.cause);
    else startConnect(st, sock);
  }
}

/** A client's request: on the ring pair with its peer, after that ring's set-up, or offering a new one. */
function startConnect(st: SimState, sock: Sock): void {
  const dom = sock.dom, dst = sock.peerDom;
  const ring = st.peers.get(peerKey(dom, dst));
  if (ring && ring.state === 'connected') {
    sock.ring = ring.key;
    sendReq(st, sock, dst, [], -1);
  } else if (ring && ring.state === 'connecting') {
    // Ours or the peer's set-up (crossing connects): go when it is done.
    (ring.waiting ??= []).push(sock.id);
  } else if (ring) {
    // Our side is still letting go of an old ring with this peer.
    refuseSock(st, sock, 'ring-shutdown', sock.cause);
  } else if (!st.domains[dst] || st.domains[dst]!.state !== 'running') {
    // Nothing to offer a ring to: let the connection manager say why.
    sendReq(st, sock, dst, [], -1);
  } else {
    const r = offerRing(st, dom, dst, 'peer');
    if (typeof r === 'string') { refuseSock(st, sock, r, sock.cause); return; }
    sock.ring = r.key;
    r.setup = sock.id;
    sendReq(st, sock, dst, r.a.grefs, r.a.port);
  }
}

/** Hand the request to the broker; if it refuses at once, a ring we offered goes too. */
function sendReq(st: SimState, sock: Sock, dst: number, grefs: number[], port: number): void {
  if (brokerOf(st).request(st, sock, dst, grefs, port)) return;
  const key = peerKey(sock.dom, dst);
  const ring = st.peers.get(key);
  if (ring && ring.state === 'connecting' && ring.a.dom === sock.dom && grefs.length > 0) failRing(st, key, sock.reason ?? 'denied', sock.cause);
}

function connectLoopback(st: SimState, sock: Sock): Sock {
  const l = st.listeners[`${sock.dom}:${sock.peerPort}`];
  if (!l) { refuseSock(st, sock, 'no-listener', sock.cause); return sock; }
  const srv = newSock(st, { dom: sock.dom, port: sock.peerPort, role: 'server', state: 'connecting', peerDom: sock.dom, peerCid: sock.dom, peerPort: sock.port, peerSock: sock.id, via: 'broker' });
  sock.peerSock = srv.id;
  connectedSock(st, srv, sock.cause);
  connectedSock(st, sock, sock.cause);
  return sock;
}

/** CONNECT_ind arrived at `dom`: is anyone listening, and can we accept the ring? */
export function onConnectInd(st: SimState, dom: number, msg: LinkMsg): void {
  const ack = relayMsg(msg, 'CONNECT_ack', 'ok', [], -1);
  const key = peerKey(msg.srcDom, dom);
  const ring = st.peers.get(key);
  if (!st.listeners[`${dom}:${msg.dstPort}`]) ack.status = 'no-listener';
  else if (msg.grefs.length > 0) {
    // A new ring: the initiator's offer (its grants and port) is in the message.
    if (!ring || ring.state !== 'connecting' || ring.a.dom !== msg.srcDom) ack.status = 'ring-shutdown';
    else {
      const failed = acceptRing(st, ring, msg.grefs, msg.evtchn);
      if (failed) ack.status = failed;
      else { ack.grefs = ring.b.grefs; ack.evtchn = ring.b.port; } // never changed in place: released, it is replaced
    }
  } else if (!ring || ring.state !== 'connected') ack.status = 'ring-shutdown';
  if (ack.status === 'ok' && ring) {
    const srv = newSock(st, {
      dom, port: msg.dstPort, role: 'server', state: 'connecting', peerDom: msg.srcDom, peerCid: msg.srcDom,
      peerPort: msg.srcPort, peerSock: msg.sock, ring: key,
    });
    ack.sockServer = srv.id;
    ring.socks = withSock(ring.socks, srv.id);
    connectedSock(st, srv, msg.cause);
  }
  brokerOf(st).ack(st, dom, ack);
}

/** CONNECT_rsp arrived at the client. */
export function onConnectRsp(st: SimState, dom: number, msg: LinkMsg): void {
  const sock = st.socks[msg.sock];
  const key = peerKey(dom, msg.dstDom);
  const ring = st.peers.get(key);
  // The answer to our own offer of a new ring?
  const offer = ring && ring.a.dom === dom && ring.setup === msg.sock && ring.state !== 'connected' ? ring : null;
  if (msg.status !== 'ok') {
    if (sock) refuseSock(st, sock, msg.status, msg.cause);
    if (offer) failRing(st, key, msg.status, msg.cause);
    return;
  }
  if (offer && offer.state !== 'connecting') {
    // The listener shut the ring down after it accepted: take our half back too.
    if (sock) refuseSock(st, sock, 'ring-shutdown', msg.cause);
    failRing(st, key, 'ring-shutdown', msg.cause);
    return;
  }
  const newRing = !!offer && offer.a.grefs.length > 0 && msg.grefs.length > 0;
  if (newRing && offer) {
    const failed = completeRing(st, offer, msg.grefs);
    if (failed) { if (sock) refuseSock(st, sock, failed, msg.cause); failRing(st, key, failed, msg.cause); return; }
  }
  if (!sock || !isLive(sock)) return;
  const r = st.peers.get(key);
  if (!r || r.state !== 'connected') { refuseSock(st, sock, 'ring-shutdown', msg.cause); return; }
  sock.ring = key;
  sock.peerSock = msg.sockServer;
  r.socks = withSock(r.socks, sock.id);
  connectedSock(st, sock, msg.cause);
  if (sock.txPending > 0 || sock.floodUntil > st.t || sock.closeAfterTx) kickTx(st, sock);
  // Connections that waited for this ring's set-up (on either side) go now.
  if (newRing) {
    const waiting = r.waiting; r.waiting = null;
    for (const id of waiting ?? []) {
      const w = st.socks[id];
      if (w && isLive(w)) { w.ring = key; sendReq(st, w, w.peerDom, [], -1); }
    }
  }
}

/**
 * `socks` with `id` appended. A ring carries one or two sockets as a rule: those lists are
 * made at their exact size (a first push would reserve 16 spare slots, kept for the life
 * of each of tens of thousands of rings); a longer one grows in place.
 */
function withSock(socks: number[], id: number): number[] {
  if (socks.length === 0) return [id];
  if (socks.length === 1) return [socks[0]!, id];
  socks.push(id);
  return socks;
}

/** Reasons that concern one connection only: the others waiting on the ring ask for themselves. */
const OWN_REASONS = new Set(['denied', 'no-listener']);

/**
 * A ring's set-up failed: both halves go. Connections waiting on it are refused with the
 * same reason, unless it was the first request's own (policy, listener): then each goes
 * on with a request of its own, the first of them offering a new ring.
 */
function failRing(st: SimState, key: string, reason: string, cause: number): void {
  const ring = st.peers.get(key);
  if (!ring) return;
  const retry = OWN_REASONS.has(reason) ? ring.waiting ?? [] : [];
  if (retry.length > 0) ring.waiting = null;
  else { refuseSetup(st, ring, ring.a.dom, reason, cause); refuseSetup(st, ring, ring.b.dom, reason, cause); }
  releaseSide(st, ring, ring.a.dom, reason, true);
  if (st.peers.get(key)) releaseSide(st, ring, ring.b.dom, reason, true);
  for (const id of retry) {
    const w = st.socks[id];
    if (w && w.state === 'connecting') startConnect(st, w);
  }
}

/** A step asked a socket to send. */
export function vsockSend(st: SimState, sock: Sock, bytes: number): void {
  sock.txPending += bytes;
  emit(st, 'vsock', 'send', sock.dom, sock.peerDom, { sock: sock.id, name: sock.name, bytes });
  if (sock.state === 'connected') kickTx(st, sock);
}

export function vsockClose(st: SimState, sock: Sock): void {
  sock.closeAfterTx = true;
  sock.floodUntil = -1;
  emit(st, 'vsock', 'close', sock.dom, sock.peerDom, { sock: sock.id, name: sock.name });
  if (sock.state === 'connected') kickTx(st, sock);
}

/** The broker says `msg.srcDom` is gone: drop our side of the ring with it. */
export function onDisconnectInd(st: SimState, dom: number, msg: LinkMsg): void {
  const ring = st.peers.get(peerKey(dom, msg.srcDom));
  if (ring) releaseSide(st, ring, dom, msg.status, true);
}
