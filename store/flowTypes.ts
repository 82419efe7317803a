/** React Flow node and edge types of the diagram (view-only fields live here, not in the engine). */
import type { Node, Edge } from '@xyflow/react';
import type { DomainView, RingView } from '@engine/api';

export type DomainData = {
  id: number; name: string; role: DomainView['role']; state: DomainView['state']; xenDomid: number;
  grantsInUse: number; grantCapacity: number; evtchnInUse: number; evtchnLimit: number;
  /** Grants held when one was refused in the action at the cursor (the table was full then). */
  grantsAtRefusal?: number;
  listening: number[]; peers: number; linkUp: boolean | null;
  /**
   * The backend's parts in this mode (connection manager, vsock backend, xenstored, toolstack);
   * `far`: the sub's short form at far zoom, where the long one would be cut.
   */
  parts: Array<{ label: string; sub: string; title: string; far?: string }>;
  /** V4V: rings this domain registered with Xen (null under vsock). */
  v4vRings: number | null;
};
export type XenData = { width: number; height: number; label: string; sub: string; chips: string[] };
/** A ring a receiver registered with Xen (V4V), drawn inside Xen's band. */
export type V4vRingData = {
  id: string; owner: number; ownerName: string; port: number; partner: string; len: number; used: number;
  waiting: number; pending: number; woke: number;
  /** Bytes Xen copied into it so far, from how many senders. */
  copied: number; senders: number;
};
/** V4V: a sender's messages, copied by Xen into a receiver's ring. `slot` spreads a sender's lines apart. */
export type V4vCopyData = { bytes: number; slot: number; slots: number; lane: number; up: boolean };
/** `label`: draw the xenbus state beside the line. */
export type LinkData = { front: string; back: string; up: boolean; label: boolean };
export type RingData = {
  key: string; a: number; b: number; aName: string; bName: string; kind: RingView['kind']; state: RingView['state'];
  portA: number; portB: number; grantsA: number; grantsB: number; sockets: number;
  /** many rings: draw the line only (the figures panel lists occupancy) */
  compact: boolean;
  /** Top-left of the panel in flow coordinates, clear of nodes, handles and labels. */
  panel: { x: number; y: number };
};
/**
 * `at`: the label's top-left and width, clear of the rest. `by`: who refused: a broker (the
 * connection manager, xenstored, Xen's v4vtables; the line ends at it), the target's side,
 * or the client itself (`self`: its own table was full; the edge starts and ends at it).
 */
export type FailData = {
  text: string; reason: string; by: 'cm' | 'xenstored' | 'xen' | 'peer' | 'self'; at: { x: number; y: number; w: number };
  /** How much the label may grow at far zoom (the room found for it). */
  grow: number;
};

export type DomainNode = Node<DomainData, 'domain'>;
export type XenNode = Node<XenData, 'xen'>;
export type V4vRingNode = Node<V4vRingData, 'v4vring'>;
/** The guests a big topology does not draw, summarised. */
export type SummaryData = { hidden: number; connected: number; refused: number; other: number; first: string | null; last: string | null };
export type SummaryNode = Node<SummaryData, 'summary'>;
export type FlowNode = DomainNode | XenNode | V4vRingNode | SummaryNode;
export type LinkEdge = Edge<LinkData, 'link'>;
export type RingEdge = Edge<RingData, 'ring'>;
export type FailEdge = Edge<FailData, 'fail'>;
export type V4vCopyEdge = Edge<V4vCopyData, 'v4vcopy'>;
/** V4V: a ring delivers to its owner. */
export type V4vOwnEdge = Edge<Record<string, never>, 'v4vown'>;
export type FlowEdge = LinkEdge | RingEdge | FailEdge | V4vCopyEdge | V4vOwnEdge;
