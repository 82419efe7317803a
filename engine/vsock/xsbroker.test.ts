/**
 * XenStore as the broker gives the same outcomes as the connection manager for the
 * same policy; the trace shows the difference (xenstore traffic, no CM messages).
 */
import { describe, it, expect } from 'vitest';
import { PRESETS } from '../../scenarios';
import { parseScenario, applyOverrides, runScenario } from '../index';
import { checkInvariants, checkQuiescent } from '../invariants';

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
