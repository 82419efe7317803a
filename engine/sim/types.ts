/**
 * The whole simulation state: plain data only (records, arrays, numbers, strings), so
 * it can be cloned into a snapshot and compared. Records keyed by domain id iterate in
 * ascending numeric order; every other record is filled in a deterministic order.
 */
import type { RngStreams } from '../core/rng';
import type { Queue } from '../core/queue';
import type { TraceState } from '../core/trace';
import type { Limits } from '../core/limits';
import type { GnttabState } from '../gnttab';
import type { EvtchnState } from '../evtchn';
import type { XsState } from '../xenstore';
import type { FrontRing, BackRing, SharedRing } from '../ring/ioring';
import type { Vchan } from '../ring/vchan';
import type { ScenarioDoc, PolicyRule } from '../scenario';
import type { Action } from './actions';
import type { V4vState } from '../v4v/types';

export type DomainState = 'running' | 'migrating' | 'crashed' | 'removed' | 'dying';

export interface Domain {
  id: number;
  name: string;
  role: 'backend' | 'guest';
  privileged: boolean;
  state: DomainState;
  /** The domid Xen gave the current incarnation (changes on migration; `id` does not). */
  xenDomid: number;
  /** Counts incarnations, so stale queued work of an old incarnation is ignored. */
  epoch: number;
  /** Next ephemeral vsock port. */
  nextEphemeral: number;
  /** Virtual time until which the domain's CPU is busy with work already scheduled. */
  rxBusyUntil: number;
}

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
  /** The server socket created by a successful CONNECT_ack. */
  sockServer?: number;
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
  /** Sockets with data waiting to be written into the ring, round-robin. */
  txQueue: number[];
  waitingForSpace: boolean;
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
  /** Client sockets waiting for this ring's set-up to finish. */
  waiting: number[];
  createdAt: number;
  epochA: number;
  epochB: number;
}

export type SockState = 'listening' | 'connecting' | 'connected' | 'refused' | 'reset' | 'closed';

export interface Sock {
  id: number;
  dom: number;
  port: number;
  role: 'client' | 'server' | 'listener';
  state: SockState;
  reason: string | null;
  peerDom: number;
  peerCid: number;
  peerPort: number;
  /** The other end's socket id once known. */
  peerSock: number;
  name: string | null;
  via: 'broker' | 'v4v' | 'bypass';
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
  /** seq of the connect (for cause links). */
  cause: number;
  epoch: number;
}

export interface Listener { dom: number; port: number; sock: number }

export interface Stats {
  hypercalls: number;
  notifications: number;
  cmMessages: number;
  xenstoreOps: number;
  bytesThroughRings: number;
  ringFullWaits: number;
  wakeups: number;
  spuriousWakeups: number;
  retries: number;
  bytesCopiedByXen: number;
  notifyHypercalls: number;
  connectRequests: number;
  errors: number;
}

export interface SimState {
  doc: ScenarioDoc;
  limits: Limits;
  t: number;
  rng: RngStreams;
  queue: Queue<Action>;
  trace: TraceState;
  domains: Record<number, Domain>;
  backend: number;
  gnttab: GnttabState;
  evtchn: EvtchnState;
  xs: XsState;
  links: Record<number, Link>;
  peers: Record<string, PeerRing>;
  socks: Record<number, Sock>;
  nextSock: number;
  listeners: Record<string, Listener>;
  /** dom -> ephemeral port -> live client socket bound to it. */
  clientPorts: Record<number, Record<number, number>>;
  /** Scenario connection name -> socket id (client side). */
  conns: Record<string, number>;
  /** Ordered toolstack rules (last match wins), starting with the document's allow list. */
  policy: { default: 'allow' | 'deny'; rules: Array<PolicyRule & { verdict: 'allow' | 'deny' }> };
  /** dom -> event-channel port -> what it serves. */
  portOwners: Record<number, Record<number, PortOwner>>;
  /** The connection manager is one daemon: it handles one message at a time. */
  cmBusyUntil: number;
  /** xenstored likewise; and how many of its ops have been charged. */
  xsBusyUntil: number;
  xsOpsSeen: number;
  /** Steps of the document, stably sorted by time (index into doc.steps). */
  stepOrder: number[];
  stepsRun: number;
  stats: Stats;
  /** Scheduled gnttab deferred-free tick. */
  tickScheduled: boolean;
  /** The v4v transport's rings, pending lists, v4vtables and stream bookkeeping. */
  v4v: V4vState;
}

export type PortOwner =
  | { type: 'link-front'; guest: number }
  | { type: 'link-back'; guest: number }
  | { type: 'peer'; key: string };
