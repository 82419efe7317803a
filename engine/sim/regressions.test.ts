/** Counterexamples the fuzzer found, kept so they stay fixed. */
import { describe, it, expect } from 'vitest';
import { runChecked } from '../testing/run';

describe('fuzzer regressions', () => {
  it('a shutdown answered while the answering side floods a full ring still closes both ends', () => {
    const doc = {
      format: 'interdomain-scenario', version: 1, title: 'random', seed: 0, transport: 'vsock', broker: 'connection-manager',
      xsm: false, limits: { ringPages: 1, grantEntries: 64 },
      domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'g1' }, { id: 2, name: 'g2' }],
      policy: { default: 'deny', allow: [] },
      steps: [
        { at: 0, op: 'bypass', dom: 1, peer: 2, port: 7, as: 'b0' },
        { at: 1629, op: 'flood', conn: 'b0', until: 1686 },
        { at: 1685, op: 'close', conn: 'b0', side: 'server' },
      ],
    };
    const r = runChecked(doc);
    expect(r.problems).toEqual([]);
    const states = Object.values(r.state.socks).filter((s) => s.role !== 'listener').map((s) => s.state);
    expect(states).toEqual(['closed', 'closed']);
  });
});
