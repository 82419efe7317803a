/**
 * The vsock transport's state: each guest's front/back link to the connection manager's
 * domain, the per-peer ring pairs, what every event-channel port serves; its queued
 * work; and what it asks of a broker.
 */
import type { FrontRing, BackRing, SharedRing } from '../ring/ioring';
import type { Vchan } from '../ring/vchan';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';

/** The vsock front/back link of one guest: two io/ring.h rings and one event channel. */
export interface LinkMsg {
  type: 'CONNECT_req' | 'CONNECT_rsp' | 'CONNECT_ind' | 'CONNECT_ack' | 'DISCONNECT_ind';
  /** The client socket's id (connection identity across the broker). */
  sock: number;
  srcDom: number;
  srcPort: number;
  dstCid: number;
  dstDom: number;
  dstPort: number;
  status: string;
  /** Grant refs of the sender's receive-ring pages (empty when the peer ring exists). */
  grefs: number[];
  /** Unbound event-channel port offered to the peer (-1 when none). */
  evtchn: number;
  /** The server socket created by a successful CONNECT_ack (-1: none). */
  sockServer: number;
  /** seq of the event that sent this message (for cause links). */
  cause: number;
}

export interface Link {
  guest: number;
  backend: number;
  frontState: number;
  backState: number;
  /** Frontend-granted pages for the two rings. */
  ctrlRef: number;
  indRef: number;
  frontPort: number;
  backPort: number;
  /** The shared pages (io/ring.h rings) the frontend granted. */
  ctrlRing: SharedRing<LinkMsg> | null;
  indRing: SharedRing<LinkMsg> | null;
  /** Backend's map handles. */
  backHandles: number[];
  /** ctrl ring: guest sends requests (CONNECT_req), backend responds (CONNECT_rsp). */
  ctrlFront: FrontRing<LinkMsg> | null;
  ctrlBack: BackRing<LinkMsg> | null;
  /** ind ring: backend sends requests (CONNECT_ind, DISCONNECT_ind), guest responds (CONNECT_ack). */
  indFront: FrontRing<LinkMsg> | null;
  indBack: BackRing<LinkMsg> | null;
  /** Messages waiting for the link to come up or for ring space. */
  pendingCtrl: LinkMsg[];
  pendingInd: LinkMsg[];
  /** Client sockets waiting for the link to connect before they spend anything on a peer. */
  waitingSocks: number[];
  /** Why the frontend could not bring the link up (its grants or port), or null. */
  failed: string | null;
  connectedAt: number;
}

/** One side of a per-peer ring pair. */
export interface PeerSide {
  dom: number;
  /** Grants this side made of its receive-ring pages (header page first). */
  grefs: number[];
  /** Handles this side holds on the other side's pages. */
  handles: number[];
  port: number;
  /** Sockets with data waiting to be written into the ring, round-robin (null: none yet). */
  txQueue: number[] | null;
  waitingForSpace: boolean;
  /** The writer was woken from waiting for space and has not written since. */
  woken: boolean;
  txScheduled: boolean;
  /** Receive work scheduled. */
  rxScheduled: boolean;
}

export type PeerState = 'connecting' | 'connected' | 'closing' | 'closed';

/** A per-peer ring pair between two guests (or a bypass channel). */
export interface PeerRing {
  key: string;
  kind: 'peer' | 'bypass';
  /** The side that initiated (client role in the vchan). */
  a: PeerSide;
  b: PeerSide;
  state: PeerState;
  vchan: Vchan | null;
  /** Sockets multiplexed over this ring. */
  socks: number[];
  /** Client sockets waiting for this ring's set-up to finish (null: none). */
  waiting: number[] | null;
  /** The client socket whose request carries this ring's offer (-1: none, e.g. a bypass). */
  setup: number;
  createdAt: number;
  epochA: number;
  epochB: number;
}

export type PortOwner =
  | { type: 'link-front'; guest: number }
  | { type: 'link-back'; guest: number }
  | { type: 'peer'; key: string };

/** The vsock transport's part of the simulation state. */
export interface VsockState {
  links: Record<number, Link>;
  /** Ring pairs by key (peer.ts, peerKey). A Map: a set-up adds them by the ten thousand. */
  peers: Map<string, PeerRing>;
  /** dom -> event-channel port -> what it serves. */
  portOwners: Record<number, Record<number, PortOwner>>;
}

/**
 * `m` passed on as a message of another type (the broker relays a request as an
 * indication, an ack as a response). Every LinkMsg is built with the same fields in the
 * same order, so they all share one object shape.
 */
export function relayMsg(
  m: LinkMsg, type: LinkMsg['type'], status = m.status, grefs = m.grefs, evtchn = m.evtchn, cause = m.cause,
): LinkMsg {
  return {
    type, sock: m.sock, srcDom: m.srcDom, srcPort: m.srcPort, dstCid: m.dstCid, dstDom: m.dstDom, dstPort: m.dstPort,
    status, grefs, evtchn, sockServer: m.sockServer, cause,
  };
}

export function vsockStateInit(): VsockState {
  return { links: {}, peers: new Map(), portOwners: {} };
}

/** Timed work of the vsock transport. */
export type VsockWork =
  | { kind: 'tx'; key: string; dom: number; epoch: number }
  | { kind: 'rx'; key: string; dom: number; epoch: number }
  | { kind: 'flood-connect'; dom: number; cid: number; port: number; until: number; epoch: number };

/**
 * What the vsock transport asks of its broker (the connection manager or xenstore). The
 * broker answers by calling the frontend (vsock/frontend.ts); the frontend reaches the
 * broker only through this interface, so the imports run one way.
 */
export interface VsockBroker {
  /** A client's request to `dst` (grefs/evtchn: a new ring's offer). false: refused at once. */
  request(st: SimState, sock: Sock, dst: number, grefs: number[], evtchn: number): boolean;
  /** The listener's frontend answers a CONNECT_ind. */
  ack(st: SimState, dom: number, ack: LinkMsg): void;
  /** A message the backend took off a guest's link (ctrl: a request; ind: an answer). */
  fromLink(st: SimState, guest: number, msg: LinkMsg, from: 'ctrl' | 'ind'): void;
  /** `dom` sheds its ring with `peer` (the ring's initiator is `initiator`); the peer must hear of it. */
  ringShed(st: SimState, dom: number, peer: number, initiator: number): void;
  /** One more request of a hostile guest's connect flood. */
  floodRequest(st: SimState, dom: number, dst: number, cid: number, port: number): void;
}
