/** Figures over time: computed from the recorded trace, they show what the counters at one instant cannot. */
import { describe, it, expect } from 'vitest';
import { parseScenario, recordTimeline, type ScenarioDoc } from '@engine/api';
import { loadedModules } from './transport';
import { PRESETS } from '../scenarios';
import { actionOfSeq } from '@engine/api';
import { cpuSeriesOf, seriesOf } from './series';
import { grantPeaksIn } from './grantPeaks';
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

describe('cpuSeriesOf', () => {
  it('flood-isolation: db (the reader, one vCPU) is saturated while the flood runs; web and cache are not', () => {
    const tl = timeline('flood-isolation');
    const c = cpuSeriesOf(tl, namesOf(tl.doc), 40);
    expect(c.t.length).toBeGreaterThan(20);
    const line = (n: string) => c.busy.find((l) => l.label === n)!.values.map((v) => v ?? 0);
    const db = line('db');
    for (const l of c.busy) expect(l.values).toHaveLength(c.t.length);
    // the second half of the run: db's vCPU busy all the time, the writers well under
    const half = (v: number[]) => v.slice(Math.floor(v.length / 2), -1);
    expect(Math.min(...half(db))).toBeGreaterThan(0.95);
    expect(Math.max(...half(line('web')))).toBeLessThan(0.6);
    expect(c.busy.every((l) => l.values.every((v) => v === null || (v >= 0 && v <= 1)))).toBe(true);
  });
  it('a second vCPU halves the share: db with "vcpus": 2 is no longer saturated', () => {
    const p = PRESETS.find((x) => x.id === 'flood-isolation')!.doc as ScenarioDoc;
    const tl = timeline('flood-isolation', { domains: p.domains.map((d) => (d.name === 'db' ? { ...d, vcpus: 2 } : d)) });
    const db = cpuSeriesOf(tl, namesOf(tl.doc), 40).busy.find((l) => l.label === 'db')!.values.map((v) => v ?? 0);
    expect(Math.max(...db.slice(Math.floor(db.length / 2), -1))).toBeLessThan(0.9);
  });
});

describe('grants at a refusal', () => {
  it('grant-exhaustion-override: hub\'s table is full (192 of 192) in the action that refuses the third ring, and the chart line reaches the limit', () => {
    const tl = timeline('grant-exhaustion-override');
    const ex = tl.events.find((e) => e.kind === 'gnttab' && e.op === 'exhausted')!;
    expect([...grantPeaksIn(tl, actionOfSeq(tl, ex.seq))]).toEqual([[1, 192]]);
    expect(grantPeaksIn(tl, actionOfSeq(tl, ex.seq) - 1).size).toBe(0);
    const s = seriesOf(tl, namesOf(tl.doc), 160, 192);
    const hub = s.grants.find((l) => l.label === 'hub')!.values;
    expect(Math.max(...hub.map((v) => v ?? 0))).toBe(192);
    // what it gives back shows after: the run ends with hub at 132
    expect(hub[hub.length - 1]).toBe(132);
  });
});
