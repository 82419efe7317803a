/**
 * Domain lifecycle through the toolstack: migration (every connection reset, reconnect
 * after the downtime), crash (peers reset, grants and ports reclaimed), add and remove.
 */
import { describe, it, expect } from 'vitest';
import { sim } from '../testing/testsim';

const LINK = 2;
const RING = 65;

/** web (1) talks to db (2) and kv (3); everything allowed; both connected by t=1100. */
const three = () => sim().domain(1, 'web').domain(2, 'db').domain(3, 'kv').policyDefault('allow')
  .listen(2, 80).listen(3, 81).at(1000).connect(1, 2, 80, 'sql').connect(1, 3, 81, 'kv').run(100)
  .send('sql', 5000).run(100);

describe('migrate', () => {
  it('every connection of the migrating domain resets with "migrated", on both ends', () => {
    const s = three().migrate(1, 10_000).run(10)
      .expectConn('sql', 'reset', 'migrated').expectConn('kv', 'reset', 'migrated')
      .expectBytes('sql', 5000)
      .expectTrace('vsock', 'reset', { reason: 'migrated' }, 4)
      .expectTrace('cm', 'DISCONNECT_ind', { dead: 1, reason: 'migrated' }, 2)
      .expectTrace('ring', 'closed', { reason: 'migrated' }, 2)
      .expectDomain(1, 'migrating');
    expect(s.events('cm', 'DISCONNECT_ind').map((e) => e.dst)).toEqual([2, 3]);
  });

  it('the peers let go of its pages and ports; the old domid is destroyed, the new one differs', () => {
    const s = three().migrate(1, 10_000).run(10)
      .expectPeers(2, []).expectPeers(3, []).expectGrantsInUse(2, LINK).expectEventChannels(2, 1)
      .expectTrace('toolstack', 'domain-destroy', { id: 1, xenDomid: 1, reason: 'migrated', foreignMappings: 2 * RING }, 1);
    const mig = s.events('toolstack', 'migrate')[0]!;
    expect(mig.detail['fromDomid']).toBe(1);
    expect(mig.detail['toDomid']).not.toBe(1);
    expect(s.dom(1).xenDomid).toBe(mig.detail['toDomid']);
    // While away the domain has no link.
    expect(s.view().domains.find((d) => d.id === 1)!.link).toBeNull();
  });

  it('a step of the migrating domain during the downtime is an error event, and the run goes on', () => {
    const s = three().migrate(1, 10_000).run(10).connect(1, 2, 80, 'during').send('sql', 100).run(10)
      .expectTrace('error', 'connect', { message: 'domain 1 is migrating' }, 1)
      .expectTrace('error', 'send', undefined, 1);
    expect(s.report().connections.map((c) => c.name)).toEqual(['sql', 'kv']);
  });

  it('after the downtime the frontend reconnects through xenbus and the app connects again', () => {
    const s = three().migrate(1, 10_000).run(9_999);
    expect(s.view().domains.find((d) => d.id === 1)!.link).toBeNull();
    s.run(1).expectLink(1, 'Initialising').run(1000).expectDomain(1, 'running').expectLink(1, 'Connected')
      .expectTrace('toolstack', 'resume', { id: 1, xenDomid: s.dom(1).xenDomid }, 1)
      .expectGrantsInUse(1, LINK).expectPeers(1, []);
    s.connect(1, 2, 80, 'again').run(100).send('again', 3000).run(100)
      .expectConn('again', 'connected').expectBytes('again', 3000)
      .expectPeers(1, [2]).expectPeers(2, [1]).expectGrantsInUse(1, LINK + RING).expectInvariants();
    // A fresh ring pair: the new request carries grants again.
    expect(s.events('cm', 'CONNECT_req', { port: 80 }).map((e) => (e.detail['grefs'] as number[]).length)).toEqual([RING, RING]);
  });

  it('the default downtime is 100 ms', () => {
    three().migrate(1).run(99_999).expectDomain(1, 'migrating').run(1).expectDomain(1, 'running');
  });
});

describe('crash', () => {
  const crashed = () => sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(1000)
    .connect(1, 2, 80, 'q').run(100).send('q', 5000).run(100).crash(2);

  it('the survivor sees peer-crashed and unmaps the dead domain\'s pages', () => {
    const s = crashed().run(10)
      .expectConn('q', 'reset', 'peer-crashed').expectBytes('q', 5000)
      .expectDomain(2, 'crashed')
      .expectTrace('cm', 'DISCONNECT_ind', { dst: 1, dead: 2, reason: 'peer-crashed' }, 1)
      .expectTrace('ring', 'closed', { reason: 'peer-crashed' }, 1)
      .expectTrace('toolstack', 'domain-destroy', { id: 2, reason: 'peer-crashed', foreignMappings: RING }, 1);
    s.expectOrder('toolstack:crash', 'toolstack:domain-destroy', 'cm:DISCONNECT_ind', { kind: 'vsock', op: 'reset', src: 1 });
  });

  it('its grants and ports are reclaimed: the survivor keeps only its link, the backend its other links', () => {
    crashed().run(10)
      .expectGrantsInUse(1, LINK).expectEventChannels(1, 1).expectPeers(1, [])
      .expectGrantsInUse(2, 0).expectEventChannels(2, 0)
      .expectEventChannels(0, 1).expectGrantsInUse(0, 0)
      .settle().expectInvariants();
  });

  // The listener dies between CONNECT_ind and CONNECT_ack: the DISCONNECT_ind that closes
  // the initiator's half also resets the connections waiting on it, with the reason.
  it('a listener crashing mid-set-up resets the connecting client with peer-crashed at once', () => {
    sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(1000)
      .connect(1, 2, 80, 'q').run(8).crash(2).run(100)
      .expectConn('q', 'reset', 'peer-crashed')
      .expectNoTrace('vsock', 'reset', { reason: 'timeout' })
      .expectGrantsInUse(1, LINK).expectEventChannels(1, 1).expectPeers(1, []);
  });

  it('the same for migration and remove-domain mid-set-up: migrated, peer-removed, and the waiting connections too', () => {
    const mid = () => sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).listen(2, 81).at(1000)
      .connect(1, 2, 80, 'q').connect(1, 2, 81, 'w').run(8);
    mid().migrate(2).run(100).expectConn('q', 'reset', 'migrated').expectConn('w', 'reset', 'migrated')
      .expectGrantsInUse(1, LINK).expectPeers(1, []);
    mid().removeDomain(2).run(100).expectConn('q', 'reset', 'peer-removed').expectConn('w', 'reset', 'peer-removed')
      .expectGrantsInUse(1, LINK).expectPeers(1, []);
  });

  it('a connect to the crashed domain is refused, and the survivor can still reach others', () => {
    sim().domain(1, 'web').domain(2, 'db').domain(3, 'kv').policyDefault('allow').listen(2, 80).listen(3, 80).at(1000)
      .crash(2).run(100).connect(1, 2, 80, 'dead').connect(1, 3, 80, 'alive').run(100)
      .expectConn('dead', 'refused', 'unreachable').expectConn('alive', 'connected');
  });

  it('a crash of the client side resets the server end too', () => {
    const s = sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(1000)
      .connect(1, 2, 80, 'q').run(100).crash(1).run(10)
      .expectConn('q', 'reset', 'peer-crashed').expectGrantsInUse(2, LINK).expectPeers(2, []);
    expect(s.view().sockets.filter((k) => k.dom === 2 && k.role !== 'listener').map((k) => [k.state, k.reason]))
      .toEqual([['reset', 'peer-crashed']]);
  });
});

describe('add and remove domains', () => {
  it('an added domain gets a link and can be connected to; removing it resets with peer-removed', () => {
    sim().domain(1, 'web').policyDefault('allow').at(1000).addDomain(5, 'new').run(1000)
      .expectLink(5, 'Connected').expectGrantsInUse(5, LINK)
      .listen(5, 80).connect(1, 5, 80, 'n').run(100).expectConn('n', 'connected')
      .removeDomain(5).run(10)
      .expectConn('n', 'reset', 'peer-removed').expectDomain(5, 'removed')
      .expectGrantsInUse(1, LINK).expectPeers(1, []);
  });

  it('a step naming a domain added later is fine; one naming an undeclared domain fails before the run', () => {
    expect(() => sim().domain(1, 'web').at(100).listen(7, 80)).toThrow(/TestSim: invalid scenario: steps\[0\]\.dom: .*7/);
    expect(() => sim().domain(1, 'web').at(100).addDomain(7, 'late').run(500).listen(7, 80)).not.toThrow();
  });
});
