/**
 * Per-peer ring pairs: set up by the first connection between two guests, shared by the
 * later ones, taken down by shutdown-ring; and co-operating guests that bypass the broker.
 */
import { describe, it, expect } from 'vitest';
import { sim } from '../testing/testsim';

const LINK = 2; // the link's two ring pages
const RING = 65; // 64 ring pages + 1 header page per side

/** web (1) and db (2), db listening on 80 and 81, everything allowed from 1 to 2. */
const pair = () => sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).listen(2, 81).at(1000);

describe('ring set-up', () => {
  it('the first connection grants a ring on each side and binds one event channel per side', () => {
    const s = pair().connect(1, 2, 80, 'first').run(100).expectConn('first', 'connected');
    expect(s.events('cm', 'CONNECT_req').map((e) => (e.detail['grefs'] as number[]).length)).toEqual([RING]);
    s.expectTrace('gnttab', 'grant_foreign_access', { src: 1, dst: 2 }, RING)
      .expectTrace('gnttab', 'grant_foreign_access', { src: 2, dst: 1 }, RING)
      .expectTrace('hypercall', 'GNTTABOP_map_grant_ref', { src: 2, dom: 1, statusName: 'GNTST_okay' }, RING)
      .expectTrace('hypercall', 'GNTTABOP_map_grant_ref', { src: 1, dom: 2, statusName: 'GNTST_okay' }, RING)
      .expectTrace('ring', 'connected', { ring: '1:2', grantsEachSide: RING, bytesEachWay: 262144 }, 1)
      .expectGrantsInUse(1, LINK + RING).expectGrantsInUse(2, LINK + RING)
      .expectEventChannels(1, 2).expectEventChannels(2, 2)
      .expectPeers(1, [2]).expectPeers(2, [1]).expectInvariants();
  });

  it('a second connection to the same peer reuses the pair: no grants in its CONNECT_req, none granted', () => {
    const s = pair().connect(1, 2, 80, 'first').run(100).connect(1, 2, 81, 'second').run(100)
      .expectConn('first', 'connected').expectConn('second', 'connected');
    const reqs = s.events('cm', 'CONNECT_req');
    expect(reqs.map((e) => [e.detail['port'], (e.detail['grefs'] as number[]).length, e.detail['evtchn']])).toEqual([[80, RING, 2], [81, 0, -1]]);
    expect(s.events('cm', 'CONNECT_ack').map((e) => (e.detail['grefs'] as number[]).length)).toEqual([RING, 0]);
    s.expectTrace('ring', 'connected', undefined, 1).expectTrace('ring', 'offer', undefined, 1)
      .expectNoTrace('gnttab', 'grant_foreign_access', (e) => e.t >= 1100)
      .expectGrantsInUse(1, LINK + RING).expectEventChannels(1, 2);
    // Both streams share one ring and each arrives whole.
    s.send('first', 20000).send('second', 3000).run(100).expectBytes('first', 20000).expectBytes('second', 3000);
    expect(s.view().rings.map((r) => [r.key, r.sockets])).toEqual([['1:2', 4]]);
  });

  it('a ring pair serves both directions: the listener side connecting back reuses it too', () => {
    const s = pair().listen(1, 90).allowNow(2, 1, 90).connect(1, 2, 80, 'out').run(100).connect(2, 1, 90, 'back').run(100)
      .expectConn('out', 'connected').expectConn('back', 'connected');
    expect((s.events('cm', 'CONNECT_req', { src: 2 })[0]!.detail['grefs'] as number[]).length).toBe(0);
    s.expectGrantsInUse(2, LINK + RING);
  });

  it('a peer each: grant use grows by one ring per peer', () => {
    sim().domain(1, 'hub').domain(2, 'x').domain(3, 'y').domain(4, 'z').policyDefault('allow')
      .listen(2, 80).listen(3, 80).listen(4, 80).at(1000)
      .connect(1, 2, 80, 'a').connect(1, 3, 80, 'b').connect(1, 4, 80, 'c').run(200)
      .expectPeers(1, [2, 3, 4]).expectGrantsInUse(1, LINK + 3 * RING).expectEventChannels(1, 4)
      .expectGrantsInUse(3, LINK + RING);
  });

  it('a grant table too small for another ring refuses with grant-exhausted and leaves the rest alone', () => {
    // 200 entries - 8 reserved = 192: the link (2) and two rings (130) fit, a third (65) does not.
    sim().limits({ grantEntries: 200 }).domain(1, 'hub').domain(2, 'x').domain(3, 'y').domain(4, 'z').policyDefault('allow')
      .listen(2, 80).listen(3, 80).listen(4, 80).at(1000)
      .connect(1, 2, 80, 'a').run(100).connect(1, 3, 80, 'b').run(100).connect(1, 4, 80, 'c').run(100)
      .expectConn('a', 'connected').expectConn('b', 'connected').expectConn('c', 'refused', 'grant-exhausted')
      .expectPeers(1, [2, 3]).expectGrantsInUse(1, LINK + 2 * RING).expectNoTrace('cm', 'CONNECT_req', { cid: 4 });
  });
});

describe('ring teardown', () => {
  it('close ends the stream on both ends but keeps the ring pair for later connections', () => {
    const s = pair().connect(1, 2, 80, 'q').run(100).send('q', 1000).run(100).close('q').run(100)
      .expectConn('q', 'closed').expectBytes('q', 1000)
      .expectPeers(1, [2]).expectGrantsInUse(1, LINK + RING).expectNoTrace('ring', 'closed');
    s.connect(1, 2, 81, 'next').run(100).expectConn('next', 'connected');
    expect((s.events('cm', 'CONNECT_req')[1]!.detail['grefs'] as number[]).length).toBe(0);
  });

  it('shutdown-ring resets every connection on it with ring-shutdown, on both ends', () => {
    const s = pair().connect(1, 2, 80, 'a').connect(1, 2, 81, 'b').run(100).shutdownRing(2, 1).run(10)
      .expectConn('a', 'reset', 'ring-shutdown').expectConn('b', 'reset', 'ring-shutdown')
      .expectTrace('ring', 'shutdown', { src: 2, dst: 1, reason: 'ring-shutdown' }, 1)
      .expectTrace('ring', 'closed', { reason: 'ring-shutdown' }, 1)
      .expectTrace('vsock', 'reset', { reason: 'ring-shutdown' }, 4)
      .expectPeers(1, []).expectPeers(2, []);
    s.expectOrder({ op: 'shutdown', src: 2 }, { op: 'peer-closed', src: 1 }, { op: 'closed', kind: 'ring' });
  });

  it('after shutdown-ring the other side frees at once; the side that shut down waits for the deferred-free tick', () => {
    const s = pair().connect(1, 2, 80, 'a').run(100).shutdownRing(2, 1).run(10)
      .expectGrantsInUse(1, LINK).expectEventChannels(1, 1).expectEventChannels(2, 1)
      // db's pages were still mapped by web when it ended access: they wait for the 1 s tick
      .expectGrantsInUse(2, LINK + RING)
      .expectTrace('gnttab', 'end_foreign_access_deferred', { src: 2 }, RING)
      .expectTrace('gnttab', 'end_foreign_access', { src: 1, result: 'freed' }, RING);
    // The tick frees ten entries a second.
    s.run(1_000_000).expectGrantsInUse(2, LINK + RING - 10);
    s.settle().expectGrantsInUse(2, LINK).expectTrace('gnttab', 'deferred_free', { src: 2 }, RING).expectInvariants();
  });

  it('a new connection after shutdown-ring sets up a fresh ring pair', () => {
    const s = pair().connect(1, 2, 80, 'a').run(100).shutdownRing(2, 1).run(100).connect(1, 2, 80, 'again').run(100)
      .expectConn('again', 'connected').expectPeers(1, [2]);
    expect(s.events('cm', 'CONNECT_req').map((e) => (e.detail['grefs'] as number[]).length)).toEqual([RING, RING]);
    s.expectTrace('ring', 'connected', undefined, 2);
  });

  it('shutdown-ring with one peer leaves the rings with other peers alone', () => {
    sim().domain(1, 'a').domain(2, 'srv').domain(3, 'b').policyDefault('allow').listen(2, 80).at(1000)
      .connect(1, 2, 80, 'x').connect(3, 2, 80, 'y').run(100).shutdownRing(2, 1).run(100).send('y', 4096).run(100)
      .expectConn('x', 'reset', 'ring-shutdown').expectConn('y', 'connected').expectBytes('y', 4096)
      .expectPeers(2, [3]);
  });
});

describe('ring teardown during set-up', () => {
  it('the initiator shutting down a ring it is still offering refuses the connection at once', () => {
    pair().connect(1, 2, 80, 'a').run(3).shutdownRing(1, 2).run(100)
      .expectConn('a', 'refused', 'ring-shutdown').expectGrantsInUse(1, LINK).expectPeers(1, []);
  });

  // The listener shuts the ring down between CONNECT_ind and CONNECT_ack: the initiator
  // takes its offered half back too (grants, port, peer entry).
  it('the listener shutting down a ring mid-set-up leaves nothing behind, and a later connect works', () => {
    pair().connect(1, 2, 80, 'q').run(8).shutdownRing(2, 1).run(100)
      .expectConn('q', 'refused', 'ring-shutdown')
      .expectGrantsInUse(1, LINK).expectEventChannels(1, 1).expectPeers(1, [])
      .connect(1, 2, 80, 'later').run(100).expectConn('later', 'connected').expectInvariants();
  });

  // Connections waiting for the set-up are refused with the ring, not left to time out.
  it('a connection waiting on a ring that is shut down mid-set-up is refused with ring-shutdown', () => {
    pair().connect(1, 2, 80, 'a').connect(1, 2, 81, 'b').run(5).shutdownRing(1, 2).run(100)
      .expectConn('a', 'refused', 'ring-shutdown').expectConn('b', 'refused', 'ring-shutdown')
      .expectNoTrace('vsock', 'reset').expectGrantsInUse(1, LINK).expectPeers(1, []).expectInvariants();
  });
});

describe('bypass: co-operating guests without the broker', () => {
  it('without XSM the hypervisor maps and binds for them; the broker never sees it', () => {
    sim().domain(1, 'a').domain(2, 'b').at(1000).bypass(1, 2, 7, 'd').run(100).send('d', 10000).run(100)
      .expectConn('d', 'connected').expectBytes('d', 10000)
      .expectTrace('vsock', 'out-of-band', { src: 1, dst: 2 }, 1)
      .expectTrace('hypercall', 'GNTTABOP_map_grant_ref', { src: 2, dom: 1, statusName: 'GNTST_okay' }, RING)
      .expectNoTrace('cm', 'CONNECT_req').expectNoTrace('cm', 'policy')
      .expectGrantsInUse(1, LINK + RING);
  });

  it('with XSM a denied pair gets GNTST_permission_denied and -EPERM, and nothing is left granted', () => {
    const s = sim().xsm().domain(1, 'a').domain(2, 'b').at(1000).bypass(1, 2, 7, 'd').run(100)
      .expectConn('d', 'refused', 'xsm-denied')
      .expectTrace('hypercall', 'GNTTABOP_map_grant_ref', { src: 2, statusName: 'GNTST_permission_denied' }, 1)
      .expectTrace('hypercall', 'EVTCHNOP_bind_interdomain', { src: 2, rcName: '-EPERM' }, 1)
      .expectNoTrace('hypercall', 'GNTTABOP_map_grant_ref', { statusName: 'GNTST_okay', dom: 1, src: 2 })
      .expectGrantsInUse(1, LINK).expectGrantsInUse(2, LINK).expectEventChannels(1, 1);
    // A send on it is an error event, not a crash.
    s.send('d', 100).run(10).expectTrace('error', 'send', undefined, 1);
  });

  it('a table with no room refuses the bypass, and the refusal names whose table it was', () => {
    const refusal = (s: ReturnType<typeof sim>) => s.events('vsock', 'refused').map((e) => [e.detail['reason'], e.detail['tableOf']]);
    // the client's own table: 40 usable entries, no room for its half of the ring (65)
    const own = sim().limits({ grantEntries: 48 }).domain(1, 'a').domain(2, 'b').at(1000).bypass(1, 2, 7, 'd').run(100)
      .expectConn('d', 'refused', 'grant-exhausted');
    expect(refusal(own)).toEqual([['grant-exhausted', 1]]);
    expect(own.view().sockets.find((x) => x.name === 'd')!.tableOf).toBe(1);
    // the peer's: c's ring took b's room first (92 usable entries, 2 + 65 used), a's half fits in a's table
    const peer = sim().limits({ grantEntries: 100 }).domain(1, 'a').domain(2, 'b').domain(3, 'c').at(1000)
      .bypass(3, 2, 7, 'first').run(100).bypass(1, 2, 8, 'd').run(100)
      .expectConn('first', 'connected').expectConn('d', 'refused', 'grant-exhausted');
    expect(refusal(peer)).toEqual([['grant-exhausted', 2]]);
    // the client's own event channels (port 0 is reserved, the link has the other)
    const ports = sim().limits({ eventChannels: 2 }).domain(1, 'a').domain(2, 'b').at(1000).bypass(1, 2, 7, 'd').run(100)
      .expectConn('d', 'refused', 'evtchn-exhausted');
    expect(refusal(ports)).toEqual([['evtchn-exhausted', 1]]);
    // refused by Xen (XSM), no table: none named
    const xsm = sim().xsm().domain(1, 'a').domain(2, 'b').at(1000).bypass(1, 2, 7, 'd').run(100);
    expect(refusal(xsm)).toEqual([['xsm-denied', undefined]]);
    expect(xsm.view().sockets.find((x) => x.name === 'd')!.tableOf).toBeNull();
  });

  it('with XSM an allowed pair may still set up its own channel', () => {
    sim().xsm().domain(1, 'a').domain(2, 'b').allow(1, 2).at(1000).bypass(1, 2, 7, 'd').run(100).send('d', 4096).run(100)
      .expectConn('d', 'connected').expectBytes('d', 4096)
      .expectNoTrace('hypercall', 'GNTTABOP_map_grant_ref', { statusName: 'GNTST_permission_denied' });
  });
});
