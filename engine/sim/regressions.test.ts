/** Counterexamples the fuzzer found, kept so they stay fixed. */
import { describe, it, expect } from 'vitest';
import { runChecked } from '../testing/run';
import { sim } from '../testing/testsim';

describe('fuzzer regressions', () => {
  it('a shutdown answered while the answering side floods a full ring still closes both ends', () => {
    const s = sim(0).limits({ ringPages: 1, grantEntries: 64 }).domain(1, 'g1').domain(2, 'g2')
      .bypass(1, 2, 7, 'b0')
      .at(1629).flood('b0', 1686)
      .at(1685).close('b0', 'server')
      .settle();
    // Every check the fuzzer makes: invariants along the way, both ends agree, streams exact.
    expect(runChecked(s.doc()).problems).toEqual([]);
    s.expectConn('b0', 'closed').expectInvariants();
    const states = s.view().sockets.filter((k) => k.role !== 'listener').map((k) => k.state);
    expect(states).toEqual(['closed', 'closed']);
  });
});
