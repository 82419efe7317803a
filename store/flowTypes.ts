/** React Flow node and edge types of the diagram (view-only fields live here, not in the engine). */
import type { Node, Edge } from '@xyflow/react';
import type { DomainView, RingView } from '@engine/api';

export type DomainData = {
  id: number; name: string; role: DomainView['role']; state: DomainView['state']; xenDomid: number;
  grantsInUse: number; grantCapacity: number; evtchnInUse: number; evtchnLimit: number;
  listening: number[]; peers: number; linkUp: boolean | null;
};
export type XenData = { width: number; label: string };
export type LinkData = { front: string; back: string; up: boolean };
export type RingData = {
  key: string; a: number; b: number; aName: string; bName: string; kind: RingView['kind']; state: RingView['state'];
  portA: number; portB: number; grantsA: number; grantsB: number; sockets: number;
  /** many rings: draw the line only (the figures panel lists occupancy) */
  compact: boolean;
};
export type FailData = { text: string; reason: string };

export type DomainNode = Node<DomainData, 'domain'>;
export type XenNode = Node<XenData, 'xen'>;
export type FlowNode = DomainNode | XenNode;
export type LinkEdge = Edge<LinkData, 'link'>;
export type RingEdge = Edge<RingData, 'ring'>;
export type FailEdge = Edge<FailData, 'fail'>;
export type FlowEdge = LinkEdge | RingEdge | FailEdge;
