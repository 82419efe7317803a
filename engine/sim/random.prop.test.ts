/**
 * Random scenarios never break the invariants: after every action the mechanisms are
 * consistent; once quiet, both ends of every connection agree and every live or closed
 * stream delivered exactly what was sent, in order; a pair the policy denies never
 * connects through the broker; and crashing every guest leaves no grant or port behind.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbScenario } from '../testing/arbitrary';
import { runChecked as run } from '../testing/run';

const RUNS = Number(process.env.FC_RUNS ?? 60);

function runChecked(raw: unknown, crashAllAt?: number) {
  return run(raw, crashAllAt === undefined ? {} : { crashAllAt });
}

describe('random scenarios (fast-check)', () => {
  it('keep every invariant after every action and once quiet', () => {
    fc.assert(fc.property(arbScenario(), (doc) => {
      const { problems } = runChecked(doc);
      expect(problems).toEqual([]);
    }), { numRuns: RUNS });
  }, 600_000);

  it('leave no grant entry or event-channel port behind once every guest is gone', () => {
    fc.assert(fc.property(arbScenario({ horizonUs: 10_000 }), (doc) => {
      const { problems } = runChecked(doc, 50_000);
      expect(problems).toEqual([]);
    }), { numRuns: Math.ceil(RUNS / 2) });
  }, 600_000);

  it('are deterministic: the same document gives the same trace, byte for byte', () => {
    fc.assert(fc.property(arbScenario(), (doc) => {
      expect(runChecked(doc).jsonl).toBe(runChecked(doc).jsonl);
    }), { numRuns: Math.ceil(RUNS / 3) });
  }, 600_000);
});
