/** Per-mechanism RNG streams: reproducible, and a draw in one leaves the others alone. */
import { describe, it, expect } from 'vitest';
import { rngInt, rngNext, rngStreams, subSeed } from './rng';

describe('rng streams', () => {
  it('same seed, same draws; each mechanism its own sub-seed', () => {
    const a = rngStreams(7), b = rngStreams(7);
    expect(a).toEqual(b);
    expect(a.toolstack).not.toEqual(a.v4v);
    expect(rngStreams(8).toolstack).not.toEqual(a.toolstack);
    expect(subSeed(7, 'toolstack')).not.toBe(subSeed(7, 'v4v'));
  });

  it('draws in one stream do not shift another', () => {
    const quiet = rngStreams(42), busy = rngStreams(42);
    for (let i = 0; i < 100; i++) rngNext(busy.v4v);
    const ports = (s: typeof quiet) => Array.from({ length: 5 }, () => rngInt(s.toolstack, 1024, 60000));
    expect(ports(busy)).toEqual(ports(quiet));
  });

  it('is plain data (a snapshot copy draws the same as the original)', () => {
    const s = rngStreams(3);
    rngNext(s.v4v);
    const copy = structuredClone(s);
    expect(JSON.parse(JSON.stringify(s))).toEqual(copy);
    expect([rngNext(copy.v4v), rngNext(copy.toolstack)]).toEqual([rngNext(s.v4v), rngNext(s.toolstack)]);
  });
});

describe('rng streams in a run', () => {
  it('V4V retries (jitter draws) do not shift the ports of a domain created later', async () => {
    const { parseScenario, runScenario } = await import('../index');
    const { PRESETS } = await import('../../scenarios');
    const base = PRESETS.find((p) => p.id === 'v4v-wakeup-storm')!.doc as { steps: unknown[] };
    const doc = { ...base, steps: [...base.steps, { at: 5000, op: 'add-domain', id: 50, name: 'late' }] };
    const ports: number[] = [];
    for (const transport of ['v4v', 'vsock'] as const) {
      const p = parseScenario({ ...doc, transport });
      if (!p.ok) throw new Error(p.error);
      const r = runScenario(p.doc);
      if (transport === 'v4v') expect(r.report.stats['retries']).toBeGreaterThan(10);
      ports.push(r.state.domains[50]!.nextEphemeral);
    }
    expect(ports[0]).toBe(ports[1]);
  });
});
