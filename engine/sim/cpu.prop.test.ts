/**
 * The CPU model's bounds on random scenarios (random vCPUs and cost overrides): no domain
 * is busy longer than vcpus x elapsed, in the report and in the state; and the check
 * itself catches a state that breaks them.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbScenario } from '../testing/arbitrary';
import { runChecked } from '../testing/run';
import { buildReport } from './report';
import { checkCpu } from './cpu';

const RUNS = Number(process.env.FC_RUNS ?? 40);

describe('a CPU per domain on random scenarios', () => {
  it('cpuBusyUs stays within vcpus x elapsed for every domain', () => {
    fc.assert(fc.property(arbScenario({ horizonUs: 10_000 }), (doc) => {
      const { problems, state } = runChecked(doc);
      expect(problems).toEqual([]);
      const report = buildReport(state);
      for (const d of report.domains) {
        expect(d.cpuBusyUs).toBeGreaterThanOrEqual(0);
        expect(d.cpuBusyUs).toBeLessThanOrEqual(d.vcpus * state.t);
      }
    }), { numRuns: RUNS });
  }, 600_000);

  it('checkCpu reports a domain charged more than its vCPUs could do', () => {
    const doc = fc.sample(arbScenario({ horizonUs: 2_000 }), { numRuns: 1, seed: 5 })[0]!;
    const { state } = runChecked(doc);
    expect(checkCpu(state)).toEqual([]);
    const dom0 = state.cpu[0]!;
    dom0.charged = dom0.free.reduce((a, b) => a + b, 0) + 1;
    expect(checkCpu(state).join('\n')).toMatch(/^domain 0: \d+ µs charged/);
    dom0.free.push(0);
    expect(checkCpu(state)[0]).toMatch(/^domain 0 has \d+ vCPUs, declared \d+/);
  });
});
