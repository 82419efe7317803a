/**
 * The V4V transport as a module (sim/module.ts): hypervisor-copied messages into rings
 * the receivers register, with streams layered on top. It needs no broker: Xen's
 * v4vtables filter is the policy. The page loads it the first time a document asks
 * for `transport: "v4v"`.
 *
 * Layers, each importing only those below it:
 *   module.ts, lifecycle.ts       what the simulation calls
 *   tx.ts                         send loops, the receiver draining, the doorbell
 *   stream.ts                     connections over messages (SYN, SYNACK, RW, SHUTDOWN, RST)
 *   kick.ts, hyper.ts, tables.ts  scheduling; Xen's hypercalls; the send filter
 *   ring.ts, types.ts             ring arithmetic; state
 *   socket/                       the socket layer (shared with vsock)
 */
import { NO_HOOKS, type SimModule } from '../sim/module';
import { resetSocketsOf } from '../socket/sockets';
import { v4vBoot, v4vDomainUp, v4vDomainGone, v4vStep } from './lifecycle';
import { v4vDispatch } from './tx';
import { v4vInit, type V4vWork } from './types';
import { v4vView } from './view';

declare module '../sim/module' {
  interface ModuleWorkMap { v4v: { work: V4vWork } }
}

export const v4vTransport: SimModule<'v4v'> = {
  ...NO_HOOKS,
  name: 'v4v',
  role: 'transport',
  serves: 'v4v',
  brokered: false,
  init(st) { st.v4v = v4vInit(); },
  boot: v4vBoot,
  domainUp: v4vDomainUp,
  domainDying(st, id, reason) { resetSocketsOf(st, id, reason); },
  domainGone: v4vDomainGone,
  step: v4vStep,
  dispatch(st, a) { v4vDispatch(st, a.work); },
  view: v4vView,
};
