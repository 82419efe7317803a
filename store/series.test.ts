/** Figures over time: computed from the recorded trace, they show what the counters at one instant cannot. */
import { describe, it, expect } from 'vitest';
import { parseScenario, recordTimeline, type ScenarioDoc } from '@engine/api';
import { loadedModules } from './transport';
import { PRESETS } from '../scenarios';
import { seriesOf } from './series';
import './testSetup';

function timeline(id: string, over: Partial<ScenarioDoc> = {}) {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no preset ${id}`);
  const parsed = parseScenario({ ...(p.doc as object), ...over });
  if (!parsed.ok) throw new Error(parsed.error);
  return recordTimeline(parsed.doc, 200_000, 3_600_000_000, undefined, loadedModules());
}
const namesOf = (doc: ScenarioDoc) => new Map(doc.domains.map((d) => [d.id, d.name]));

describe('seriesOf', () => {
  it('flood-isolation: throughput per connection over time, buckets cover the run', () => {
    const tl = timeline('flood-isolation');
    const s = seriesOf(tl, namesOf(tl.doc), 100);
    expect(s.t.length).toBeGreaterThan(10);
    expect(s.t.length).toBeLessThanOrEqual(100);
    expect(s.throughput.length).toBeGreaterThan(0);
    for (const line of s.throughput) expect(line.values).toHaveLength(s.t.length);
    // some bucket moved data, and bytes are never negative
    expect(Math.max(...s.throughput[0]!.values.map((v) => v ?? 0))).toBeGreaterThan(0);
    expect(s.throughput.every((l) => l.values.every((v) => (v ?? 0) >= 0))).toBe(true);
    // occupancy is a fraction
    expect(s.occupancy.every((l) => l.values.every((v) => v === null || (v >= 0 && v <= 1)))).toBe(true);
  });

  it('v4v-wakeup-storm: the doorbell wakes senders (a burst), some spuriously; none on vsock', () => {
    const tl = timeline('v4v-wakeup-storm');
    const s = seriesOf(tl, namesOf(tl.doc));
    const woke = s.wakeups.reduce((a, b) => a + b, 0);
    expect(woke).toBeGreaterThan(0);
    expect(Math.max(...s.wakeups)).toBeGreaterThan(1);
    expect(s.spurious.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const vs = timeline('v4v-wakeup-storm', { transport: 'vsock' });
    const sv = seriesOf(vs, namesOf(vs.doc));
    expect(sv.wakeups.reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('grant-exhaustion-default: grants climb over time, never below zero', () => {
    const tl = timeline('grant-exhaustion-default');
    const s = seriesOf(tl, namesOf(tl.doc));
    expect(s.grants.length).toBeGreaterThan(0);
    const top = s.grants[0]!.values.map((v) => v ?? 0);
    expect(top[top.length - 1]!).toBeGreaterThan(top[0]!);
    expect(s.grants.every((l) => l.values.every((v) => (v ?? 0) >= 0))).toBe(true);
  });
});
