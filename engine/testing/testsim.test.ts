/** The TestSim harness itself: it builds the document it says, and its expectations can fail. */
import { describe, it, expect } from 'vitest';
import { sim } from './testsim';

const ok = () => sim().domain(1, 'web').domain(2, 'db').allow(1, 2, 5432)
  .listen(2, 5432).at(100).connect(1, 2, 5432, 'q').run(500);

describe('TestSim builds a scenario-v1 document', () => {
  it('implies the backend dom0, puts steps at the cursor and fills the defaults', () => {
    const doc = sim(7).domain(1, 'web').domain(2, 'db').allow(1, 2, 5432).xsm()
      .listen(2, 5432).at(100).connect(1, 2, 5432, 'q').run(400).send('q', 10).migrate(2, 50).doc();
    expect(doc.domains.map((d) => [d.id, d.role])).toEqual([[0, 'backend'], [1, 'guest'], [2, 'guest']]);
    expect(doc.steps.map((s) => [s.at, s.op])).toEqual([[0, 'listen'], [100, 'connect'], [500, 'send'], [500, 'migrate']]);
    expect([doc.seed, doc.xsm, doc.transport, doc.broker]).toEqual([7, true, 'vsock', 'connection-manager']);
    expect(doc.policy).toEqual({ default: 'deny', allow: [{ from: 1, to: 2, port: 5432 }] });
  });

  it('runs the alternatives too: xenstore as the broker, and V4V', () => {
    const xs = sim().broker('xenstore').domain(1, 'web').domain(2, 'db').allow(1, 2, 5432)
      .listen(2, 5432).at(1000).connect(1, 2, 5432, 'q').run(1000).send('q', 4096).run(100)
      .expectConn('q', 'connected').expectBytes('q', 4096).expectNoTrace('cm', 'CONNECT_req');
    expect(xs.report().stats['cmMessages']).toBe(0);
    expect(xs.events('xenstore').length).toBeGreaterThan(0);
    const v4v = sim().transport('v4v').domain(1, 'web').domain(2, 'db').allow(1, 2, 5432)
      .listen(2, 5432).at(1000).connect(1, 2, 5432, 'q').run(1000).send('q', 4096).run(1000)
      .expectConn('q', 'connected').expectBytes('q', 4096).expectNoTrace('cm', 'CONNECT_req');
    expect(v4v.conn('q').via).toBe('v4v');
    expect(v4v.report().stats['bytesCopiedByXen']).toBeGreaterThan(4096);
  });

  it('a typo fails at once with the parser\'s path: message', () => {
    expect(() => ok().send('qq', 10)).toThrow('TestSim: invalid scenario: steps[2].conn: unknown connection "qq"');
    expect(() => sim().domain(1, 'web').connect(1, 9, 80, 'x')).toThrow(/steps\[0\]\.cid/);
    expect(() => sim().domain(1, 'web').domain(1, 'again')).toThrow(/TestSim: invalid scenario: domains\[2\]/);
  });

  it('time only goes forward, and nothing follows settle()', () => {
    expect(() => ok().at(10)).toThrow('at(10) is before the cursor (t=600)');
    expect(() => ok().settle().send('q', 1)).toThrow(/settle\(\)/);
  });

  it('expectations see the run up to the cursor, and a later step does not change the past', () => {
    const s = sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(1000).connect(1, 2, 80, 'q');
    expect(s.run(5).conn('q').state).toBe('connecting');
    expect(s.run(100).conn('q').state).toBe('connected');
    const before = s.trace().length;
    s.send('q', 10).run(1);
    expect(s.trace().slice(0, before)).toEqual(sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(1000)
      .connect(1, 2, 80, 'q').run(100).trace());
  });
});

describe('TestSim expectations fail with a readable message', () => {
  it('expectConn names the connection, both states and the reason', () => {
    expect(() => ok().expectConn('q', 'refused', 'denied')).toThrow('TestSim at t=600: connection "q" is connected (null), expected refused (denied)');
    expect(() => ok().expectConn('nope', 'connected')).toThrow('no connection named "nope" (known: q)');
  });

  it('expectBytes, expectPeers, expectGrantsInUse, expectDomain, expectLink', () => {
    const s = ok().send('q', 100).run(100);
    expect(() => s.expectBytes('q', 99)).toThrow('connection "q": sent is 100, expected 99');
    expect(() => s.expectPeers(1, [3])).toThrow('domain 1 has peers [2], expected [3]');
    expect(() => s.expectGrantsInUse(1, 2)).toThrow('domain 1 has 67 grant entries in use, expected 2');
    expect(() => s.expectDomain(1, 'crashed')).toThrow('domain 1 is running, expected crashed');
    expect(() => s.expectLink(1, 'Closed')).toThrow("domain 1's link is Connected/Connected (front/back), expected Closed/Closed");
    s.expectBytes('q', 100).expectPeers(1, [2]).expectGrantsInUse(1, 67).expectDomain(1, 'running').expectLink(1, 'Connected');
  });

  it('expectTrace counts, filters on detail and on the event, and shows what it did find', () => {
    const s = ok();
    s.expectTrace('cm', 'policy', { verdict: 'allow', src: 0 }, 1);
    expect(() => s.expectTrace('cm', 'policy', { verdict: 'deny' })).toThrow(/expected some cm:policy \{"verdict":"deny"\} event\(s\), found 0[\s\S]*"verdict":"allow"/);
    expect(() => s.expectTrace('cm', 'CONNECT_req', undefined, 2)).toThrow('expected 2 cm:CONNECT_req event(s), found 1');
    expect(() => s.expectNoTrace('cm', 'CONNECT_ind')).toThrow(/expected no cm:CONNECT_ind event, found 1/);
    s.expectNoTrace('cm', 'CONNECT_ind', { from: 3 });
  });

  it('expectOrder says how far the order got and where the missing op is', () => {
    const s = ok().expectOrder('CONNECT_req', 'policy', 'CONNECT_ind', 'CONNECT_ack', 'CONNECT_rsp');
    expect(() => s.expectOrder('CONNECT_req', 'CONNECT_ack', 'policy'))
      .toThrow(/found CONNECT_req@\d+ → CONNECT_ack@\d+, then no policy after seq \d+ \(it happens only earlier, at seq \d+\)/);
    expect(() => s.expectOrder('cm:CONNECT_req', 'cm:DISCONNECT_ind')).toThrow(/then no cm:DISCONNECT_ind .*\(it never happens\)/);
  });

  it('settle() plays the run to its end', () => {
    const s = ok().send('q', 1 << 20);
    expect(s.conn('q').bytesReceived).toBeLessThan(1 << 20);
    expect(s.settle().conn('q').bytesReceived).toBe(1 << 20);
  });
});
