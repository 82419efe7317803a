/**
 * What a domain does when an event-channel upcall arrives (its pending bit already
 * cleared): find what the port serves (the link's frontend or backend end, or a
 * per-peer ring) and consume the rings behind it, with io/ring.h's final check so no
 * message is left unseen. The backend hands what guests sent to the broker, ctrl ring
 * first, then ind ring (vsock/cm-queue.ts keeps that order).
 */
import {
  takeRequest, takeResponse, unconsumedRequests, unconsumedResponses, finalCheckForRequests, finalCheckForResponses,
} from '../ring/ioring';
import { emit } from '../sim/sys';
import type { SimState } from '../sim/types';
import { brokerOf, onConnectInd, onConnectRsp, onDisconnectInd } from './frontend';
import { flushPending } from './link';
import { ringUpcall } from './data';

export function upcall(st: SimState, dom: number, port: number): void {
  const owner = st.portOwners[dom]?.[port];
  if (!owner) return;
  emit(st, 'evtchn', 'upcall', 'xen', dom, st.trace.keep && { port, serves: owner.type });
  if (owner.type === 'link-back') return backendUpcall(st, owner.guest);
  if (owner.type === 'link-front') return frontendUpcall(st, owner.guest);
  const ring = st.peers.get(owner.key);
  if (ring) ringUpcall(st, ring, dom);
}

/** Backend: CONNECT_req on the ctrl ring, CONNECT_ack on the ind ring go to the CM. */
function backendUpcall(st: SimState, guest: number): void {
  const link = st.links[guest];
  if (!link?.ctrlBack || !link.indFront) return;
  const broker = brokerOf(st);
  for (;;) {
    while (unconsumedRequests(link.ctrlBack) > 0) broker.fromLink(st, guest, takeRequest(link.ctrlBack), 'ctrl');
    while (unconsumedResponses(link.indFront) > 0) broker.fromLink(st, guest, takeResponse(link.indFront), 'ind');
    const more = finalCheckForRequests(link.ctrlBack);
    const more2 = finalCheckForResponses(link.indFront);
    if (!more && !more2) break;
  }
  flushPending(st, link);
}

/** Guest: CONNECT_rsp on the ctrl ring, CONNECT_ind / DISCONNECT_ind on the ind ring. */
function frontendUpcall(st: SimState, guest: number): void {
  const link = st.links[guest];
  if (!link?.ctrlFront || !link.indBack) return;
  for (;;) {
    while (unconsumedResponses(link.ctrlFront) > 0) onConnectRsp(st, guest, takeResponse(link.ctrlFront));
    while (unconsumedRequests(link.indBack) > 0) {
      const msg = takeRequest(link.indBack);
      if (msg.type === 'CONNECT_ind') onConnectInd(st, guest, msg);
      else if (msg.type === 'DISCONNECT_ind') onDisconnectInd(st, guest, msg);
    }
    const more = finalCheckForResponses(link.ctrlFront);
    const more2 = finalCheckForRequests(link.indBack);
    if (!more && !more2) break;
  }
  flushPending(st, link);
}
