/**
 * Co-operating guests need no broker: one grants its pages and offers an unbound
 * event channel, tells the other the numbers through any shared namespace, and the
 * other maps and binds. The connection manager never sees it. Only XSM, enforcing
 * the policy in the hypervisor at grant mapping and interdomain binding, stops it.
 */
import { ctxOf, emit } from '../sim/sys';
import { bindInterdomain, evtchnClose } from '../evtchn';
import type { SimState } from '../sim/types';
import type { Sock } from '../socket/types';
import { offerRing, acceptRing, completeRing, releaseSide, peerKey } from './peer';
import { newSock, connectedSock, refuseSock, ephemeralPort } from '../socket/sockets';

/** A refusal for want of room in `dom`'s grant table or event channels names `dom`; any other, nobody. */
const tableOf = (reason: string, dom: number) => (reason === 'grant-exhausted' || reason === 'evtchn-exhausted' ? dom : -1);

export function bypassConnect(st: SimState, dom: number, peer: number, port: number, name: string | null): Sock {
  const sock = newSock(st, { dom, port: 0, role: 'client', state: 'connecting', peerDom: peer, peerCid: peer, peerPort: port, name, via: 'bypass' });
  sock.port = ephemeralPort(st, dom, sock.id);
  sock.cause = emit(st, 'vsock', 'bypass', dom, peer, { sock: sock.id, name, peer, port, note: 'set up without the broker' });
  const key = peerKey(dom, peer, 'bypass');
  let ring = st.peers.get(key);
  if (!ring) {
    const offered = offerRing(st, dom, peer, 'bypass');
    // the client's own table had no room for its half of the ring (or its port)
    if (typeof offered === 'string') { refuseSock(st, sock, offered, sock.cause, tableOf(offered, dom)); return sock; }
    emit(st, 'vsock', 'out-of-band', dom, peer, { grefs: offered.a.grefs, evtchn: offered.a.port, via: 'shared namespace' }, sock.cause);
    const failed = acceptRing(st, offered, offered.a.grefs, offered.a.port);
    if (failed === 'xsm-denied') {
      // The peer also tries the event channel: XSM refuses the interdomain bind too.
      const port = bindInterdomain(ctxOf(st), st.evtchn, peer, dom, offered.a.port);
      if (port >= 0) evtchnClose(ctxOf(st), st.evtchn, peer, port);
    }
    if (failed) {
      releaseSide(st, offered, dom, failed, true);
      // the peer's table had no room for its half (or its port)
      refuseSock(st, sock, failed, sock.cause, tableOf(failed, peer));
      return sock;
    }
    const failed2 = completeRing(st, offered, offered.b.grefs);
    if (failed2) {
      releaseSide(st, offered, peer, failed2, true);
      if (st.peers.get(key)) releaseSide(st, offered, dom, failed2, true);
      refuseSock(st, sock, failed2, sock.cause);
      return sock;
    }
    ring = offered;
  }
  const srv = newSock(st, {
    dom: peer, port, role: 'server', state: 'connecting', peerDom: dom, peerCid: dom, peerPort: sock.port,
    peerSock: sock.id, ring: key, via: 'bypass',
  });
  sock.peerSock = srv.id;
  sock.ring = key;
  ring.socks.push(sock.id, srv.id);
  connectedSock(st, srv, sock.cause);
  connectedSock(st, sock, sock.cause);
  return sock;
}
