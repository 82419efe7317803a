/**
 * CIDs across a migration (scenario-v1 "Additions in 1.1"): the report's `cid`, a connect
 * that looks the CID up now, one that kept the stale CID (`no-such-cid`), and the report's
 * timing fields setupUs / firstByteAt / lastByteAt.
 */
import { describe, expect, it } from 'vitest';
import { sim } from '../testing/testsim';

function migrated(transport: 'vsock' | 'v4v') {
  return sim().transport(transport).domain(1, 'web').domain(2, 'db').allow(1, 2).allow(2, 1)
    .listen(2, 5432).at(100).migrate(2, 5_000).at(20_000);
}

describe.each(['vsock', 'v4v'] as const)('%s: CIDs after a migration', (transport) => {
  it('the report gives each domain the CID it runs as; the resume event names the new CID', () => {
    const s = migrated(transport).settle();
    expect(s.dom(1).cid).toBe(1);
    expect(s.dom(0).cid).toBe(0);
    expect(s.dom(2).cid).toBe(3); // the next free domid after the last used
    expect(s.events('toolstack', 'resume', { id: 2 })[0]?.detail).toMatchObject({ cid: 3, xenDomid: 3 });
  });

  it('a connect looks up the current CID and reaches the migrated domain', () => {
    const s = migrated(transport).listen(2, 5433).run(100).connect(1, 2, 5433, 'fresh').settle();
    s.expectConn('fresh', 'connected');
  });

  it('a connect that kept the CID from the start is refused with no-such-cid', () => {
    const s = migrated(transport).listen(2, 5433).run(100)
      .step({ op: 'connect', dom: 1, cid: 2, port: 5433, as: 'stale', staleCid: true }).settle();
    s.expectConn('stale', 'refused', 'no-such-cid');
    expect(s.conn('stale').setupUs).toBe(0);
    expect(s.events('vsock', 'connect', { name: 'stale' })[0]?.detail).toMatchObject({ staleCid: true, cid: 2 });
  });

  it('a stale CID still works while the domain has not moved', () => {
    const s = sim().transport(transport).domain(1, 'web').domain(2, 'db').allow(1, 2).allow(2, 1)
      .listen(2, 5432).at(100).step({ op: 'connect', dom: 1, cid: 2, port: 5432, as: 'q', staleCid: true }).settle();
    s.expectConn('q', 'connected');
  });
});

describe('report timing fields', () => {
  it('firstByteAt/lastByteAt are when the server read its first and last byte; null without data', () => {
    const s = sim().domain(1, 'web').domain(2, 'db').allow(1, 2)
      .listen(2, 80).at(100).connect(1, 2, 80, 'q').connect(1, 2, 80, 'idle')
      .at(5_000).send('q', 1000).at(9_000).send('q', 1000).settle();
    const q = s.conn('q');
    expect(q.bytesReceived).toBe(2000);
    expect(q.firstByteAt).toBeGreaterThan(5_000);
    expect(q.firstByteAt).toBeLessThan(9_000);
    expect(q.lastByteAt).toBeGreaterThan(9_000);
    expect(s.conn('idle')).toMatchObject({ firstByteAt: null, lastByteAt: null });
  });

  it('setupUs runs to the refusal too (denied), and is null while connecting', () => {
    const s = sim().domain(1, 'web').domain(2, 'db').listen(2, 80).at(100).connect(1, 2, 80, 'no').settle();
    s.expectConn('no', 'refused', 'denied');
    expect(s.conn('no').setupUs).toBeGreaterThan(0);
    const r = sim().domain(1, 'web').domain(2, 'db').allow(1, 2).listen(2, 80).at(100).connect(1, 2, 80, 'q').run(1);
    expect(r.conn('q')).toMatchObject({ state: 'connecting', setupUs: null });
  });
});

describe('connect field staleCid', () => {
  it('must be true or false, in one line', async () => {
    const { parseScenario } = await import('../scenario');
    const doc = sim().domain(1, 'web').connect(1, 0, 80, 'q').doc();
    const raw = JSON.parse(JSON.stringify(doc)) as { steps: Array<Record<string, unknown>> };
    raw.steps[0]!.staleCid = 'yes';
    expect(parseScenario(raw)).toEqual({ ok: false, error: 'steps[0].staleCid: expected true or false, got "yes"' });
    raw.steps[0]!.staleCid = true;
    const ok = parseScenario(raw);
    expect(ok.ok && ok.doc.steps[0]).toMatchObject({ staleCid: true });
  });
});
