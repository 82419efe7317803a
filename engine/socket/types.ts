/**
 * The socket layer both transports share (vsock over per-peer rings, V4V streams): the
 * AF_VSOCK view of a connection end, its states and the transitions between them.
 */

/** A socket's state: the AF_VSOCK view plus how it ended. */
export type SockState = 'listening' | 'connecting' | 'connected' | 'refused' | 'reset' | 'closed';
export const SOCK_STATES: readonly SockState[] = ['listening', 'connecting', 'connected', 'refused', 'reset', 'closed'];

/**
 * Every transition a socket may make; anything else is a bug in a transport. A listener
 * stays listening; refused means it never connected; the ended states are final.
 */
export const SOCK_TRANSITIONS: { readonly [S in SockState]: readonly SockState[] } = {
  listening: [],
  connecting: ['connected', 'refused', 'reset', 'closed'],
  connected: ['reset', 'closed'],
  refused: [],
  reset: [],
  closed: [],
};

export type SockRole = 'client' | 'server' | 'listener';
/** How the connection was set up: through a broker, over V4V, or behind the broker's back. */
export type SockVia = 'broker' | 'v4v' | 'bypass';

export interface Sock {
  id: number;
  dom: number;
  port: number;
  role: SockRole;
  state: SockState;
  reason: string | null;
  /**
   * Refused because a domain's grant table or event channels had no room: that domain's id
   * (the client's own, or the peer's); -1 for any other refusal.
   */
  tableOf: number;
  peerDom: number;
  peerCid: number;
  peerPort: number;
  /** The other end's socket id once known. */
  peerSock: number;
  name: string | null;
  via: SockVia;
  ring: string | null;
  /** Bytes the app asked to write and not yet accepted by the transport. */
  txPending: number;
  /** Bytes accepted by the transport (stream offset of the next byte to write). */
  txOff: number;
  /** Bytes read by the app (stream offset of the next byte expected). */
  rxOff: number;
  /** Flood: keep writing until this time (-1 = not flooding). */
  floodUntil: number;
  /** Close requested once pending data is written. */
  closeAfterTx: boolean;
  shutdownSent: boolean;
  /** The peer shut down and its RST answer still waits for ring space. */
  rstPending: boolean;
  openedAt: number;
  connectedAt: number;
  endedAt: number;
  /** Virtual µs at which this end's application read its first and last stream byte (-1: none yet). */
  firstRxAt: number;
  lastRxAt: number;
  /** seq of the connect (for cause links). */
  cause: number;
  epoch: number;
}

export interface Listener { dom: number; port: number; sock: number }

/** The socket layer's part of the simulation state. */
export interface SocketState {
  socks: Record<number, Sock>;
  nextSock: number;
  listeners: Record<string, Listener>;
  /** dom -> ephemeral port -> live client socket bound to it. */
  clientPorts: Record<number, Record<number, number>>;
  /**
   * Scenario connection name -> socket id (client side). A Map: a set-up of 50,000 named
   * connections adds as many keys, which a plain record makes slow to grow.
   */
  conns: Map<string, number>;
}

export function socketStateInit(): SocketState {
  return { socks: {}, nextSock: 1, listeners: {}, clientPorts: {}, conns: new Map() };
}
