/**
 * XenStore as the broker, as a module: a VsockBroker whose exchange is nodes,
 * permissions and watches (vsock/xsbroker.ts). The page loads it the first time a
 * document asks for `broker: "xenstore"`.
 */
import { assertNever } from '../core/assert';
import { NO_HOOKS, type SimModule } from '../sim/module';
import type { SimState } from '../sim/types';
import type { Step } from '../scenario';
import type { VsockBroker } from './types';
import {
  xsbrokerAddDomain, xsbrokerPair, xsbrokerRequest, xsbrokerOnWatch, xsbrokerAck, xsbrokerRingGone, xsbrokerFloodRequest,
  xsbrokerDomainGone,
} from './xsbroker';

declare module '../sim/module' {
  interface ModuleWorkMap { xsbroker: never }
}

function xsStep(st: SimState, step: Step): void {
  switch (step.op) {
    case 'allow':
    case 'deny':
      // The toolstack makes A -> B's node and permissions match the new policy.
      xsbrokerPair(st, step.from, step.to);
      return;
    case 'listen': case 'connect': case 'send': case 'close': case 'flood': case 'shutdown-ring':
    case 'migrate': case 'crash': case 'bypass': case 'add-domain': case 'remove-domain': case 'xenstore':
      return;
    default:
      assertNever(step, 'step');
  }
}

export const xenstoreBroker: SimModule<'xsbroker'> & VsockBroker = {
  ...NO_HOOKS,
  name: 'xsbroker',
  role: 'broker',
  serves: 'xenstore',
  brokered: false,
  domainUp: xsbrokerAddDomain,
  domainGone(st, id) { xsbrokerDomainGone(st, id); },
  step: xsStep,
  dispatch() {},
  watch(st, dom, path, token) { if (token.startsWith('vsockxs')) xsbrokerOnWatch(st, dom, path, token); },
  request: xsbrokerRequest,
  ack: xsbrokerAck,
  fromLink() {},
  ringShed: xsbrokerRingGone,
  floodRequest(st, dom, dst, _cid, port) { xsbrokerFloodRequest(st, dom, dst, port, st.stats.connectRequests++); },
};
