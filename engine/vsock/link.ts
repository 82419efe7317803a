/**
 * The vsock front/back link of each guest, brought up through the xenbus handshake:
 * the toolstack creates both xenstore directories (Initialising), the backend goes to
 * InitWait, the frontend grants two ring pages (ctrl, ind), allocates an unbound event
 * channel, publishes them (Initialised), the backend maps and binds (Connected), and
 * the frontend follows (Connected). Afterwards the link carries the guest's messages
 * to and from the connection manager on two io/ring.h rings sharing one event channel.
 */
import { PAGE_SIZE } from '../core/limits';
import { grantForeignAccess, mapGrantRef, unmapGrantRef, endForeignAccess, GNTST_okay } from '../gnttab';
import { allocUnbound, bindInterdomain, evtchnClose } from '../evtchn';
import {
  xsRead, xsWrite, xsWatch, xsTransactionStart, xsTransactionEnd,
  xenbusCreateDevice, xenbusSwitchState, xenbusReadState, frontendPath, backendPath, XenbusState,
} from '../xenstore';
import {
  sharedRingInit, frontRingInit, backRingInit, putRequest, pushRequestsAndCheckNotify, putResponse,
  pushResponsesAndCheckNotify, ringFull,
} from '../ring/ioring';
import { ctxOf, emit, notify } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Link, LinkMsg, PortOwner } from './types';

/** Size of one link message slot (a CONNECT_* message with its grant refs). */
export const LINK_MSG_BYTES = 64;
export const VSOCK_DEVICE = 'vsock';

export function frontDir(guest: number): string { return frontendPath(guest, VSOCK_DEVICE, 0); }
export function backDir(st: SimState, guest: number): string { return backendPath(st.backend, VSOCK_DEVICE, guest, 0); }

/** The backend driver, at backend boot: watch for new vsock devices. */
export function backendDriverStart(st: SimState): void {
  const path = `/local/domain/${st.backend}/backend/${VSOCK_DEVICE}`;
  xsWatch(ctxOf(st), st.xs, st.backend, path, 'vsockback');
}

/** The toolstack creates the device; the frontend driver starts watching its backend. */
export function linkCreate(st: SimState, guest: number): void {
  const ctx = ctxOf(st);
  st.links[guest] = {
    guest, backend: st.backend, frontState: XenbusState.Initialising, backState: XenbusState.Initialising,
    ctrlRef: -1, indRef: -1, frontPort: -1, backPort: -1, backHandles: [],
    ctrlRing: null, indRing: null, ctrlFront: null, ctrlBack: null, indFront: null, indBack: null,
    pendingCtrl: [], pendingInd: [], waitingSocks: [], failed: null, connectedAt: -1,
  };
  xenbusCreateDevice(ctx, st.xs, st.backend, guest, st.backend, VSOCK_DEVICE, 0);
  xsWatch(ctx, st.xs, guest, `${backDir(st, guest)}/state`, `vsockfront`);
}

/** Record (or with null forget) what event-channel port `port` of `dom` serves. */
export function setPortOwner(st: SimState, dom: number, port: number, owner: PortOwner | null): void {
  if (owner) { (st.portOwners[dom] ??= {})[port] = owner; return; }
  const ports = st.portOwners[dom];
  if (ports) delete ports[port];
}

/** A watch fired in `dom`. Drivers re-read state and act; every handler is idempotent. */
export function linkOnWatch(st: SimState, dom: number, path: string, token: string): void {
  if (token === 'vsockback') {
    const m = /^\/local\/domain\/\d+\/backend\/vsock\/(\d+)\/0/.exec(path);
    if (!m) return;
    const guest = Number(m[1]);
    const link = st.links[guest];
    if (!link || dom !== st.backend) return;
    if (link.backState === XenbusState.Initialising && xenbusReadState(st.xs, backDir(st, guest)) === XenbusState.Initialising) {
      xsWatch(ctxOf(st), st.xs, st.backend, `${frontDir(guest)}/state`, `vsockback-fe:${guest}`);
      setBackState(st, link, XenbusState.InitWait);
    }
    return;
  }
  if (token.startsWith('vsockback-fe:')) {
    const link = st.links[Number(token.slice('vsockback-fe:'.length))];
    if (link && dom === st.backend) backendOtherendChanged(st, link);
    return;
  }
  if (token === 'vsockfront') {
    const link = st.links[dom];
    if (link) frontendOtherendChanged(st, link);
  }
}

function setBackState(st: SimState, link: Link, s: number): void {
  link.backState = s;
  xenbusSwitchState(ctxOf(st), st.xs, st.backend, backDir(st, link.guest), s);
}

function setFrontState(st: SimState, link: Link, s: number): void {
  link.frontState = s;
  xenbusSwitchState(ctxOf(st), st.xs, link.guest, frontDir(link.guest), s);
}

function frontendOtherendChanged(st: SimState, link: Link): void {
  const ctx = ctxOf(st);
  const g = link.guest;
  const back = xenbusReadState(st.xs, backDir(st, g));
  if (back === XenbusState.InitWait && link.frontState === XenbusState.Initialising && !link.failed) {
    // Grant the two ring pages and offer an event channel, then publish them.
    const ctrlRef = grantForeignAccess(ctx, st.gnttab, g, st.backend, frameOf(g, 'link-ctrl'), false);
    const indRef = grantForeignAccess(ctx, st.gnttab, g, st.backend, frameOf(g, 'link-ind'), false);
    const port = allocUnbound(ctx, st.evtchn, g, st.backend);
    if (ctrlRef < 0 || indRef < 0 || port < 0) {
      emit(st, 'error', 'xenbus-frontend', g, st.backend, { message: 'cannot set up the vsock link', ctrlRef, indRef, port });
      // Like a Linux frontend's failed probe: give back what it did get, and stay down.
      if (ctrlRef >= 0) endForeignAccess(ctx, st.gnttab, g, ctrlRef);
      if (indRef >= 0) endForeignAccess(ctx, st.gnttab, g, indRef);
      if (port >= 0) evtchnClose(ctx, st.evtchn, g, port);
      link.failed = ctrlRef < 0 || indRef < 0 ? 'grant-exhausted' : port === -1 ? 'xsm-denied' : 'evtchn-exhausted';
      return;
    }
    link.ctrlRef = ctrlRef; link.indRef = indRef; link.frontPort = port;
    setPortOwner(st, g, port, { type: 'link-front', guest: g });
    // The granted pages hold the shared rings; the backend finds them through the grant.
    link.ctrlRing = sharedRingInit<LinkMsg>(PAGE_SIZE, LINK_MSG_BYTES);
    link.indRing = sharedRingInit<LinkMsg>(PAGE_SIZE, LINK_MSG_BYTES);
    link.ctrlFront = frontRingInit(link.ctrlRing);
    link.indBack = backRingInit(link.indRing);
    for (let attempt = 0; attempt < 5; attempt++) {
      const tx = xsTransactionStart(ctx, st.xs, g);
      if (!tx.ok) break;
      const dir = frontDir(g);
      xsWrite(ctx, st.xs, g, `${dir}/ring-ref`, String(ctrlRef), tx.value);
      xsWrite(ctx, st.xs, g, `${dir}/ind-ring-ref`, String(indRef), tx.value);
      xsWrite(ctx, st.xs, g, `${dir}/event-channel`, String(port), tx.value);
      const end = xsTransactionEnd(ctx, st.xs, g, tx.value, true);
      if (end.ok || end.err !== 'EAGAIN') break;
    }
    setFrontState(st, link, XenbusState.Initialised);
    return;
  }
  if (back === XenbusState.Connected && link.frontState === XenbusState.Initialised) {
    setFrontState(st, link, XenbusState.Connected);
    link.connectedAt = st.t;
    flushPending(st, link);
  }
}

function backendOtherendChanged(st: SimState, link: Link): void {
  const ctx = ctxOf(st);
  const g = link.guest;
  const front = xenbusReadState(st.xs, frontDir(g));
  if (front === XenbusState.Initialised && link.backState === XenbusState.InitWait) {
    const dir = frontDir(g);
    const ctrl = xsRead(ctx, st.xs, st.backend, `${dir}/ring-ref`);
    const ind = xsRead(ctx, st.xs, st.backend, `${dir}/ind-ring-ref`);
    const evt = xsRead(ctx, st.xs, st.backend, `${dir}/event-channel`);
    if (!ctrl.ok || !ind.ok || !evt.ok) return;
    const m1 = mapGrantRef(ctx, st.gnttab, st.backend, g, Number(ctrl.value), false);
    const m2 = mapGrantRef(ctx, st.gnttab, st.backend, g, Number(ind.value), false);
    const port = bindInterdomain(ctx, st.evtchn, st.backend, g, Number(evt.value));
    if (m1.status !== GNTST_okay || m2.status !== GNTST_okay || port < 0) {
      emit(st, 'error', 'xenbus-backend', st.backend, g, { message: 'cannot map the vsock link', port });
      return;
    }
    link.backHandles = [m1.handle, m2.handle];
    link.backPort = port;
    setPortOwner(st, st.backend, port, { type: 'link-back', guest: g });
    if (!link.ctrlRing || !link.indRing || Number(ctrl.value) !== link.ctrlRef || Number(ind.value) !== link.indRef) return;
    link.ctrlBack = backRingInit(link.ctrlRing);
    link.indFront = frontRingInit(link.indRing);
    setBackState(st, link, XenbusState.Connected);
    return;
  }
  if ((front === XenbusState.Closing || front === XenbusState.Closed) && link.backState !== XenbusState.Closed) {
    linkTeardownBack(st, link);
  }
}

/** Backend side goes away (frontend closed or the guest died). */
export function linkTeardownBack(st: SimState, link: Link): void {
  const ctx = ctxOf(st);
  for (const h of link.backHandles) unmapGrantRef(ctx, st.gnttab, st.backend, h);
  link.backHandles = [];
  if (link.backPort >= 0 && st.domains[st.backend]?.state === 'running') {
    evtchnClose(ctx, st.evtchn, st.backend, link.backPort);
    setPortOwner(st, st.backend, link.backPort, null);
  }
  link.backPort = -1;
  link.ctrlBack = null; link.indFront = null;
  if (xenbusReadState(st.xs, backDir(st, link.guest)) !== undefined) setBackState(st, link, XenbusState.Closed);
  link.backState = XenbusState.Closed;
}

/** Frontend side resources go (the guest's own grants and port), e.g. on destruction. */
export function linkForgetFront(st: SimState, link: Link): void {
  const ctx = ctxOf(st);
  if (st.domains[link.guest]?.state === 'running') {
    if (link.ctrlRef >= 0) endForeignAccess(ctx, st.gnttab, link.guest, link.ctrlRef);
    if (link.indRef >= 0) endForeignAccess(ctx, st.gnttab, link.guest, link.indRef);
    if (link.frontPort >= 0) evtchnClose(ctx, st.evtchn, link.guest, link.frontPort);
  }
  setPortOwner(st, link.guest, link.frontPort, null);
  link.ctrlRef = -1; link.indRef = -1; link.frontPort = -1;
  link.ctrlFront = null; link.indBack = null; link.ctrlRing = null; link.indRing = null;
  link.frontState = XenbusState.Closed;
}

export function linkUp(link: Link | undefined): boolean {
  return !!link && link.frontState === XenbusState.Connected && link.backState === XenbusState.Connected;
}

/** Guest -> connection manager: a request on the ctrl ring. */
export function sendCtrl(st: SimState, guest: number, msg: LinkMsg): void {
  const link = st.links[guest];
  if (!link) return;
  link.pendingCtrl.push(msg);
  flushPending(st, link);
}

/** Connection manager -> guest: a request on the ind ring. */
export function sendInd(st: SimState, guest: number, msg: LinkMsg): void {
  const link = st.links[guest];
  if (!link) return;
  link.pendingInd.push(msg);
  flushPending(st, link);
}

/** Connection manager -> guest: the response to a CONNECT_req (CONNECT_rsp). */
export function respondCtrl(st: SimState, guest: number, msg: LinkMsg): void {
  const link = st.links[guest];
  if (!link?.ctrlBack || !linkUp(link)) return;
  // Only a request this link incarnation carried can be answered on it.
  if (link.ctrlBack.rsp_prod_pvt === link.ctrlBack.req_cons) { staleDrop(st, guest, msg); return; }
  putResponse(link.ctrlBack, msg);
  if (pushResponsesAndCheckNotify(link.ctrlBack)) notify(st, st.backend, link.backPort);
}

/** Guest -> connection manager: the response to a CONNECT_ind (CONNECT_ack). */
export function respondInd(st: SimState, guest: number, msg: LinkMsg): void {
  const link = st.links[guest];
  if (!link?.indBack || !linkUp(link)) return;
  if (link.indBack.rsp_prod_pvt === link.indBack.req_cons) { staleDrop(st, guest, msg); return; }
  putResponse(link.indBack, msg);
  if (pushResponsesAndCheckNotify(link.indBack)) notify(st, guest, link.frontPort);
}

function staleDrop(st: SimState, guest: number, msg: LinkMsg): void {
  emit(st, 'cm', 'dropped', st.backend, guest, { type: msg.type, sock: msg.sock, why: 'the link was re-created since the request' });
}

export function flushPending(st: SimState, link: Link): void {
  if (!linkUp(link)) return;
  if (link.ctrlFront && link.pendingCtrl.length > 0) {
    let pushed = 0;
    while (link.pendingCtrl.length > 0 && !ringFull(link.ctrlFront)) { putRequest(link.ctrlFront, link.pendingCtrl.shift()!); pushed++; }
    if (pushed && pushRequestsAndCheckNotify(link.ctrlFront)) notify(st, link.guest, link.frontPort);
  }
  if (link.indFront && link.pendingInd.length > 0) {
    let pushed = 0;
    while (link.pendingInd.length > 0 && !ringFull(link.indFront)) { putRequest(link.indFront, link.pendingInd.shift()!); pushed++; }
    if (pushed && pushRequestsAndCheckNotify(link.indFront)) notify(st, st.backend, link.backPort);
  }
}

/** An opaque page number for a guest's page (frames are ids, not addresses). */
export function frameOf(dom: number, what: string): number {
  return (hashChars(dom * 0x9e3779b1, what) >>> 0) % 0x100000;
}

/**
 * frameOf(dom, `${what}:${peer}:${page}`) without building the string (a ring pair's
 * pages; tens of thousands of rings at a set-up): the same characters hashed in turn.
 */
export function framePageOf(dom: number, what: string, peer: number, page: number): number {
  let h = hashChars(dom * 0x9e3779b1, what);
  h = hashChars(h, ':');
  h = hashDecimal(h, peer);
  h = hashChars(h, ':');
  h = hashDecimal(h, page);
  return (h >>> 0) % 0x100000;
}

/** hashChars(h, String(n)) for a whole number n, digit by digit. */
function hashDecimal(h: number, n: number): number {
  if (n < 0 || !Number.isSafeInteger(n)) return hashChars(h, String(n));
  let p = 1;
  while (p * 10 <= n) p *= 10;
  for (; p >= 1; p /= 10) h = Math.imul(h ^ (48 + Math.floor(n / p) % 10), 0x01000193);
  return h;
}

function hashChars(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
