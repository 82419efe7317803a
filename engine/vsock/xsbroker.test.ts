/**
 * XenStore as the broker gives the same outcomes as the connection manager for the
 * same policy; the trace shows the difference (xenstore traffic, no CM messages).
 */
import { describe, it, expect } from 'vitest';
import { PRESETS } from '../../scenarios';
import { parseScenario, applyOverrides, runScenario } from '../index';
import { checkInvariants, checkQuiescent } from '../invariants';
import { sim } from '../testing/testsim';

const ids = PRESETS.map((p) => p.id).filter((id) => id !== 'grant-exhaustion-default' && !id.startsWith('v4v'));

function runBoth(id: string) {
  const p = parseScenario(PRESETS.find((x) => x.id === id)!.doc);
  if (!p.ok) throw new Error(p.error);
  return {
    cm: runScenario(applyOverrides(p.doc, { broker: 'connection-manager' })),
    xs: runScenario(applyOverrides(p.doc, { broker: 'xenstore' })),
  };
}

describe('xenstore broker', () => {
  for (const id of ids) {
    it(`${id}: same outcomes as the connection manager`, () => {
      const { cm, xs } = runBoth(id);
      const outcome = (r: typeof cm) => r.report.connections.map((c) => [c.name, c.state, c.reason, c.bytesReceived]);
      expect(outcome(xs)).toEqual(outcome(cm));
      expect(xs.report.domains.map((d) => [d.id, d.state, d.peers])).toEqual(cm.report.domains.map((d) => [d.id, d.state, d.peers]));
      expect(checkInvariants(xs.state)).toEqual([]);
      expect(checkQuiescent(xs.state)).toEqual([]);
      expect(xs.report.stats['cmMessages']).toBe(0);
      expect(xs.trace.some((e) => e.kind === 'cm')).toBe(false);
    });
  }

  it('a request the policy refuses fails at the xenstore permission check (EACCES)', () => {
    const { xs } = runBoth('denied-by-default');
    const refused = xs.trace.find((e) => e.op === 'xenstore-refused');
    expect(refused?.detail.err).toBe('EACCES');
    expect(xs.trace.some((e) => e.kind === 'xenstore' && e.op === 'XS_ERROR' && e.detail.err === 'EACCES')).toBe(true);
  });

  it('costs more xenstore traffic than the connection manager for the same work', () => {
    const { cm, xs } = runBoth('allowed-connection');
    expect(xs.report.stats['xenstoreOps']!).toBeGreaterThan(cm.report.stats['xenstoreOps']!);
    expect(xs.trace.filter((e) => e.op === 'XS_WATCH_EVENT').length).toBeGreaterThan(cm.trace.filter((e) => e.op === 'XS_WATCH_EVENT').length);
  });

  it('a request flood loads xenstored and delays a legitimate set-up; the permissions hold', () => {
    const { xs } = runBoth('connect-flood');
    const legit = xs.report.connections.find((c) => c.name === 'legit')!;
    expect(legit.state).toBe('connected');
    const flood = xs.trace.filter((e) => e.op === 'flood-request');
    expect(flood.length).toBeGreaterThan(100);
    expect(flood.every((e) => e.detail.ok === false && e.detail.err === 'EACCES')).toBe(true);
    const quiet = runScenario(applyOverrides((parseScenario(PRESETS.find((x) => x.id === "allowed-connection")!.doc) as unknown as { doc: never }).doc, { broker: 'xenstore' }));
    expect(legit.setupUs!).toBeGreaterThan(3 * quiet.report.connections[0]!.setupUs!);
  });
});

describe('xenstore as the broker: set-up that cannot finish', () => {
  const mid = () => sim().broker('xenstore').domain(1, 'web').domain(2, 'db').allow(1, 2).listen(1, 80).listen(2, 80).listen(2, 81).at(1000);

  it('the listener dying before it answers: the client is reset with the reason as its nodes go, and its offer is taken back', () => {
    for (const [dt, step, reason] of [[3, 'crash', 'peer-crashed'], [8, 'crash', 'peer-crashed'], [3, 'migrate', 'migrated'], [3, 'remove', 'peer-removed']] as const) {
      const s = mid().connect(1, 2, 80, 'q').connect(1, 2, 81, 'w').run(dt);
      if (step === 'crash') s.crash(2); else if (step === 'migrate') s.migrate(2); else s.removeDomain(2);
      s.run(100).expectConn('q', 'reset', reason).expectConn('w', 'reset', reason)
        .expectNoTrace('vsock', 'reset', { reason: 'timeout' })
        .expectGrantsInUse(1, 2).expectPeers(1, []);
    }
  });

  it('crossing connects and a refused first request: each connection gets its own verdict', () => {
    mid().connect(2, 1, 80, 'back').connect(1, 2, 80, 'fwd').run(1000)
      .expectConn('back', 'refused', 'denied').expectConn('fwd', 'connected').expectInvariants();
    mid().denyNow(1, 2, 80).connect(1, 2, 80, 'd').connect(1, 2, 81, 'w').run(1000)
      .expectConn('d', 'refused', 'denied').expectConn('w', 'connected');
  });
});
