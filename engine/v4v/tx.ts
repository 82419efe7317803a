/**
 * The timed work of the v4v transport: senders' send loops, the receiver draining its
 * ring, and the doorbell. A full destination makes sendv fail with -EAGAIN and queue a
 * space request; the sender then sleeps. Xen re-checks the requests only when the
 * ring's owner calls notify after reading, and wakes EVERY waiter that fits with one
 * VIRQ that names no ring; each woken domain calls notify to learn which of its rings
 * has room, then retries its send. All but the first find the space gone again.
 */
import { assertNever } from '../core/assert';
import { COST } from '../sim/actions';
import { byteCost, cpuFreeAt, cpuRun } from '../sim/cpu';
import { rngInt } from '../core/rng';
import { emit, schedule } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import { connectedSock, isLive, refuseSock } from '../socket/sockets';
import { work } from './kick';
import { notify, sendv, V4V_COST, type SendResult } from './hyper';
import { maxMessage, ringRead } from './ring';
import { answerLost, deliver, payloadOf, releaseSock, resetBoth } from './stream';
import { tablesAllow } from './tables';
import { doorbellRings } from './doorbell';
import { ERRNO, MAX_NOTIFY_COUNT, STREAM_CHUNK, STREAM_HDR, errName, type StreamMeta, type V4vSock, type V4vWork } from './types';

const TX_BATCH = 65536;

function chunk(st: SimState): number {
  return Math.min(STREAM_CHUNK, maxMessage(st.limits.v4vRingBytes) - STREAM_HDR);
}

function nextMeta(st: SimState, sock: Sock, vs: V4vSock): StreamMeta | null {
  if (vs.ctrl.length > 0) return vs.ctrl[0]!;
  if (sock.state !== 'connected') return null;
  const pending = sock.floodUntil > st.t ? STREAM_CHUNK : sock.txPending;
  if (pending > 0) return { op: 'RW', from: sock.id, to: sock.peerSock, off: sock.txOff, len: Math.min(chunk(st), pending) };
  if (sock.closeAfterTx && !sock.shutdownSent) return { op: 'SHUTDOWN', from: sock.id, to: sock.peerSock, off: sock.txOff, len: 0 };
  return null;
}

function sent(st: SimState, sock: Sock, vs: V4vSock, meta: StreamMeta): void {
  if (vs.ctrl.length > 0 && vs.ctrl[0] === meta) {
    vs.ctrl.shift();
    if (meta.op === 'SYNACK' && sock.state === 'connecting') connectedSock(st, sock);
    return;
  }
  if (meta.op === 'SHUTDOWN') {
    sock.shutdownSent = true;
    emit(st, 'vsock', 'shutdown', sock.dom, sock.peerDom, { sock: sock.id, name: sock.name, via: 'v4v' });
    return;
  }
  sock.txOff += meta.len;
  if (sock.floodUntil <= st.t) sock.txPending -= meta.len;
}

function reasonOf(r: SendResult, connecting: boolean): string {
  // Under V4V a v4vtables reject comes back as -ECONNREFUSED; the model still knows why.
  if (r.why === 'tables') return 'denied';
  if (r.why === 'destination') return connecting ? 'unreachable' : 'peer-reset';
  if (r.ret === ERRNO.EPERM) return r.why === 'xsm' ? 'xsm-denied' : 'denied';
  if (r.ret === ERRNO.ECONNREFUSED) return connecting ? 'no-listener' : 'peer-reset';
  if (r.ret === ERRNO.ESRCH) return connecting ? 'unreachable' : 'peer-reset';
  return `v4v:${errName(r.ret)}`;
}

/** The socket sleeps until a doorbell (or, after -EBUSY, a back-off) lets it retry. */
function block(st: SimState, sock: Sock, vs: V4vSock, ring: string, len: number, busy: boolean): void {
  const key = `${sock.dom}|${ring}`;
  const w = (st.v4v.waits[key] ??= { dom: sock.dom, ring, dstDom: vs.dstDom, dstPort: vs.dstPort, len, socks: [], woken: false });
  w.len = Math.max(w.len, len);
  if (!w.socks.includes(sock.id)) w.socks.push(sock.id);
  vs.blocked = ring;
  if (busy) schedule(st, st.t + V4V_COST.busyBackoff, { type: 'v4v', work: { kind: 'retry', dom: sock.dom, ring, epoch: st.domains[sock.dom]!.epoch } });
}

function failed(st: SimState, sock: Sock, vs: V4vSock, meta: StreamMeta, r: SendResult): void {
  if ((r.ret === ERRNO.EAGAIN || r.ret === ERRNO.EBUSY) && r.ring) {
    block(st, sock, vs, r.ring, payloadOf(meta), r.ret === ERRNO.EBUSY);
    return;
  }
  if (!isLive(sock)) { vs.ctrl = []; answerLost(st, sock, meta, reasonOf(r, false)); return; }
  if (sock.state === 'connecting') {
    refuseSock(st, sock, meta.op === 'SYNACK' ? 'no-client-ring' : reasonOf(r, true));
    releaseSock(st, sock);
  } else resetBoth(st, sock, reasonOf(r, false));
}

/** One go of a socket's send loop. Returns how many messages Xen accepted. */
export function txRun(st: SimState, id: number): number {
  const vs = st.v4v.socks[id];
  const sock = st.socks[id];
  if (!vs || !sock) return 0;
  vs.txScheduled = false;
  if (vs.blocked) return 0;
  let written = 0, n = 0;
  const copiedBefore = st.stats.bytesCopiedByXen;
  while (written < TX_BATCH) {
    const meta = nextMeta(st, sock, vs);
    if (!meta) break;
    const r = sendv(st, {
      caller: sock.dom, src: { dom: sock.dom, port: sock.port }, dst: { dom: vs.dstDom, port: vs.dstPort },
      payload: payloadOf(meta), meta,
    }, tablesAllow);
    if (r.ret < 0) { failed(st, sock, vs, meta, r); break; }
    sent(st, sock, vs, meta);
    written += payloadOf(meta);
    n++;
  }
  // Xen copies each message in the sender's hypercall: the copy is the sender's work.
  const done = cpuRun(st, sock.dom, byteCost(st.stats.bytesCopiedByXen - copiedBefore, st.costs.txBytesPerUs));
  if (!isLive(sock) && vs.ctrl.length === 0) releaseSock(st, sock);
  else if (!vs.blocked && nextMeta(st, sock, vs)) {
    vs.txScheduled = true;
    schedule(st, Math.max(done, st.t + 1), { type: 'v4v', work: { kind: 'tx', sock: id, dom: sock.dom, epoch: st.domains[sock.dom]!.epoch } });
  }
  return n;
}

/** A woken (or backing-off) domain retries every socket it had blocked on `ring`. */
function retry(st: SimState, dom: number, ring: string): void {
  const key = `${dom}|${ring}`;
  const w = st.v4v.waits[key];
  if (!w) return;
  delete st.v4v.waits[key];
  st.stats.retries++;
  emit(st, 'v4v', 'retry', dom, 'xen', { ring, sockets: w.socks.length, woken: w.woken });
  let n = 0;
  for (const id of w.socks) {
    const vs = st.v4v.socks[id];
    if (vs) { vs.blocked = null; n += txRun(st, id); }
  }
  if (w.woken && n === 0 && st.v4v.waits[key]) spurious(st, dom, ring, 'send');
}

function spurious(st: SimState, dom: number, ring: string, at: 'notify' | 'send'): void {
  st.stats.spuriousWakeups++;
  emit(st, 'v4v', 'spurious-wakeup', dom, 'xen', { ring, foundAt: at });
}

/** The doorbell rang: drain rings with data, and ask Xen which awaited ring has room. */
function virq(st: SimState, dom: number): void {
  delete st.v4v.virqPending[dom];
  doorbellRings(st, dom);
  for (const id in st.v4v.rings) {
    const r = st.v4v.rings[id]!;
    if (r.owner !== dom || r.msgs.length === 0 || r.rxScheduled) continue;
    r.rxScheduled = true;
    work(st, { kind: 'rx', ring: id, dom, epoch: st.domains[dom]!.epoch });
  }
  const ws = Object.values(st.v4v.waits).filter((w) => w.dom === dom);
  for (let i = 0; i < ws.length; i += MAX_NOTIFY_COUNT) {
    const batch = ws.slice(i, i + MAX_NOTIFY_COUNT);
    const res = notify(st, dom, batch.map((w) => ({ dst: { dom: w.dstDom, port: w.dstPort }, space: w.len })));
    batch.forEach((w, j) => {
      const f = res.flags[j] ?? [];
      const epoch = st.domains[dom]!.epoch;
      if (!f.includes('EXISTS') || f.includes('SUFFICIENT') || f.includes('EMSGSIZE')) {
        const gap = V4V_COST.retry + rngInt(st.rng.v4v, 0, V4V_COST.retryJitter);
        schedule(st, st.t + gap, { type: 'v4v', work: { kind: 'retry', dom, ring: w.ring, epoch } });
        return;
      }
      if (w.woken) { w.woken = false; spurious(st, dom, w.ring, 'notify'); }
      if (f.includes('EBUSY')) schedule(st, st.t + V4V_COST.busyBackoff, { type: 'v4v', work: { kind: 'retry', dom, ring: w.ring, epoch } });
    });
  }
}

/** The ring's owner reads a batch, then calls notify: the one point where Xen re-checks waiters. */
function rx(st: SimState, id: string): void {
  const ring = st.v4v.rings[id];
  if (!ring) return;
  ring.rxScheduled = false;
  const r = ringRead(ring, st.costs.rxBatch);
  if (r.msgs.length === 0) return;
  let payload = 0;
  for (const m of r.msgs) payload += deliver(st, ring.owner, ring.port, m);
  emit(st, 'v4v', 'read', ring.owner, ring.owner, { ring: id, bytes: payload, messages: r.msgs.length, rx: ring.rx, tx: ring.tx });
  const done = cpuRun(st, ring.owner, byteCost(r.bytes, st.costs.rxBytesPerUs));
  const live = st.v4v.rings[id];
  if (live && live.msgs.length > 0 && !live.rxScheduled) {
    live.rxScheduled = true;
    schedule(st, Math.max(done, st.t + 1), { type: 'v4v', work: { kind: 'rx', ring: id, dom: ring.owner, epoch: st.domains[ring.owner]!.epoch } });
  }
  notify(st, ring.owner, []);
}

/** A hostile guest writes bare SYNs as fast as it can; Xen's filter is the only check. */
function floodConnect(st: SimState, w: Extract<V4vWork, { kind: 'flood-connect' }>): void {
  if (st.t >= w.until) { emit(st, 'vsock', 'flood-end', w.dom, w.dst, { kind: 'connect', via: 'v4v' }); return; }
  st.stats.connectRequests++;
  sendv(st, {
    caller: w.dom, src: { dom: w.dom, port: 0 }, dst: { dom: w.dst, port: w.port }, payload: STREAM_HDR,
    meta: { op: 'SYN', from: -1, to: -1, off: 0, len: 0 },
  }, tablesAllow);
  schedule(st, Math.max(st.t + COST.floodConnectGap, cpuFreeAt(st, w.dom)), { type: 'v4v', work: { ...w } });
}

/** Dispatch of the one Action variant the v4v transport uses. Stale incarnations are ignored. */
export function v4vDispatch(st: SimState, w: V4vWork): void {
  const d = st.domains[w.dom];
  if (!d || d.epoch !== w.epoch || d.state !== 'running') return;
  switch (w.kind) {
    case 'tx': txRun(st, w.sock); return;
    case 'rx': rx(st, w.ring); return;
    case 'virq': virq(st, w.dom); return;
    case 'retry': retry(st, w.dom, w.ring); return;
    case 'flood-connect': floodConnect(st, w); return;
    default: assertNever(w, 'v4v work');
  }
}
