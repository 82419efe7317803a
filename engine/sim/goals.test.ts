/** Goals held against a run's report: met or not, and a detail a student can read. */
import { describe, expect, it } from 'vitest';
import { parseScenario, runScenario } from '../index';
import { SPEC_EXAMPLE, withTop } from '../scenario/fixtures';
import { REPORT_STATS } from '../scenario/goals';
import { evaluateGoals } from './goals';
import type { Report } from './report';

function runWith(top: Record<string, unknown>): Report {
  const p = parseScenario(withTop({ limits: {}, ...top })); // the example's small grant table would refuse q
  if (!p.ok) throw new Error(p.error);
  return runScenario(p.doc).report;
}

describe('goals', () => {
  it('the report lists a verdict per goal only when the document has goals', () => {
    const plain = parseScenario({ ...SPEC_EXAMPLE, limits: {} });
    if (!plain.ok) throw new Error(plain.error);
    expect(runScenario(plain.doc).report.goals).toBeUndefined();
    const r = runWith({ goals: [{ conn: 'q', state: 'connected', bytesReceived: 8192 }, { conn: 'q', state: 'refused', reason: 'denied' }] });
    expect(r.goals).toEqual([
      { index: 0, met: true, detail: 'conn q: connected, 8192 bytes received' },
      { index: 1, met: false, detail: 'conn q: connected, wanted refused (denied)' },
    ]);
  });

  it('the stats a goal may name are the report\'s', () => {
    expect(Object.keys(runWith({}).stats)).toEqual([...REPORT_STATS]);
  });

  it('conn goals: a missing connection, a wrong reason, too few bytes', () => {
    const r = runWith({ policy: { default: 'deny', allow: [] } });
    expect(evaluateGoals([
      { conn: 'nope', state: 'connected' },
      { conn: 'q', state: 'refused', reason: 'no-listener' },
      { conn: 'q', state: 'refused' },
    ], r).map((g) => [g.met, g.detail])).toEqual([
      [false, 'conn nope: no such connection in the run, wanted connected'],
      [false, 'conn q: refused (denied), wanted refused (no-listener)'],
      [true, 'conn q: refused (denied)'],
    ]);
    const ok = runWith({});
    expect(evaluateGoals([{ conn: 'q', state: 'connected', bytesReceived: 9000 }], ok)[0]).toEqual(
      { index: 0, met: false, detail: 'conn q: connected, 8192 bytes received, wanted connected with at least 9000 bytes received' });
  });

  it('dom goals: numbers, list lengths, a field this report lacks, a domain not in the run', () => {
    const r = runWith({});
    const web = r.domains.find((d) => d.id === 1)!;
    expect(evaluateGoals([
      { dom: 1, field: 'peers', min: 1 },
      { dom: 1, field: 'grantsInUse', max: web.grantsInUse - 1 },
      { dom: 1, field: 'cpuBusyUs', min: 0 },
      { dom: 1, field: 'ramMb' as 'peers', min: 0 },
      { dom: 9, field: 'peers', min: 1, max: 1 },
    ], r).map((g) => [g.met, g.detail])).toEqual([
      [true, 'web peers: 1'],
      [false, `web grantsInUse: ${web.grantsInUse}, wanted at most ${web.grantsInUse - 1}`],
      [true, `web cpuBusyUs: ${web.cpuBusyUs}`],
      [false, 'web: the report has no ramMb, wanted at least 0'],
      [false, 'dom 9: no such domain in the run, wanted 1 peers'],
    ]);
  });

  it('a numeric field another version of the report adds is tested like any other', () => {
    const r = runWith({});
    const withCpu = { ...r, domains: r.domains.map((d) => ({ ...d, cpuBusyUs: 120 })) } as Report;
    expect(evaluateGoals([{ dom: 1, field: 'cpuBusyUs', min: 100, max: 200 }], withCpu)[0]!.met).toBe(true);
  });

  it('stat goals: ranges, above another stat, the derived usefulWakeups', () => {
    const r = runWith({});
    r.stats['wakeups'] = 10;
    r.stats['spuriousWakeups'] = 4;
    expect(evaluateGoals([
      { stat: 'spuriousWakeups', above: 'usefulWakeups' },
      { stat: 'usefulWakeups', min: 6, max: 6 },
      { stat: 'events', min: 1 },
      { stat: 'errors', min: 1, above: 'retries' },
    ], r).map((g) => [g.met, g.detail])).toEqual([
      [false, 'spuriousWakeups: 4, usefulWakeups: 6, wanted spuriousWakeups above usefulWakeups'],
      [true, 'usefulWakeups: 6'],
      [true, `events: ${r.stats['events']!}`],
      [false, 'errors: 0, retries: 0, wanted at least 1, wanted errors above retries'],
    ]);
  });
});
