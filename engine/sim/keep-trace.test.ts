/**
 * A run whose trace is not kept (the benchmarks' set-ups) does the same work: busy call
 * sites skip building event details nobody will read, and nothing else may change. Same
 * events numbered and counted by kind, same end time, same report.
 */
import { describe, it, expect } from 'vitest';
import { PRESETS } from '../../scenarios';
import { parseScenario, type ScenarioDoc } from '../scenario';
import { createSim, simRun } from './sim';
import { buildReport } from './report';

/** G guests, each connecting to the next P/2 (bench/docs.ts setupDoc in small). */
function setupDoc(guests: number, peers: number): unknown {
  const domains: unknown[] = [{ id: 0, name: 'dom0', role: 'backend' }];
  const steps: unknown[] = [];
  for (let i = 1; i <= guests; i++) { domains.push({ id: i, name: `g${i}` }); steps.push({ at: 0, op: 'listen', dom: i, port: 7 }); }
  let k = 0;
  for (let i = 0; i < guests; i++) {
    for (let d = 1; d <= peers / 2; d++) steps.push({ at: 100, op: 'connect', dom: i + 1, cid: ((i + d) % guests) + 1, port: 7, as: `s${k++}` });
  }
  return {
    format: 'interdomain-scenario', version: 1, title: 'set-up', seed: 1, transport: 'vsock', xsm: false,
    limits: { ringPages: 1 }, domains, policy: { default: 'allow', allow: [] }, steps,
  };
}

function both(doc: ScenarioDoc) {
  const run = (keepTrace: boolean) => {
    const st = createSim(doc, { keepTrace });
    const actions = simRun(st);
    return { actions, events: st.trace.nextSeq, counts: st.trace.counts, t: st.t, report: buildReport(st), kept: st.trace.events.length };
  };
  return { kept: run(true), off: run(false) };
}

describe('a run with the trace off', () => {
  it.each(PRESETS.map((p) => [p.id, p.doc] as const))('%s: same events, counts and report as with it kept', (_id, raw) => {
    const p = parseScenario(raw);
    if (!p.ok) throw new Error(p.error);
    const { kept, off } = both(p.doc);
    expect(kept.kept).toBe(kept.events);
    expect(off.kept).toBe(0);
    expect({ ...off, kept: 0 }).toEqual({ ...kept, kept: 0 });
  });

  it('a brokered set-up of 40 guests with 6 peers each: same events, counts and report', () => {
    const p = parseScenario(setupDoc(40, 6), { unlimited: true });
    if (!p.ok) throw new Error(p.error);
    const { kept, off } = both(p.doc);
    expect(off.report.connections.filter((c) => c.state === 'connected')).toHaveLength(120);
    expect({ ...off, kept: 0 }).toEqual({ ...kept, kept: 0 });
  });
});
