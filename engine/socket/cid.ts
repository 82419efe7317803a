/**
 * CIDs and migration (xen-model.md §7): a domain's CID is the domid it runs as, and a
 * migration gives it a new domid. A connect step names its destination by scenario id
 * and the application looks up that domain's current CID, so it reaches the domain
 * wherever it runs. With `staleCid` the application dials the CID the domain had at the
 * start of the run (its scenario id) instead: after a migration that domid belongs to
 * nobody and the connect is refused with `no-such-cid`.
 */
import { CID_BACKEND, CID_SELF } from '../core/limits';
import type { ConnectStep } from '../scenario';
import { emit } from '../sim/sys';
import type { SimState } from '../sim/types';
import { newSock, refuseSock } from './sockets';
import type { Sock, SockVia } from './types';

/** The domain (scenario id) now running as domid `cid`, or -1 when none does. */
function domainWithCid(st: SimState, cid: number): number {
  for (const k in st.domains) {
    const d = st.domains[k]!;
    if (d.xenDomid === cid && d.state !== 'removed') return d.id;
  }
  return -1;
}

/**
 * Where a connect step dials: the scenario id of the destination, or -1 when its stale
 * CID reaches no domain. Special CIDs (self, backend) never go stale.
 */
function connectTarget(st: SimState, step: ConnectStep): number {
  if (!step.staleCid || step.cid === CID_SELF || step.cid === CID_BACKEND) return step.cid;
  return domainWithCid(st, step.cid);
}

/** The application dialled a CID nobody has: its connect is refused at once. */
function refuseNoSuchCid(st: SimState, step: ConnectStep, via: SockVia): Sock {
  const sock = newSock(st, {
    dom: step.dom, port: 0, role: 'client', state: 'connecting', peerDom: step.cid, peerCid: step.cid,
    peerPort: step.port, name: step.as, via,
  });
  sock.cause = emit(st, 'vsock', 'connect', step.dom, step.cid, {
    sock: sock.id, name: step.as, cid: step.cid, port: step.port, srcPort: 0, staleCid: true, ...(via === 'v4v' ? { via } : {}),
  });
  refuseSock(st, sock, 'no-such-cid', sock.cause);
  return sock;
}

/**
 * A `connect` step on either transport: resolve where it dials (the destination's current
 * CID, or with `staleCid` the one it started with), refuse it with `no-such-cid` when that
 * reaches nobody, else hand the destination to the transport's `connect`. The client
 * socket is recorded under the step's name either way.
 */
export function connectStep(st: SimState, step: ConnectStep, via: SockVia, connect: (target: number) => Sock): Sock {
  const target = connectTarget(st, step);
  const sock = target < 0 ? refuseNoSuchCid(st, step, via) : connect(target);
  st.conns.set(step.as, sock.id);
  return sock;
}
