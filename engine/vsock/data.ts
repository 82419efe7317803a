/**
 * Stream data over a per-peer ring. Each packet is a vsock header plus up to 4 KiB of
 * payload, written all-or-nothing into the sender's one-way ring; a full ring makes
 * the writer set the "tell me when you read" bit and wait for the event (backpressure,
 * never loss). Writing and reading are work on the domain's vCPUs (sim/cpu.ts): each
 * turn writes or reads one batch, is charged for its bytes, and the ring's next turn
 * queues behind it, so rings sharing a vCPU take turns. The reader checks that every
 * stream's bytes arrive in order, once, and kicks the writer only if it asked.
 */
import {
  vchanSend, vchanRead, vchanDataReady, vchanBufferSpace, vchanWaitForData, vchanWaitForSpace, vchanIsOpen, vchanIndices,
} from '../ring/vchan';
import { VSOCK_HDR, VSOCK_MAX_PKT } from '../sim/actions';
import { byteCost, cpuRun } from '../sim/cpu';
import { emit, notify, schedule } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import type { PeerRing } from './types';
import { sideOf, vchanSide, releaseSide, refuseSetup } from './peer';
import { closeSock, resetSock, isLive, readTo } from '../socket/sockets';

export interface PktMeta {
  /** Destination socket id. */
  s: number;
  op: 'RW' | 'SHUTDOWN' | 'RST';
  /** Stream offset of the first payload byte. */
  off: number;
  /** Payload bytes (header excluded). */
  len: number;
}

const TX_BATCH = 65536;

/** A socket has something to write: queue it on its ring side and make sure a writer runs. */
export function kickTx(st: SimState, sock: Sock): void {
  const ring = sock.ring ? st.peers.get(sock.ring) : undefined;
  if (!ring || ring.state !== 'connected' && !(ring.state === 'connecting' && ring.b.dom === sock.dom)) return;
  const side = sideOf(ring, sock.dom);
  const q = side.txQueue ??= [];
  if (!q.includes(sock.id)) q.push(sock.id);
  if (!side.txScheduled && !side.waitingForSpace) {
    side.txScheduled = true;
    schedule(st, st.t, { type: 'vsock', kind: 'tx', key: ring.key, dom: sock.dom, epoch: st.domains[sock.dom]!.epoch });
  }
}

function pendingOf(st: SimState, sock: Sock): number {
  if (sock.floodUntil > st.t) return VSOCK_MAX_PKT;
  return sock.txPending;
}

/** The writer side of `dom` on `ring` writes what fits. */
export function ringTx(st: SimState, ring: PeerRing, dom: number): void {
  const side = sideOf(ring, dom);
  side.txScheduled = false;
  const v = ring.vchan;
  if (!v || side.port < 0) return;
  const q = side.txQueue ??= [];
  const vs = vchanSide(ring, dom);
  // A packet must fit in the ring whole (small rings take smaller packets).
  const maxPkt = Math.min(VSOCK_MAX_PKT, (vs === 'client' ? v.leftSize : v.rightSize) - VSOCK_HDR);
  let written = 0, packets = 0, wantNotify = false, full = false;
  while (q.length > 0 && written < TX_BATCH) {
    const sid = q[0]!;
    const sock = st.socks[sid];
    if (sock?.rstPending) {
      // The answer to the peer's SHUTDOWN: it must get through, even after a full ring.
      const r = vchanSend(v, vs, VSOCK_HDR, { s: sock.peerSock, op: 'RST', off: 0, len: 0 } as PktMeta);
      if (!r.ok) { full = r.status === 'would-block'; if (!full) { sock.rstPending = false; q.shift(); } break; }
      if (r.notify) wantNotify = true;
      sock.rstPending = false;
      packets++;
      q.shift();
      continue;
    }
    if (!sock || sock.state !== 'connected') { q.shift(); continue; }
    const pending = pendingOf(st, sock);
    let meta: PktMeta;
    if (pending > 0) {
      meta = { s: sock.peerSock, op: 'RW', off: sock.txOff, len: Math.min(maxPkt, pending) };
    } else if (sock.closeAfterTx && !sock.shutdownSent) {
      meta = { s: sock.peerSock, op: 'SHUTDOWN', off: sock.txOff, len: 0 };
    } else { q.shift(); continue; }
    const r = vchanSend(v, vs, VSOCK_HDR + meta.len, meta);
    if (!r.ok) {
      full = r.status === 'would-block';
      if (!full) q.shift(); // closed: nothing more can be written on this ring
      break;
    }
    if (r.notify) wantNotify = true;
    packets++;
    if (meta.op === 'SHUTDOWN') {
      sock.shutdownSent = true;
      emit(st, 'vsock', 'shutdown', dom, ring.a.dom === dom ? ring.b.dom : ring.a.dom, { sock: sock.id, name: sock.name });
      q.shift();
      continue;
    }
    sock.txOff += meta.len;
    if (sock.floodUntil <= st.t) sock.txPending -= meta.len;
    written += meta.len;
    st.stats.bytesThroughRings += meta.len;
    q.push(q.shift()!);
  }
  const peer = ring.a.dom === dom ? ring.b.dom : ring.a.dom;
  // Woken for space and none there for the next packet: a spurious wake-up.
  if (side.woken && full && packets === 0) st.stats.spuriousWakeups++;
  side.woken = false;
  const done = cpuRun(st, dom, byteCost(written, st.costs.txBytesPerUs));
  if (packets > 0) {
    const sh = vchanIndices(v, vs === 'client' ? 'left' : 'right');
    const size = vs === 'client' ? v.leftSize : v.rightSize;
    emit(st, 'ring', 'write', dom, peer, { ring: ring.key, bytes: written, packets, prod: sh.prod, cons: sh.cons, size });
  }
  if (wantNotify) notify(st, dom, side.port);
  if (full) {
    st.stats.ringFullWaits++;
    side.waitingForSpace = true;
    const sh = vchanIndices(v, vs === 'client' ? 'left' : 'right');
    emit(st, 'ring', 'ring-full', dom, peer, { ring: ring.key, prod: sh.prod, cons: sh.cons });
    if (vchanWaitForSpace(v, vs, VSOCK_HDR + maxPkt)) {
      side.waitingForSpace = false;
      side.txScheduled = true;
      schedule(st, Math.max(done, st.t + 1), { type: 'vsock', kind: 'tx', key: ring.key, dom, epoch: st.domains[dom]!.epoch });
    }
  } else if ((side.txQueue?.length ?? 0) > 0) {
    side.txScheduled = true;
    schedule(st, Math.max(done, st.t + 1), { type: 'vsock', kind: 'tx', key: ring.key, dom, epoch: st.domains[dom]!.epoch });
  }
}

/** The reader side of `dom` drains a batch and delivers it. */
export function ringRx(st: SimState, ring: PeerRing, dom: number): void {
  const side = sideOf(ring, dom);
  side.rxScheduled = false;
  const v = ring.vchan;
  if (!v) return;
  const vs = vchanSide(ring, dom);
  const r = vchanRead<PktMeta>(v as never, vs, st.costs.rxBatch);
  let payload = 0;
  for (const piece of r.pieces) payload += deliver(st, dom, piece.meta, piece.at, piece.len);
  const peer = ring.a.dom === dom ? ring.b.dom : ring.a.dom;
  if (r.read > 0) {
    const sh = vchanIndices(v, vs === 'client' ? 'right' : 'left');
    emit(st, 'ring', 'read', dom, peer, { ring: ring.key, bytes: payload, prod: sh.prod, cons: sh.cons });
  }
  const done = cpuRun(st, dom, byteCost(r.read, st.costs.rxBytesPerUs));
  if (r.notify && side.port >= 0) notify(st, dom, side.port);
  if (vchanDataReady(v, vs) > 0 || vchanWaitForData(v, vs)) {
    side.rxScheduled = true;
    schedule(st, Math.max(done, st.t + 1), { type: 'vsock', kind: 'rx', key: ring.key, dom, epoch: st.domains[dom]!.epoch });
  }
}

/** Returns payload bytes delivered. */
function deliver(st: SimState, dom: number, meta: PktMeta | null, at: number, len: number): number {
  if (!meta) {
    emit(st, 'error', 'ring-garbage', dom, dom, { message: 'ring indices claimed bytes nobody wrote', bytes: len });
    return 0;
  }
  const sock = st.socks[meta.s];
  const end = at + len;
  if (meta.op === 'RW') {
    const from = Math.max(at, VSOCK_HDR) - VSOCK_HDR;
    const to = Math.min(end, VSOCK_HDR + meta.len) - VSOCK_HDR;
    const n = to - from;
    if (n <= 0 || !sock || !isLive(sock) || sock.dom !== dom) return 0;
    if (sock.rxOff !== meta.off + from) {
      st.stats.errors++;
      emit(st, 'error', 'stream-order', dom, dom, { message: 'stream bytes out of order', sock: sock.id, expected: sock.rxOff, got: meta.off + from });
    }
    readTo(st, sock, meta.off + to);
    return n;
  }
  if (end < VSOCK_HDR + meta.len || !sock || sock.dom !== dom) return 0;
  if (meta.op === 'SHUTDOWN') {
    if (!isLive(sock)) return 0;
    closeSock(st, sock);
    // Answer with RST so the side that shut down can finish closing. It goes out through
    // the writer like data, so a full ring delays it instead of losing it.
    const peer = st.socks[sock.peerSock];
    const ring = sock.ring ? st.peers.get(sock.ring) : undefined;
    if (peer && isLive(peer) && ring?.vchan) {
      const side = sideOf(ring, dom);
      sock.rstPending = true;
      const q = (side.txQueue ?? []).filter((id) => id !== sock.id);
      q.unshift(sock.id);
      side.txQueue = q;
      if (!side.txScheduled && !side.waitingForSpace) {
        side.txScheduled = true;
        schedule(st, st.t, { type: 'vsock', kind: 'tx', key: ring.key, dom, epoch: st.domains[dom]!.epoch });
      }
    }
    return 0;
  }
  // RST
  if (sock.shutdownSent) closeSock(st, sock);
  else resetSock(st, sock, 'peer-reset');
  return 0;
}

/** An event arrived on a peer ring's port: see what changed. */
export function ringUpcall(st: SimState, ring: PeerRing, dom: number): void {
  const side = sideOf(ring, dom);
  const v = ring.vchan;
  if (!v || side.port < 0) return;
  const vs = vchanSide(ring, dom);
  if (!vchanIsOpen(v, vs)) {
    emit(st, 'ring', 'peer-closed', dom, dom, { ring: ring.key });
    refuseSetup(st, ring, dom, 'ring-shutdown');
    releaseSide(st, ring, dom, 'ring-shutdown', true);
    return;
  }
  if (!side.rxScheduled && vchanDataReady(v, vs) > 0) {
    side.rxScheduled = true;
    schedule(st, st.t, { type: 'vsock', kind: 'rx', key: ring.key, dom, epoch: st.domains[dom]!.epoch });
  }
  // A writer waiting for space is woken by any event on the port: a wake-up. It finds
  // room, or goes back to sleep (spurious), as a V4V sender woken by the doorbell does.
  if (side.waitingForSpace) st.stats.wakeups++;
  if (side.waitingForSpace && vchanBufferSpace(v, vs) < VSOCK_HDR + 1) st.stats.spuriousWakeups++;
  else if (side.waitingForSpace) {
    side.waitingForSpace = false;
    side.woken = true;
    if (!side.txScheduled) {
      side.txScheduled = true;
      schedule(st, st.t, { type: 'vsock', kind: 'tx', key: ring.key, dom, epoch: st.domains[dom]!.epoch });
    }
  }
}
