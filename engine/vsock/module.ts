/**
 * The vsock transport as a module (sim/module.ts): sockets over per-peer ring pairs,
 * set up through a broker (the connection manager or xenstore, a separate module).
 *
 * Layers, each importing only those below it:
 *   module.ts, steps.ts, upcall.ts, lifecycle.ts   what the simulation calls
 *   broker.ts (the CM), xsbroker.ts                 brokers: answer by calling the frontend
 *   frontend.ts                                     connect/listen; reaches its broker via VsockBroker
 *   bypass.ts, data.ts, peer.ts, link.ts            ring pairs, stream data, the front/back link
 *   socket/                                         the socket layer (shared with V4V)
 */
import { assertNever } from '../core/assert';
import { NO_HOOKS, type SimModule } from '../sim/module';
import type { SimState } from '../sim/types';
import type { SimView } from '../view';
import { xenbusStateName } from '../xenstore';
import type { VsockWork } from './types';
import { vsockStateInit } from './types';
import { vsockStep, floodConnectNext } from './steps';
import { upcall } from './upcall';
import { linkOnWatch } from './link';
import { onLinkSettled } from './frontend';
import { ringTx, ringRx } from './data';
import { vsockDomainUp, vsockOldIncarnation, vsockDomainDying, vsockDomainGone } from './lifecycle';

declare module '../sim/module' {
  interface ModuleWorkMap { vsock: VsockWork }
}

function current(st: SimState, dom: number, epoch: number): boolean {
  const d = st.domains[dom];
  return !!d && d.epoch === epoch && d.state === 'running';
}

function vsockDispatch(st: SimState, w: VsockWork): void {
  if (!current(st, w.dom, w.epoch)) return;
  switch (w.kind) {
    case 'tx': { const ring = st.peers.get(w.key); if (ring) ringTx(st, ring, w.dom); return; }
    case 'rx': { const ring = st.peers.get(w.key); if (ring) ringRx(st, ring, w.dom); return; }
    case 'flood-connect': floodConnectNext(st, w); return;
    default: assertNever(w, 'vsock work');
  }
}

function vsockView(st: SimState, v: SimView): void {
  for (const d of v.domains) {
    const link = st.links[d.id];
    d.link = link ? {
      front: xenbusStateName(link.frontState), back: xenbusStateName(link.backState),
      up: link.frontState === 4 && link.backState === 4,
    } : null;
  }
  for (const key of [...st.peers.keys()]) {
    const r = st.peers.get(key)!;
    const c = r.vchan;
    // vchan: a is the server (writes the right ring), b the client (writes the left ring).
    const ab = c ? { writer: r.a.dom, reader: r.b.dom, prod: c.right_prod, cons: c.right_cons, size: c.rightSize, used: (c.right_prod - c.right_cons) >>> 0 } : null;
    const ba = c ? { writer: r.b.dom, reader: r.a.dom, prod: c.left_prod, cons: c.left_cons, size: c.leftSize, used: (c.left_prod - c.left_cons) >>> 0 } : null;
    v.rings.push({
      key, kind: r.kind, a: r.a.dom, b: r.b.dom, state: r.state, portA: r.a.port, portB: r.b.port,
      grantsA: r.a.grefs.length, grantsB: r.b.grefs.length, sockets: r.socks.length, ab, ba,
    });
  }
}

export const vsockTransport: SimModule<'vsock'> = {
  ...NO_HOOKS,
  name: 'vsock',
  role: 'transport',
  serves: 'vsock',
  brokered: true,
  init(st) { Object.assign(st, vsockStateInit()); },
  domainUp: vsockDomainUp,
  oldIncarnation: vsockOldIncarnation,
  domainDying: vsockDomainDying,
  domainGone: vsockDomainGone,
  step: vsockStep,
  dispatch: vsockDispatch,
  upcall,
  watch(st, dom, path, token) {
    linkOnWatch(st, dom, path, token);
    // The frontend's link came up or failed: its waiting connections go or are refused.
    if (token === 'vsockfront') onLinkSettled(st, dom);
  },
  view: vsockView,
};
