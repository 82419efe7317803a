/**
 * The connection manager: the toolstack's policy (last matching rule wins, default deny)
 * and its one-message-at-a-time queue.
 */
import { describe, it, expect } from 'vitest';
import { sim } from '../testing/testsim';

/** web (1) and db (2), db listening on 80 and 81; the links are up long before t=1000. */
const pair = () => sim().domain(1, 'web').domain(2, 'db').listen(2, 80).listen(2, 81).at(1000);

describe('policy', () => {
  it('default deny: refused with "denied", and the listener never hears of it', () => {
    pair().connect(1, 2, 80, 'q').run(100)
      .expectConn('q', 'refused', 'denied')
      .expectTrace('cm', 'policy', { from: 1, to: 2, port: 80, verdict: 'deny' }, 1)
      .expectTrace('cm', 'CONNECT_rsp', { dst: 1, status: 'denied' }, 1)
      .expectNoTrace('cm', 'CONNECT_ind')
      .expectNoTrace('vsock', 'connected')
      .expectNoTrace('hypercall', 'GNTTABOP_map_grant_ref', { src: 2, dom: 1 })
      .expectPeers(1, []).expectPeers(2, [])
      // the offered ring is taken back: only the link's two pages stay granted
      .expectGrantsInUse(1, 2).expectGrantsInUse(2, 2).expectEventChannels(1, 1);
  });

  it('a rule for one port does not open the others', () => {
    pair().allow(1, 2, 80).connect(1, 2, 80, 'ok').connect(1, 2, 81, 'other').run(100)
      .expectConn('ok', 'connected').expectConn('other', 'refused', 'denied');
  });

  it('rules are directional: allowing 1→2 does not let 2 reach 1', () => {
    sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(1, 80).listen(2, 80).at(1000)
      .connect(2, 1, 80, 'back').run(100).connect(1, 2, 80, 'fwd').run(100)
      .expectConn('back', 'refused', 'denied').expectConn('fwd', 'connected');
  });

  // Crossing connects: while the peer offers us a ring, a new connection waits for that
  // set-up; when the peer's request is refused, it offers a ring of its own.
  it('crossing connects: a request while the peer offers us a ring is still decided by the policy', () => {
    sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(1, 80).listen(2, 80).at(1000)
      .connect(2, 1, 80, 'back').connect(1, 2, 80, 'fwd').run(100)
      .expectConn('back', 'refused', 'denied').expectConn('fwd', 'connected')
      .expectTrace('cm', 'policy', { from: 1, to: 2, port: 80, verdict: 'allow' }, 1)
      .expectPeers(1, [2]).expectPeers(2, [1]).expectInvariants();
  });

  it('crossing connects both allowed: one ring pair, set up once, and both connect over it', () => {
    const s = sim().domain(1, 'web').domain(2, 'db').policyDefault('allow').listen(1, 80).listen(2, 80).at(1000)
      .connect(2, 1, 80, 'back').connect(1, 2, 80, 'fwd').run(100)
      .expectConn('back', 'connected').expectConn('fwd', 'connected')
      .expectTrace('ring', 'offer', undefined, 1).expectTrace('ring', 'connected', undefined, 1)
      .expectGrantsInUse(1, 2 + 65).expectGrantsInUse(2, 2 + 65);
    expect(s.events('cm', 'CONNECT_req').map((e) => [e.src, (e.detail['grefs'] as number[]).length])).toEqual([[2, 65], [1, 0]]);
  });

  it('with default allow, no rule is needed', () => {
    pair().policyDefault('allow').connect(1, 2, 80, 'q').run(100).expectConn('q', 'connected');
  });

  it('last matching rule wins: a later port deny overrides an any-port allow, a later allow overrides it back', () => {
    const s = pair().allow(1, 2)
      .denyNow(1, 2, 80).connect(1, 2, 80, 'denied').run(100).connect(1, 2, 81, 'other-port').run(100)
      .expectConn('denied', 'refused', 'denied').expectConn('other-port', 'connected')
      .allowNow(1, 2, 80).connect(1, 2, 80, 'again').run(100)
      .expectConn('again', 'connected');
    expect(s.events('cm', 'policy').map((e) => [e.detail['port'], e.detail['verdict']])).toEqual([
      [80, 'deny'], [81, 'allow'], [80, 'allow'],
    ]);
  });

  // A refusal that concerns the first request only (policy, listener) is not the waiting
  // connections' answer: each goes on with a request of its own.
  it('a connection waiting on a refused ring set-up gets its own policy verdict', () => {
    const s = pair().allow(1, 2).denyNow(1, 2, 80)
      .connect(1, 2, 80, 'denied').connect(1, 2, 81, 'waiter').run(100);
    expect(s.events('cm', 'policy').map((e) => e.detail['port'])).toEqual([80, 81]);
    s.expectConn('denied', 'refused', 'denied').expectConn('waiter', 'connected')
      .expectTrace('ring', 'offer', undefined, 2).expectPeers(1, [2]).expectGrantsInUse(1, 2 + 65);
  });

  it('an any-port deny after a port allow refuses that port too', () => {
    pair().allow(1, 2, 80).denyNow(1, 2).connect(1, 2, 80, 'q').run(100).expectConn('q', 'refused', 'denied');
  });

  it('a deny affects later requests only: the live connection keeps its ring and its bytes', () => {
    pair().allow(1, 2).connect(1, 2, 80, 'live').run(100)
      .denyNow(1, 2).connect(1, 2, 81, 'late').run(100).send('live', 4096).run(100)
      .expectConn('live', 'connected').expectBytes('live', 4096)
      .expectConn('late', 'refused', 'denied').expectPeers(1, [2]);
  });

  it('allowed but nothing listens: refused with "no-listener", the offered ring taken down', () => {
    pair().allow(1, 2).connect(1, 2, 9999, 'q').run(100)
      .expectConn('q', 'refused', 'no-listener')
      .expectTrace('cm', 'policy', { verdict: 'allow' }, 1)
      .expectPeers(1, []).expectGrantsInUse(1, 2).expectGrantsInUse(2, 2);
  });
});

describe('the manager handles one message at a time', () => {
  const four = () => sim().domain(1, 'a').domain(2, 'b').domain(3, 'c').domain(4, 'srv')
    .allow(1, 4, 80).allow(2, 4, 80).allow(3, 4, 80).listen(4, 80).at(1000);

  it('three requests at the same instant are handled in arrival order, 5 µs apart (pinned)', () => {
    const s = four().connect(3, 4, 80, 'c').connect(1, 4, 80, 'a').connect(2, 4, 80, 'b').settle();
    expect(s.events('cm', 'CONNECT_req').map((e) => [e.src, e.t])).toEqual([[3, 1000], [1, 1000], [2, 1000]]);
    // dom0's one vCPU first takes the three links' upcalls (2 µs each, until 1006), then
    // the manager's messages, 5 µs each.
    expect(s.events('cm', 'policy').map((e) => [e.detail['from'], e.t])).toEqual([[3, 1011], [1, 1016], [2, 1021]]);
    // The acks queue behind the requests; the answers go out in the same order.
    expect(s.events('cm', 'CONNECT_rsp').map((e) => [e.dst, e.t])).toEqual([[3, 1031], [1, 1036], [2, 1041]]);
    for (const n of ['a', 'b', 'c']) s.expectConn(n, 'connected');
    expect(['c', 'a', 'b'].map((n) => s.conn(n).setupUs)).toEqual([33, 38, 43]);
  });

  it('a request 1 µs apart on each link keeps the same order', () => {
    const s = four().connect(3, 4, 80, 'c').run(1).connect(1, 4, 80, 'a').run(1).connect(2, 4, 80, 'b').settle();
    expect(s.events('cm', 'policy').map((e) => e.detail['from'])).toEqual([3, 1, 2]);
  });

  it('a denied request in the queue is answered in its turn and does not reach the listener', () => {
    const s = four().denyNow(2, 4).connect(1, 4, 80, 'a').connect(2, 4, 80, 'b').connect(3, 4, 80, 'c').settle();
    expect(s.events('cm', 'policy').map((e) => [e.detail['from'], e.detail['verdict'], e.t]))
      .toEqual([[1, 'allow', 1011], [2, 'deny', 1016], [3, 'allow', 1021]]);
    s.expectConn('b', 'refused', 'denied').expectConn('a', 'connected').expectConn('c', 'connected')
      .expectNoTrace('cm', 'CONNECT_ind', { from: 2 })
      .expectTrace('cm', 'CONNECT_ind', { dst: 4 }, 2);
  });

  it('several requests from one guest: the first sets up the ring, the rest wait for it and reuse it', () => {
    const s = sim().domain(1, 'a').domain(4, 'srv').allow(1, 4).listen(4, 80).listen(4, 81).listen(4, 82)
      .at(1000).connect(1, 4, 82, 'z').connect(1, 4, 80, 'x').connect(1, 4, 81, 'y').settle();
    expect(s.events('cm', 'CONNECT_req').map((e) => [e.detail['port'], (e.detail['grefs'] as number[]).length, e.t]))
      .toEqual([[82, 65, 1000], [80, 0, 1018], [81, 0, 1018]]);
    expect(s.events('cm', 'policy').map((e) => e.detail['port'])).toEqual([82, 80, 81]);
    for (const n of ['x', 'y', 'z']) s.expectConn(n, 'connected');
    s.expectPeers(1, [4]).expectGrantsInUse(1, 2 + 65);
  });

  it('a connect flood delays a legitimate set-up but every hostile request is denied', () => {
    const s = four().floodConnect(3, 4, 80, 1000).denyNow(3, 4).floodConnect(3, 4, 80, 3000).run(500)
      .connect(1, 4, 80, 'legit').settle();
    s.expectConn('legit', 'connected').expectNoTrace('cm', 'CONNECT_ind', { from: 3 });
    const hostile = s.events('cm', 'policy', { from: 3 });
    expect(hostile.length).toBeGreaterThan(50);
    expect(new Set(hostile.map((e) => e.detail['verdict']))).toEqual(new Set(['deny']));
    expect(s.conn('legit').setupUs!).toBeGreaterThan(18);
  });
});
