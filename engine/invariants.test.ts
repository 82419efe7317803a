import { describe, it, expect } from 'vitest';
import { parseScenario } from './scenario';
import { createSim, simRun } from './sim/sim';
import { emit } from './sim/sys';
import { checkInvariants, invariantChecker } from './invariants';

function settled() {
  const p = parseScenario({
    format: 'interdomain-scenario', version: 1, seed: 3, transport: 'vsock',
    domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'a' }, { id: 2, name: 'b' }],
    policy: { default: 'allow' },
    steps: [{ at: 0, op: 'listen', dom: 2, port: 9 }, { at: 10, op: 'connect', dom: 1, cid: 2, port: 9, as: 'c' }],
  });
  if (!p.ok) throw new Error(p.error);
  const st = createSim(p.doc);
  simRun(st);
  return st;
}

describe('invariant checker', () => {
  it('walks the xenstore tree again as soon as xenstore did something', () => {
    const st = settled();
    const check = invariantChecker();
    expect(check(st)).toEqual([]);
    // Break the tree behind xenstore's back: a listed child that does not exist.
    st.xs.nodes.get('/local/domain')!.children.push('999');
    expect(checkInvariants(st).some((m) => m.startsWith('xenstore: /local/domain: child 999 missing'))).toBe(true);
    // No xenstore event since the last call: the tree walk is skipped.
    expect(check(st)).toEqual([]);
    emit(st, 'xenstore', 'XS_READ', 1, 'xenstore', { path: '/local/domain', value: '' });
    expect(check(st).some((m) => m.startsWith('xenstore: '))).toBe(true);
  });

  it('counts stream-order errors over new events only, and the same as a full scan', () => {
    const st = settled();
    const check = invariantChecker();
    expect(check(st)).toEqual([]);
    const streamError = () => {
      st.stats.errors++;
      emit(st, 'error', 'stream-order', 2, 2, { message: 'stream bytes out of order', sock: 0, expected: 0, got: 1 });
    };
    streamError();
    expect(check(st)).toContain('stream bytes out of order 1 times');
    // unrelated events in between are not counted, earlier ones are not counted twice
    emit(st, 'xenstore', 'XS_READ', 1, 'xenstore', { path: '/local/domain', value: '' });
    streamError();
    streamError();
    expect(check(st)).toContain('stream bytes out of order 3 times');
    expect(check(st)).toContain('stream bytes out of order 3 times');
    expect(checkInvariants(st)).toContain('stream bytes out of order 3 times');
  });
});

describe('policy held, with xenstore as the broker', () => {
  it('judges a request when the listener reads it, not when the client asked before its link was up', async () => {
    const { sim } = await import('./testing/testsim');
    const { checkPolicyHeld } = await import('./invariants');
    // web asks at t=0 while its link is still coming up; the allow lands at t=1; the request
    // is written and read well after that, so the connection is legitimately allowed.
    const s = sim().broker('xenstore').domain(1, 'g1').domain(2, 'g2').listen(2, 7).at(0).connect(1, 2, 7, 'c0')
      .at(1).allowNow(1, 2).settle();
    s.expectConn('c0', 'connected');
    expect(checkPolicyHeld(s.trace(), s.doc())).toEqual([]);
    // and a deny that lands before the request is read is still caught as a refusal
    const d = sim().broker('xenstore').domain(1, 'g1').domain(2, 'g2').allow(1, 2).listen(2, 7).at(0).connect(1, 2, 7, 'c0')
      .at(1).denyNow(1, 2).settle();
    d.expectConn('c0', 'refused');
    expect(checkPolicyHeld(d.trace(), d.doc())).toEqual([]);
  });
});
