/**
 * Per-peer ring pairs: one pair of one-way byte rings (libxenvchan style) and one
 * interdomain event channel between two guests, shared by every connection between
 * them. Each side grants the pages of the ring it RECEIVES on, plus a header page;
 * the initiating side (vchan "server": it allocates the unbound port) offers first,
 * the other side maps, binds and grants its own half, and the initiator maps that.
 */
import { vchanInit, vchanPages, vchanClientConnect, vchanClose, type VchanSide } from '../ring/vchan';
import { grantForeignAccess, mapGrantRef, unmapGrantRef, endForeignAccess, GNTST_okay, GNTST_permission_denied, gntstName } from '../gnttab';
import { allocUnbound, bindInterdomain, evtchnClose } from '../evtchn';
import { ctxOf, emit, notify, schedule } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { PeerRing, PeerSide } from './types';
import { framePageOf, setPortOwner } from './link';
import { refuseSock, resetSock } from '../socket/sockets';

export function peerKey(x: number, y: number, kind: 'peer' | 'bypass' = 'peer'): string {
  const lo = x < y ? x : y, hi = x < y ? y : x;
  if (!(lo >= 0 && hi < KEYED_DOMS && Number.isInteger(lo) && Number.isInteger(hi))) return makeKey(lo, hi, kind);
  const n = (lo * KEYED_DOMS + hi) * 2 + (kind === 'peer' ? 0 : 1);
  let k = KEYS.get(n);
  if (k === undefined) {
    if (KEYS.size >= 1 << 20) KEYS.clear();
    k = makeKey(lo, hi, kind);
    KEYS.set(n, k);
  }
  return k;
}

/**
 * Ring keys by domain pair, each made once: every connect, CONNECT_ind and CONNECT_rsp
 * looks its ring up, and a key built afresh each time is one more string to hash and find
 * in the engine's string-keyed records. A key is a pure function of the pair, so one table
 * serves every run (it only holds equal copies, and is emptied if it grows large).
 */
const KEYS = new Map<number, string>();
const KEYED_DOMS = 1 << 16;

function makeKey(lo: number, hi: number, kind: 'peer' | 'bypass'): string {
  return kind === 'peer' ? `${lo}:${hi}` : `bypass:${lo}:${hi}`;
}

/** vchan order of each one-way ring for the scenario's `ringPages`. */
export function ringOrder(st: SimState): number {
  let o = 12;
  while (2 ** (o - 12) < st.limits.ringPages) o++;
  return Math.min(o, 20);
}

/** Grants one side makes for its half: the ring pages plus one header page. */
export function grantsPerSide(st: SimState): number {
  return vchanPages(ringOrder(st)) + 1;
}

function newSide(dom: number): PeerSide {
  return { dom, grefs: [], handles: [], port: -1, txQueue: null, waitingForSpace: false, woken: false, txScheduled: false, rxScheduled: false };
}

export function sideOf(ring: PeerRing, dom: number): PeerSide {
  return ring.a.dom === dom ? ring.a : ring.b;
}
export function otherSide(ring: PeerRing, dom: number): PeerSide {
  return ring.a.dom === dom ? ring.b : ring.a;
}
/** In vchan terms the initiator is the server (it shares the page and the port). */
export function vchanSide(ring: PeerRing, dom: number): VchanSide {
  return ring.a.dom === dom ? 'server' : 'client';
}

/**
 * Grant `n` pages of `dom` to `peer`; on failure undo and return false. The list is made
 * at its final size (a pushed-to array keeps 16 spare slots, and a copy to trim it is one
 * more array per side of each of tens of thousands of rings).
 */
function grantPages(st: SimState, side: PeerSide, peer: number, what: string): boolean {
  const ctx = ctxOf(st);
  const n = grantsPerSide(st);
  const grefs = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const ref = grantForeignAccess(ctx, st.gnttab, side.dom, peer, framePageOf(side.dom, what, peer, i), false);
    if (ref < 0) {
      for (let j = 0; j < i; j++) endForeignAccess(ctx, st.gnttab, side.dom, grefs[j]!);
      side.grefs = [];
      return false;
    }
    grefs[i] = ref;
  }
  side.grefs = grefs;
  return true;
}

/** Map every page the peer granted; on failure unmap what was mapped and give the reason. */
function mapPages(st: SimState, side: PeerSide, peer: number, grefs: number[]): string | null {
  const ctx = ctxOf(st);
  const handles = new Array<number>(grefs.length); // at its final size, as in grantPages
  for (let i = 0; i < grefs.length; i++) {
    const m = mapGrantRef(ctx, st.gnttab, side.dom, peer, grefs[i]!, false);
    if (m.status !== GNTST_okay) {
      for (let j = 0; j < i; j++) unmapGrantRef(ctx, st.gnttab, side.dom, handles[j]!);
      side.handles = [];
      return m.status === GNTST_permission_denied ? 'xsm-denied' : `grant-map-failed:${gntstName(m.status)}`;
    }
    handles[i] = m.handle;
  }
  side.handles = handles;
  return null;
}

/**
 * Initiator: create the ring record, grant its receive half and offer an unbound port.
 * Returns the ring, or the refusal reason.
 */
export function offerRing(st: SimState, a: number, b: number, kind: 'peer' | 'bypass'): PeerRing | string {
  const key = peerKey(a, b, kind);
  const ring: PeerRing = {
    key, kind, a: newSide(a), b: newSide(b), state: 'connecting', vchan: null, socks: [], waiting: null, setup: -1,
    createdAt: st.t, epochA: st.domains[a]!.epoch, epochB: st.domains[b]?.epoch ?? 0,
  };
  if (!grantPages(st, ring.a, b, kind)) return 'grant-exhausted';
  const port = allocUnbound(ctxOf(st), st.evtchn, a, b);
  if (port < 0) {
    for (const r of ring.a.grefs) endForeignAccess(ctxOf(st), st.gnttab, a, r);
    return port === -1 ? 'xsm-denied' : 'evtchn-exhausted';
  }
  ring.a.port = port;
  const order = ringOrder(st);
  ring.vchan = vchanInit(order, order);
  st.peers.set(key, ring);
  setPortOwner(st, a, port, { type: 'peer', key });
  emit(st, 'ring', 'offer', a, b, st.trace.keep && { ring: key, grefs: ring.a.grefs.length, port, order });
  return ring;
}

/** Acceptor: map the initiator's pages, bind its port, grant its own half. */
export function acceptRing(st: SimState, ring: PeerRing, grefs: number[], port: number): string | null {
  const b = ring.b;
  const a = ring.a.dom;
  const failed = mapPages(st, b, a, grefs);
  if (failed) return failed;
  const local = bindInterdomain(ctxOf(st), st.evtchn, b.dom, a, port);
  if (local < 0) {
    unmapAll(st, b);
    return local === -1 ? 'xsm-denied' : 'evtchn-exhausted';
  }
  b.port = local;
  // Both ends' ports serve the same ring: one owner record for the two.
  const own = st.portOwners[a]?.[ring.a.port];
  setPortOwner(st, b.dom, local, own?.type === 'peer' && own.key === ring.key ? own : { type: 'peer', key: ring.key });
  if (!grantPages(st, b, a, ring.kind)) {
    evtchnClose(ctxOf(st), st.evtchn, b.dom, local);
    setPortOwner(st, b.dom, local, null);
    b.port = -1;
    unmapAll(st, b);
    return 'grant-exhausted';
  }
  if (ring.vchan) vchanClientConnect(ring.vchan);
  return null;
}

/** Initiator: map the acceptor's half; the ring is then up at both ends. */
export function completeRing(st: SimState, ring: PeerRing, grefs: number[]): string | null {
  const failed = mapPages(st, ring.a, ring.b.dom, grefs);
  if (failed) return failed;
  ring.state = 'connected';
  emit(st, 'ring', 'connected', ring.a.dom, ring.b.dom, st.trace.keep && {
    ring: ring.key, grantsEachSide: grantsPerSide(st), bytesEachWay: 2 ** ringOrder(st), portA: ring.a.port, portB: ring.b.port,
  });
  return null;
}

function unmapAll(st: SimState, side: PeerSide): void {
  const ctx = ctxOf(st);
  for (const h of side.handles) unmapGrantRef(ctx, st.gnttab, side.dom, h);
  side.handles = [];
}

/** `dom`'s client sockets still waiting on the ring's set-up: the one carrying the offer, then the queued ones. */
function setupSocks(st: SimState, ring: PeerRing, dom: number): number[] {
  const out: number[] = [];
  const first = st.socks[ring.setup];
  if (first && first.dom === dom && first.ring === ring.key && first.state === 'connecting') out.push(first.id);
  for (const id of ring.waiting ?? []) if (st.socks[id]?.dom === dom && st.socks[id]!.state === 'connecting') out.push(id);
  return out;
}

/** `dom`'s connections leave the ring's waiting list (none left: no list). */
function dropWaiting(st: SimState, ring: PeerRing, dom: number): void {
  const left = ring.waiting?.filter((id) => st.socks[id]?.dom !== dom);
  ring.waiting = left && left.length > 0 ? left : null;
}

/** The set-up failed or was called off: `dom`'s connections waiting on it are refused. */
export function refuseSetup(st: SimState, ring: PeerRing, dom: number, reason: string, cause?: number): void {
  for (const id of setupSocks(st, ring, dom)) refuseSock(st, st.socks[id]!, reason, cause);
  dropWaiting(st, ring, dom);
}

/**
 * One side lets go of the ring: resets its sockets on it, unmaps the peer's pages,
 * closes its port and ends access to its own grants (deferred while still mapped).
 * `alive` is false when the side's domain is already gone (Xen reclaimed it all).
 */
export function releaseSide(st: SimState, ring: PeerRing, dom: number, reason: string, alive: boolean): void {
  const side = sideOf(ring, dom);
  const ctx = ctxOf(st);
  for (const s of ring.socks) {
    const sock = st.socks[s];
    if (sock && sock.dom === dom) resetSock(st, sock, reason);
  }
  // Connections of `dom` still waiting on this ring's set-up lose it too.
  for (const id of setupSocks(st, ring, dom)) resetSock(st, st.socks[id]!, reason);
  dropWaiting(st, ring, dom);
  if (alive) {
    unmapAll(st, side);
    if (side.port >= 0) evtchnClose(ctx, st.evtchn, dom, side.port);
    let deferred = 0;
    for (const r of side.grefs) if (endForeignAccess(ctx, st.gnttab, dom, r) === 'deferred') deferred++;
    if (deferred > 0 && !st.tickScheduled) {
      st.tickScheduled = true;
      schedule(st, st.t + 1_000_000, { type: 'gnttab-tick' });
    }
  }
  setPortOwner(st, dom, side.port, null);
  side.handles = []; side.grefs = []; side.port = -1; side.txQueue = null; side.waitingForSpace = false; side.woken = false;
  ring.socks = ring.socks.filter((s) => st.socks[s]?.dom !== dom);
  const other = otherSide(ring, dom);
  if (other.port < 0 && other.grefs.length === 0 && other.handles.length === 0) {
    ring.state = 'closed';
    st.peers.delete(ring.key);
    emit(st, 'ring', 'closed', dom, other.dom, { ring: ring.key, reason });
  } else {
    ring.state = 'closing';
  }
}

/** `dom` sheds the ring: closes its end of the vchan, kicks the peer, lets go. */
export function shutdownRing(st: SimState, ring: PeerRing, dom: number, reason: string): void {
  const side = sideOf(ring, dom);
  emit(st, 'ring', 'shutdown', dom, otherSide(ring, dom).dom, { ring: ring.key, reason });
  if (ring.state !== 'connected') refuseSetup(st, ring, dom, reason);
  if (ring.vchan) vchanClose(ring.vchan, vchanSide(ring, dom));
  if (side.port >= 0) notify(st, dom, side.port);
  releaseSide(st, ring, dom, reason, true);
}
