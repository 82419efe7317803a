/**
 * Where the v4v transport meets the rest of the simulation: boot (the toolstack writes
 * the policy into v4vtables), domains coming up (listeners re-register their rings) and
 * going away (Xen's teardown: the domain's rings, rings others registered with it as
 * partner, its pending entries), and the scenario steps routed here on `transport: "v4v"`.
 */
import { assertNever } from '../core/assert';
import type { Step } from '../scenario';
import { emit, isUp, requireUp as up, resolveCid, schedule, stepError, connNotLive } from '../sim/sys';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import { connSock, isLive, isOpen, newSock, refuseSock, resetSock } from '../socket/sockets';
import { dropRing } from './hyper';
import { listenRingFor, listenRings, releaseSock, v4vClose, v4vConnect, v4vListen, v4vSend } from './stream';
import { tablesBoot, toolstackRule } from './tables';
import { kick } from './kick';
import { connectStep } from '../socket/cid';
import { doorbellUp } from './doorbell';

/** After the domains booted: the toolstack installs the policy. */
export function v4vBoot(st: SimState): void {
  tablesBoot(st);
}

/** A domain (re)started: its listeners register their rings again; under Argo others open a ring for it. */
export function v4vDomainUp(st: SimState, id: number): void {
  doorbellUp(st, id);
  for (const key in st.listeners) {
    const l = st.listeners[key]!;
    if (l.dom === id) listenRings(st, id, l.port);
    else if (st.doc.v4vMode === 'argo' && isUp(st, l.dom)) listenRingFor(st, l.dom, l.port, id);
  }
}

/** Xen's teardown of a dead (or migrated-away) domain, and its peers' streams. */
export function v4vDomainGone(st: SimState, id: number, peerReason: string): void {
  const v = st.v4v;
  let own = 0, partner = 0, pending = 0;
  for (const rid of Object.keys(v.rings)) {
    const r = v.rings[rid]!;
    if (r.owner === id) { dropRing(st, rid); own++; continue; }
    if (r.partner === id) { dropRing(st, rid); partner++; continue; }
    const before = r.pending.length;
    r.pending = r.pending.filter((p) => p.dom !== id);
    pending += before - r.pending.length;
  }
  delete v.virqPending[id];
  delete v.doorbell[id];
  for (const key of Object.keys(v.waits)) {
    const w = v.waits[key]!;
    if (w.dom !== id && v.rings[w.ring]) continue;
    for (const s of w.socks) { const vs = v.socks[s]; if (vs) vs.blocked = null; }
    delete v.waits[key];
  }
  emit(st, 'v4v', st.doc.v4vMode === 'argo' ? 'argo_destroy' : 'v4v_destroy', 'xen', id, { rings: own, partnerRings: partner, pendingEntries: pending });
  for (const sid of Object.keys(st.socks)) {
    const s = st.socks[Number(sid)]!;
    if (s.dom === id) { delete v.socks[s.id]; continue; }
    if (s.via === 'v4v' && s.peerDom === id && isLive(s)) { resetSock(st, s, peerReason); releaseSock(st, s); }
  }
}

function liveConn(st: SimState, op: Step['op'], name: string, side: 'client' | 'server'): Sock | undefined {
  const sock = connSock(st, name, side);
  if (sock && isOpen(sock)) return sock;
  connNotLive(st, op, name, sock, side);
  return undefined;
}

/** Steps on the v4v transport (the toolstack already applied its part: domains, the policy list). */
export function v4vStep(st: SimState, step: Step): void {
  switch (step.op) {
    case 'listen':
      if (up(st, 'listen', step.dom)) v4vListen(st, step.dom, step.port);
      return;
    case 'connect': {
      if (!up(st, 'connect', step.dom)) return;
      connectStep(st, step, 'v4v', (target) => v4vConnect(st, step.dom, target, step.port, step.as));
      return;
    }
    case 'send': { const s = liveConn(st, 'send', step.conn, step.side); if (s) v4vSend(st, s, step.bytes); return; }
    case 'close': { const s = liveConn(st, 'close', step.conn, step.side); if (s) v4vClose(st, s); return; }
    case 'allow':
    case 'deny': {
      const rule = { from: step.from, to: step.to, ...(step.port === undefined ? {} : { port: step.port }) };
      emit(st, 'toolstack', `policy-${step.op}`, 0, st.backend, { from: step.from, to: step.to, port: step.port ?? null, via: 'v4vtables' });
      toolstackRule(st, rule, step.op);
      return;
    }
    case 'flood': flood(st, step); return;
    case 'shutdown-ring':
      stepError(st, 'shutdown-ring', step.dom, 'shutdown-ring is a vsock step: on v4v there are no per-peer rings to shed; '
        + 'only the privileged toolstack can silence a peer, with a v4vtables rule');
      return;
    case 'bypass': {
      stepError(st, 'bypass', step.dom, 'bypass is a vsock step: v4v uses no grants or event channels between guests, '
        + 'so there is no channel to set up behind a broker\'s back; Xen checks every message');
      if (step.as) {
        const s = newSock(st, { dom: step.dom, port: 0, role: 'client', state: 'connecting', peerDom: step.peer, peerCid: step.peer, peerPort: step.port ?? 0, name: step.as, via: 'bypass' });
        refuseSock(st, s, 'unsupported-on-v4v');
        st.conns.set(step.as, s.id);
      }
      return;
    }
    case 'migrate':
    case 'crash':
    case 'add-domain':
    case 'remove-domain':
    case 'xenstore':
      return; // the toolstack's (sim/toolstack.ts); v4v hears of it through the lifecycle hooks
    default:
      assertNever(step, 'step');
  }
}

function flood(st: SimState, step: Extract<Step, { op: 'flood' }>): void {
  if (step.kind === 'connect') {
    const client = step.conn !== undefined ? connSock(st, step.conn, 'client') : undefined;
    const dom = client ? client.dom : step.dom;
    if (dom === undefined || !up(st, 'flood', dom)) return;
    const dst = client ? client.peerDom : resolveCid(st, dom, step.cid!);
    const port = client ? client.peerPort : step.port!;
    emit(st, 'vsock', 'flood-start', dom, dst, { kind: 'connect', cid: client ? client.peerCid : step.cid!, port, until: step.until, via: 'v4v' });
    const epoch = st.domains[dom]!.epoch;
    schedule(st, st.t, { type: 'v4v', work: { kind: 'flood-connect', dom, dst, port, until: step.until, epoch } });
    return;
  }
  let sock: Sock | undefined;
  if (step.conn !== undefined) sock = connSock(st, step.conn, step.side ?? 'client');
  else if (up(st, 'flood', step.dom!)) sock = v4vConnect(st, step.dom!, step.cid!, step.port!, null);
  else return;
  if (!sock || !isOpen(sock)) { connNotLive(st, 'flood', step.conn, sock); return; }
  sock.floodUntil = step.until;
  emit(st, 'vsock', 'flood-start', sock.dom, sock.peerDom, { kind: 'data', sock: sock.id, name: sock.name, until: step.until, via: 'v4v' });
  if (sock.state === 'connected') kick(st, sock.id);
  return;
}

