/**
 * The connection manager: a daemon in the backend domain, listening on vsock port 1.
 * It checks the toolstack's policy (default deny; last matching rule wins) and carries
 * the grant references and event-channel ports between the two guests:
 *   client --CONNECT_req--> CM --CONNECT_ind--> server
 *   client <--CONNECT_rsp-- CM <--CONNECT_ack-- server
 * It handles one message at a time (`costs.cm` each, on the backend's vCPUs, in the order of vsock/cm-queue.ts),
 * so a request flood delays everyone else's set-up. When a domain dies or migrates away
 * (@releaseDomain) it tells every peer of that domain with a DISCONNECT_ind (an addition
 * to the four messages of the 2013 draft, needed so peers learn that their rings are dead).
 * Messages for the backend's own frontend need no link: they go straight to it.
 */
import { cpuRun } from '../sim/cpu';
import { emit, LANE_CM, policyVerdict, schedule, scheduleInOrder } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import { relayMsg, type LinkMsg } from './types';
import { respondCtrl, respondInd, sendCtrl, sendInd } from './link';
import { linkMsg, onConnectInd, onConnectRsp, onDisconnectInd } from './frontend';
import { cmAdmit, cmTake } from './cm-queue';
import type { DetailOf } from '../core/trace';

export const CM_MESSAGES = ['CONNECT_req', 'CONNECT_rsp', 'CONNECT_ind', 'CONNECT_ack', 'DISCONNECT_ind'] as const;

/** Timed work of the connection manager. */
export type CmWork =
  /** The daemon handles the oldest queued message. */
  | { kind: 'next' }
  /** A message for the backend's own frontend arrives. */
  | { kind: 'local'; msg: LinkMsg };

/** Queue a message for the CM daemon (it works through them one at a time). */
export function cmEnqueue(st: SimState, guest: number, msg: LinkMsg, from: 'ctrl' | 'ind'): void {
  const done = cmAdmit(st.cm, { guest, msg, from }, st.t, st.costs.cm, (at, cost) => cpuRun(st, st.backend, cost, at));
  scheduleInOrder(st, LANE_CM, done, { type: 'cm', kind: 'next' });
}

/** The CM daemon's next message came due (or a local delivery). */
export function cmDispatch(st: SimState, w: CmWork): void {
  if (w.kind === 'local') { cmLocal(st, w.msg); return; }
  const item = cmTake(st.cm);
  if (item) cmHandle(st, item.guest, item.msg, item.from);
}

function cmLocal(st: SimState, msg: LinkMsg): void {
  if (st.domains[st.backend]?.state !== 'running') return;
  if (msg.type === 'CONNECT_ind') return onConnectInd(st, st.backend, msg);
  if (msg.type === 'DISCONNECT_ind') return onDisconnectInd(st, st.backend, msg);
}

/** A client's CONNECT_req goes on its link (the backend's own goes straight to the queue). */
export function cmRequest(st: SimState, sock: Sock, dst: number, grefs: number[], port: number): boolean {
  const msg = linkMsg('CONNECT_req', sock, dst, sock.cause);
  msg.grefs = grefs; msg.evtchn = port;
  msg.cause = cmEmit(st, 'CONNECT_req', sock.dom, st.backend, st.trace.keep && {
    sock: sock.id, cid: sock.peerCid, port: sock.peerPort, srcPort: sock.port, grefs, evtchn: port,
  }, sock.cause);
  if (sock.dom === st.backend) cmEnqueue(st, st.backend, msg, 'ctrl');
  else sendCtrl(st, sock.dom, msg);
  return true;
}

/** The listener's CONNECT_ack goes back on its link (the backend's own straight to the queue). */
export function cmAck(st: SimState, dom: number, ack: LinkMsg): void {
  ack.cause = cmEmit(st, 'CONNECT_ack', dom, st.backend, st.trace.keep && {
    sock: ack.sock, status: ack.status, grefs: ack.grefs, evtchn: ack.evtchn, port: ack.dstPort, from: ack.srcDom,
  }, ack.cause);
  if (dom === st.backend) cmEnqueue(st, st.backend, ack, 'ind');
  else respondInd(st, dom, ack);
}

/**
 * A hostile guest controls its own kernel: it writes bare CONNECT_req messages onto its
 * link as fast as the ring takes them, without offering a ring or waiting.
 */
export function cmFloodRequest(st: SimState, dom: number, dst: number, cid: number, port: number): void {
  const link = st.links[dom];
  if (!link || link.pendingCtrl.length !== 0) return;
  const msg: LinkMsg = {
    type: 'CONNECT_req', sock: -1, srcDom: dom, srcPort: 0, dstCid: cid, dstDom: dst, dstPort: port,
    status: 'ok', grefs: [], evtchn: -1, sockServer: -1, cause: -1,
  };
  st.stats.connectRequests++;
  msg.cause = cmEmit(st, 'CONNECT_req', dom, st.backend, { sock: -1, cid, port, flood: true });
  sendCtrl(st, dom, msg);
}

/** Record one connection-manager message in the trace and the figures. */
export function cmEmit<O extends (typeof CM_MESSAGES)[number]>(
  st: SimState, op: O, src: number, dst: number, detail: DetailOf<'cm', O> | false, cause?: number,
): number {
  st.stats.cmMessages++;
  return emit(st, 'cm', op, src, dst, detail, cause);
}

/** The CM handles one queued message. */
function cmHandle(st: SimState, guest: number, msg: LinkMsg, from: 'ctrl' | 'ind'): void {
  if (st.domains[st.backend]?.state !== 'running') return;
  if (from === 'ctrl' && msg.type === 'CONNECT_req') return cmConnectReq(st, msg);
  if (from === 'ind' && msg.type === 'CONNECT_ack') return cmConnectAck(st, msg);
  emit(st, 'cm', 'dropped', guest, st.backend, { type: msg.type, sock: msg.sock }, msg.cause);
}

function cmConnectReq(st: SimState, req: LinkMsg): void {
  const dst = req.dstDom;
  const d = st.domains[dst];
  let status = 'ok';
  if (!d || d.state !== 'running') status = 'unreachable';
  const verdict = policyVerdict(st, req.srcDom, dst, req.dstPort);
  const pol = emit(st, 'cm', 'policy', st.backend, st.backend, st.trace.keep && {
    from: req.srcDom, to: dst, port: req.dstPort, verdict, sock: req.sock,
  }, req.cause);
  if (status === 'ok' && verdict === 'deny') status = 'denied';
  if (status !== 'ok') return cmRespond(st, relayMsg(req, 'CONNECT_rsp', status, [], -1, pol));
  const ind = relayMsg(req, 'CONNECT_ind', req.status, req.grefs, req.evtchn, pol);
  ind.cause = cmEmit(st, 'CONNECT_ind', st.backend, dst, st.trace.keep && {
    sock: req.sock, from: req.srcDom, port: req.dstPort, srcPort: req.srcPort, grefs: req.grefs, evtchn: req.evtchn,
  }, pol);
  if (dst === st.backend) {
    schedule(st, cpuRun(st, st.backend, st.costs.cm), { type: 'cm', kind: 'local', msg: ind });
  } else {
    sendInd(st, dst, ind);
  }
}

function cmConnectAck(st: SimState, ack: LinkMsg): void {
  cmRespond(st, relayMsg(ack, 'CONNECT_rsp'));
}

function cmRespond(st: SimState, rsp: LinkMsg): void {
  rsp.cause = cmEmit(st, 'CONNECT_rsp', st.backend, rsp.srcDom, st.trace.keep && {
    sock: rsp.sock, status: rsp.status, grefs: rsp.grefs, evtchn: rsp.evtchn, to: rsp.dstDom, port: rsp.dstPort,
  }, rsp.cause);
  if (rsp.srcDom === st.backend) onConnectRsp(st, st.backend, rsp);
  else respondCtrl(st, rsp.srcDom, rsp);
}

/** @releaseDomain: tell each peer of `dead` that their rings with it are gone. */
export function cmPeerGone(st: SimState, dead: number, reason: string): void {
  if (st.domains[st.backend]?.state !== 'running') return;
  for (const key of [...st.peers.keys()]) {
    const ring = st.peers.get(key)!;
    if (ring.kind !== 'peer' || (ring.a.dom !== dead && ring.b.dom !== dead)) continue;
    const peer = ring.a.dom === dead ? ring.b.dom : ring.a.dom;
    if (st.domains[peer]?.state !== 'running') continue;
    const msg: LinkMsg = {
      type: 'DISCONNECT_ind', sock: -1, srcDom: dead, srcPort: 0, dstCid: peer, dstDom: peer, dstPort: 0,
      status: reason, grefs: [], evtchn: -1, sockServer: -1, cause: -1,
    };
    msg.cause = cmEmit(st, 'DISCONNECT_ind', st.backend, peer, { dead, reason, ring: key });
    if (peer === st.backend) schedule(st, cpuRun(st, st.backend, st.costs.cm), { type: 'cm', kind: 'local', msg });
    else sendInd(st, peer, msg);
  }
}
