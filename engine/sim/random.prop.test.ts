/**
 * Random scenarios never break the invariants: after every action the mechanisms are
 * consistent; once quiet, both ends of every connection agree and every live or closed
 * stream delivered exactly what was sent, in order; a pair the policy denies never
 * connects through the broker; and crashing every guest leaves no grant or port behind.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { arbScenario } from '../testing/arbitrary';
import { parseScenario } from '../scenario';
import { createSim, simStep } from './sim';
import { checkInvariants, checkQuiescent, checkPolicyHeld } from '../invariants';
import { grantsInUse } from '../gnttab';
import { portsInUse } from '../evtchn';
import { traceToJsonl } from '../core/trace';

const RUNS = Number(process.env.FC_RUNS ?? 60);

function runChecked(raw: unknown, crashAllAt?: number): { jsonl: string; problems: string[] } {
  const doc = structuredClone(raw) as { steps: unknown[]; domains: Array<{ id: number; role?: string }> };
  if (crashAllAt !== undefined) {
    for (const d of doc.domains) if (d.role !== 'backend') doc.steps.push({ at: crashAllAt, op: 'crash', dom: d.id });
  }
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(`generator made an invalid document: ${p.error}`);
  const st = createSim(p.doc);
  const problems: string[] = [];
  let n = 0;
  while (simStep(st)) {
    if (++n % 7 === 0 || st.queue.heap.length === 0) {
      const v = checkInvariants(st);
      if (v.length) { problems.push(`t=${st.t}: ${v[0]}`); break; }
    }
    if (n > 400_000) { problems.push('run did not settle'); break; }
  }
  problems.push(...checkQuiescent(st), ...checkPolicyHeld(st.trace.events, st.doc));
  if (crashAllAt !== undefined) {
    for (const k in st.domains) {
      const d = st.domains[k]!;
      if (d.role === 'backend') continue;
      if (grantsInUse(st.gnttab, d.id) || portsInUse(st.evtchn, d.id)) problems.push(`domain ${d.id} leaked grants or ports`);
    }
    if (grantsInUse(st.gnttab, st.backend) !== 0) problems.push('backend leaked grants');
    if (portsInUse(st.evtchn, st.backend) !== 0) problems.push(`backend leaked ${portsInUse(st.evtchn, st.backend)} ports`);
  }
  return { jsonl: traceToJsonl(st.trace.events), problems };
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
