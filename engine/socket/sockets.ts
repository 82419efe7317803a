/**
 * Sockets, shared by the transports: creation, state changes (checked against
 * SOCK_TRANSITIONS) and their trace events. A socket's state is the AF_VSOCK view
 * (listening, connecting, connected) plus how it ended (refused, reset, closed) and why.
 */
import { emit } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { SockDetail } from '../core/trace';
import { SOCK_TRANSITIONS, type Sock, type SockState } from './types';

export const EPHEMERAL_MIN = 1024;
export const EPHEMERAL_MAX = 0x7fffffff;

/** What a new socket is given; every other field starts at its default (nothing sent, not ended). */
type SockInit = Pick<Sock, 'dom' | 'port' | 'role' | 'state'>
  & Partial<Pick<Sock, 'peerDom' | 'peerCid' | 'peerPort' | 'peerSock' | 'name' | 'via' | 'ring'>>;

export function newSock(st: SimState, init: SockInit): Sock {
  // Every field written in one order (no spread): all sockets share one object shape,
  // which keeps every `sock.x` in the engine a monomorphic load. `init` comes in many
  // shapes (each caller its own), so only the fields a caller may give are read from it.
  const sock: Sock = {
    id: st.nextSock++, dom: init.dom, port: init.port, role: init.role, state: init.state,
    reason: null, tableOf: -1, peerDom: init.peerDom ?? -1, peerCid: init.peerCid ?? -1,
    peerPort: init.peerPort ?? -1, peerSock: init.peerSock ?? -1, name: init.name ?? null,
    via: init.via ?? 'broker', ring: init.ring ?? null, txPending: 0, txOff: 0,
    rxOff: 0, floodUntil: -1, closeAfterTx: false,
    shutdownSent: false, rstPending: false, openedAt: st.t,
    connectedAt: -1, endedAt: -1, firstRxAt: -1,
    lastRxAt: -1, cause: -1,
    epoch: st.domains[init.dom]?.epoch ?? 0,
  };
  st.socks[sock.id] = sock;
  return sock;
}

/**
 * Next ephemeral port of a domain for client socket `sock`: a seeded start above 1023,
 * then counting up past ports in use (listening, or bound by a live client socket).
 */
export function ephemeralPort(st: SimState, dom: number, sock = -1): number {
  const d = st.domains[dom]!;
  for (let tries = 0; tries < 64; tries++) {
    const p = d.nextEphemeral;
    d.nextEphemeral = p >= EPHEMERAL_MAX ? EPHEMERAL_MIN : p + 1;
    if (st.clientPorts[dom]?.[p] !== undefined || st.listeners[`${dom}:${p}`]) continue;
    if (sock >= 0) (st.clientPorts[dom] ??= {})[p] = sock;
    return p;
  }
  return -1;
}

/** A client socket ended: its ephemeral port is free again. */
function unbindClient(st: SimState, sock: Sock): void {
  const ports = st.clientPorts[sock.dom];
  if (sock.role === 'client' && ports?.[sock.port] === sock.id) delete ports[sock.port];
}

export function isLive(sock: Sock | undefined): boolean {
  return !!sock && (sock.state === 'connecting' || sock.state === 'connected');
}

/**
 * Still open to its application: live, and not closed by it. Once the application has
 * closed its side (the shutdown may still be queued), a send, a flood or a second close
 * on that side is refused, as Linux refuses a write after close.
 */
export function isOpen(sock: Sock | undefined): boolean {
  return isLive(sock) && !sock!.closeAfterTx;
}

/** Move a socket to `to`; a transition the table does not list is a bug and throws. */
export function moveSock(sock: Sock, to: SockState): void {
  if (!SOCK_TRANSITIONS[sock.state].includes(to)) throw new Error(`socket ${sock.id}: ${sock.state} -> ${to} is not a socket transition`);
  sock.state = to;
}

/** The application read the stream up to offset `off` (first and last read times kept for the report). */
export function readTo(st: SimState, sock: Sock, off: number): void {
  if (off > sock.rxOff) {
    if (sock.firstRxAt < 0) sock.firstRxAt = st.t;
    sock.lastRxAt = st.t;
  }
  sock.rxOff = off;
}

export function connectedSock(st: SimState, sock: Sock, cause?: number): void {
  moveSock(sock, 'connected');
  sock.connectedAt = st.t;
  emit(st, 'vsock', 'connected', sock.dom, sock.peerDom, st.trace.keep && sockDetail(sock), cause);
}

/** A live socket ends badly: refused (never connected) or reset (was connecting/connected). */
function failSock(st: SimState, sock: Sock, state: 'refused' | 'reset', reason: string, cause?: number, tableOf = -1): void {
  if (!isLive(sock)) return;
  unbindClient(st, sock);
  moveSock(sock, state);
  sock.reason = reason;
  sock.tableOf = tableOf;
  sock.endedAt = st.t;
  sock.txPending = 0;
  sock.floodUntil = -1;
  emit(st, 'vsock', state, sock.dom, sock.peerDom, tableOf >= 0 ? { ...sockDetail(sock), reason, tableOf } : { ...sockDetail(sock), reason }, cause);
}

/**
 * The connection is refused. `tableOf`: the domain whose grant table or event channels had
 * no room, when that is why (the trace's `refused` event then names it).
 */
export function refuseSock(st: SimState, sock: Sock, reason: string, cause?: number, tableOf = -1): void {
  failSock(st, sock, 'refused', reason, cause, tableOf);
}

export function resetSock(st: SimState, sock: Sock, reason: string, cause?: number): void {
  failSock(st, sock, 'reset', reason, cause);
}

export function closeSock(st: SimState, sock: Sock, cause?: number): void {
  if (!isLive(sock)) return;
  unbindClient(st, sock);
  moveSock(sock, 'closed');
  sock.endedAt = st.t;
  emit(st, 'vsock', 'closed', sock.dom, sock.peerDom, sockDetail(sock), cause);
}

export function sockDetail(sock: Sock): SockDetail {
  return {
    sock: sock.id, name: sock.name, role: sock.role, port: sock.port, peerCid: sock.peerCid, peerPort: sock.peerPort,
    ring: sock.ring, via: sock.via,
  };
}

/** A connect that has not settled by its deadline times out. */
export function connectTimeout(st: SimState, id: number): void {
  const sock = st.socks[id];
  if (sock && sock.state === 'connecting') resetSock(st, sock, 'timeout');
}

/** A domain dies: its own live sockets die with it. */
export function resetSocketsOf(st: SimState, dom: number, reason: string): void {
  for (const sid in st.socks) {
    const s = st.socks[sid]!;
    if (s.dom === dom && isLive(s)) resetSock(st, s, reason);
  }
}

/** The client socket (or its server end) of a scenario connection name. */
export function connSock(st: SimState, name: string, side: 'client' | 'server'): Sock | undefined {
  const id = st.conns.get(name);
  const client = id === undefined ? undefined : st.socks[id];
  if (!client || side === 'client') return client;
  return client.peerSock >= 0 ? st.socks[client.peerSock] : undefined;
}
