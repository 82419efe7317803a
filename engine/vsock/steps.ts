/**
 * Scenario steps on the vsock transport: sockets, data, the per-peer rings, floods and
 * bypass channels. The toolstack already applied its part (domains, the policy list).
 */
import { assertNever } from '../core/assert';
import type { Step } from '../scenario';
import { COST } from '../sim/actions';
import { cpuFreeAt } from '../sim/cpu';
import { emit, stepError, schedule, resolveCid, requireUp, connNotLive } from '../sim/sys';
import type { SimState } from '../sim/types';
import { isOpen, connSock } from '../socket/sockets';
import type { Sock } from '../socket/types';
import { vsockListen, vsockConnect, vsockSend, vsockClose, brokerOf } from './frontend';
import { kickTx } from './data';
import { shutdownRing, peerKey } from './peer';
import { bypassConnect } from './bypass';
import { connectStep } from '../socket/cid';

export function vsockStep(st: SimState, step: Step): void {
  switch (step.op) {
    case 'listen':
      if (requireUp(st, 'listen', step.dom)) vsockListen(st, step.dom, step.port);
      return;
    case 'connect': {
      if (!requireUp(st, 'connect', step.dom)) return;
      connectStep(st, step, 'broker', (target) => vsockConnect(st, step.dom, target, step.port, step.as));
      return;
    }
    case 'send': {
      const sock = connSock(st, step.conn, step.side);
      if (!sock || !isOpen(sock)) {
        connNotLive(st, 'send', step.conn, sock, step.side);
        return;
      }
      vsockSend(st, sock, step.bytes);
      return;
    }
    case 'close': {
      const sock = connSock(st, step.conn, step.side);
      if (!sock || !isOpen(sock)) {
        connNotLive(st, 'close', step.conn, sock, step.side);
        return;
      }
      vsockClose(st, sock);
      return;
    }
    case 'allow':
    case 'deny':
      emit(st, 'toolstack', `policy-${step.op}`, 0, st.backend, { from: step.from, to: step.to, port: step.port ?? null });
      return;
    case 'flood':
      return flood(st, step);
    case 'shutdown-ring': {
      if (!requireUp(st, 'shutdown-ring', step.dom)) return;
      const ring = st.peers.get(peerKey(step.dom, step.peer));
      if (!ring) { stepError(st, 'shutdown-ring', step.dom, `domain ${step.dom} has no ring with domain ${step.peer}`); return; }
      brokerOf(st).ringShed(st, step.dom, step.peer, ring.a.dom);
      shutdownRing(st, ring, step.dom, 'ring-shutdown');
      return;
    }
    case 'bypass': {
      if (!requireUp(st, 'bypass', step.dom) || !requireUp(st, 'bypass', step.peer)) return;
      const sock = bypassConnect(st, step.dom, step.peer, step.port ?? 0, step.as ?? null);
      if (step.as) st.conns.set(step.as, sock.id);
      return;
    }
    case 'migrate':
    case 'crash':
    case 'add-domain':
    case 'remove-domain':
    case 'xenstore':
      return; // the toolstack's (sim/toolstack.ts); vsock hears of it through the lifecycle hooks
    default:
      assertNever(step, 'step');
  }
}

function flood(st: SimState, step: Extract<Step, { op: 'flood' }>): void {
  if (step.kind === 'connect') {
    const client = step.conn !== undefined ? connSock(st, step.conn, 'client') : undefined;
    const dom = step.conn !== undefined ? client?.dom : step.dom;
    const cid = client ? client.peerCid : step.cid!;
    const port = client ? client.peerPort : step.port!;
    if (dom === undefined || !requireUp(st, 'flood', dom)) return;
    emit(st, 'vsock', 'flood-start', dom, resolveCid(st, dom, cid), { kind: 'connect', cid, port, until: step.until });
    schedule(st, st.t, { type: 'vsock', kind: 'flood-connect', dom, cid, port, until: step.until, epoch: st.domains[dom]!.epoch });
    return;
  }
  let sock: Sock | undefined;
  if (step.conn !== undefined) sock = connSock(st, step.conn, step.side ?? 'client');
  else {
    if (!requireUp(st, 'flood', step.dom!)) return;
    sock = vsockConnect(st, step.dom!, step.cid!, step.port!, null);
  }
  if (!sock || !isOpen(sock)) { connNotLive(st, 'flood', step.conn, sock); return; }
  sock.floodUntil = step.until;
  emit(st, 'vsock', 'flood-start', sock.dom, sock.peerDom, { kind: 'data', sock: sock.id, name: sock.name, until: step.until });
  if (sock.state === 'connected') kickTx(st, sock);
}

/**
 * One more request of a connect flood. A hostile guest controls its own kernel, so it
 * does not go through its vsock frontend (which would offer a ring and wait): it hands
 * bare requests to the broker as fast as it takes them (brokerOf(st).floodRequest).
 * The broker must still check each one.
 */
export function floodConnectNext(
  st: SimState, a: { dom: number; cid: number; port: number; until: number },
): void {
  const dst = resolveCid(st, a.dom, a.cid);
  if (st.t >= a.until) { emit(st, 'vsock', 'flood-end', a.dom, dst, { kind: 'connect' }); return; }
  brokerOf(st).floodRequest(st, a.dom, dst, a.cid, a.port);
  schedule(st, Math.max(st.t + COST.floodConnectGap, cpuFreeAt(st, a.dom)), { type: 'vsock', kind: 'flood-connect', dom: a.dom, cid: a.cid, port: a.port, until: a.until, epoch: st.domains[a.dom]!.epoch });
}
