/**
 * The connection manager as a module: a broker for the vsock transport (VsockBroker)
 * that lives in the backend domain and talks to guests over their links.
 */
import { assertNever } from '../core/assert';
import { NO_HOOKS, type SimModule } from '../sim/module';
import type { SimState } from '../sim/types';
import type { Step } from '../scenario';
import type { VsockBroker } from './types';
import { cmAck, cmDispatch, cmEnqueue, cmFloodRequest, cmPeerGone, cmRequest, type CmWork } from './broker';
import { cmQueueInit } from './cm-queue';

declare module '../sim/module' {
  interface ModuleWorkMap { cm: CmWork }
}

function cmStep(_st: SimState, step: Step): void {
  switch (step.op) {
    case 'listen': case 'connect': case 'send': case 'close': case 'allow': case 'deny': case 'flood':
    case 'shutdown-ring': case 'migrate': case 'crash': case 'bypass': case 'add-domain': case 'remove-domain':
    case 'xenstore':
      // The CM reads the toolstack's policy when it handles a request; steps reach it as messages.
      return;
    default:
      assertNever(step, 'step');
  }
}

export const connectionManager: SimModule<'cm'> & VsockBroker = {
  ...NO_HOOKS,
  name: 'cm',
  role: 'broker',
  serves: 'connection-manager',
  brokered: false,
  init(st) { st.cm = cmQueueInit(); },
  domainGone(st, id, peerReason) { cmPeerGone(st, id, peerReason); },
  step: cmStep,
  dispatch: cmDispatch,
  request: cmRequest,
  ack: cmAck,
  fromLink: cmEnqueue,
  ringShed() {},
  floodRequest: cmFloodRequest,
};
