/**
 * What the presets say about CPU time, measured: a flood slows cache down but cannot
 * block it, a second vCPU for db gives cache its rate back, shedding the flooder does
 * too; the connect flood's delay is dom0's busy manager (one daemon: a second vCPU does
 * not shorten it); the xenstore broker costs dom0 more.
 */
import { describe, it, expect } from 'vitest';
import { PRESETS } from '../../scenarios';
import { applyOverrides, parseScenario, runScenario, type RunResult, type ScenarioDoc } from '../index';

type Raw = Record<string, unknown> & { steps: Array<Record<string, unknown>>; domains: Array<Record<string, unknown>> };
const raw = (id: string): Raw => structuredClone(PRESETS.find((p) => p.id === id)!.doc) as Raw;
function parsed(doc: unknown): ScenarioDoc {
  const p = parseScenario(doc);
  if (!p.ok) throw new Error(p.error);
  return p.doc;
}
const run = (doc: unknown): RunResult => runScenario(parsed(doc));

/** db's (2) reads of cache's (3) ring: [time, payload bytes]. */
function cacheReads(r: RunResult): Array<[number, number]> {
  return r.trace.flatMap((e) => (e.kind === 'ring' && e.op === 'read' && e.src === 2 && e.dst === 3 ? [[e.t, e.detail.bytes] as [number, number]] : []));
}
/** Bytes of cache's stream db read in [from, to). */
function readBetween(r: RunResult, from: number, to: number): number {
  return cacheReads(r).filter(([t]) => t >= from && t < to).reduce((n, [, b]) => n + b, 0);
}
/** How long cache's 1 MiB took, from the first read to the last. */
function transferUs(r: RunResult): number {
  const reads = cacheReads(r);
  return reads.at(-1)![0] - reads[0]![0];
}

describe('presets on a CPU per domain', () => {
  it('flood-isolation: the flood slows cache (db reads both rings in turns) but cache completes', () => {
    const flooded = run(raw('flood-isolation'));
    const alone = raw('flood-isolation');
    alone.steps = alone.steps.filter((s) => s['op'] !== 'flood');
    const quiet = run(alone);
    const steady = (r: RunResult) => r.report.connections.find((c) => c.name === 'steady')!;
    expect(steady(flooded).bytesReceived).toBe(1048576);
    expect(steady(quiet).bytesReceived).toBe(1048576);
    // About half of db's reading time while the flood lasts: nearly twice as long.
    expect(transferUs(flooded)).toBeGreaterThan(1.7 * transferUs(quiet));
    expect(transferUs(flooded)).toBeLessThan(2.5 * transferUs(quiet));
    // db's vCPU was the busy one.
    const db = flooded.report.domains.find((d) => d.id === 2)!;
    expect(db.cpuBusyUs).toBeGreaterThan(0.8 * flooded.report.stats['endTimeUs']!);
  });

  it('flood-isolation with a second vCPU for db: cache keeps nearly its full rate', () => {
    const two = raw('flood-isolation');
    two.domains.find((d) => d['id'] === 2)!['vcpus'] = 2;
    const alone = raw('flood-isolation');
    alone.steps = alone.steps.filter((s) => s['op'] !== 'flood');
    expect(transferUs(run(two))).toBeLessThan(1.15 * transferUs(run(alone)));
  });

  it('shed-flooder: once db sheds web, cache gets db\'s whole vCPU back', () => {
    const r = run(raw('shed-flooder'));
    const before = readBetween(r, 2000, 3000);
    const after = readBetween(r, 3100, 4100);
    expect(after).toBeGreaterThan(1.7 * before);
    expect(r.report.connections.find((c) => c.name === 'friend')!.bytesReceived).toBe(2097152 + 65536);
  });

  it('connect-flood: dom0\'s one vCPU is busy the whole flood; a second one does not help the one-thread manager', () => {
    const r = run(raw('connect-flood'));
    const dom0 = r.report.domains.find((d) => d.id === 0)!;
    expect(dom0.cpuBusyUs).toBeGreaterThan(0.95 * r.report.stats['endTimeUs']!);
    const setup = (x: RunResult) => x.report.connections.find((c) => c.name === 'legit')!.setupUs!;
    const two = raw('connect-flood');
    two.domains.find((d) => d['id'] === 0)!['vcpus'] = 2;
    // The manager is one daemon: 5 µs a message whatever the vCPUs, so the wait stays.
    expect(setup(run(two))).toBeGreaterThan(0.9 * setup(r));
    expect(setup(r)).toBeGreaterThan(400);
  });

  it('xenstore-broker: xenstored\'s work makes dom0 busier than the connection manager does', () => {
    const doc = parsed(raw('xenstore-broker'));
    const busy = (d: ScenarioDoc) => runScenario(d).report.domains.find((x) => x.id === 0)!.cpuBusyUs;
    expect(busy(doc)).toBeGreaterThan(1.3 * busy(applyOverrides(doc, { broker: 'connection-manager' })));
  });
});
