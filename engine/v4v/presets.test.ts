/**
 * The v4v presets show what they claim, and every preset runs unchanged on v4v: the
 * wake-up storm grows with the number of writers on v4v, while on vsock for the same
 * document every wake-up finds room; a hub uses no grants on v4v while vsock's grow with its peers; a
 * guest cannot change the rules; every document keeps every invariant on v4v.
 */
import { describe, it, expect } from 'vitest';
import { PRESETS } from '../../scenarios';
import { parseScenario, runScenario, type RunResult } from '../index';
import { checkInvariants, checkQuiescent, checkPolicyHeld } from '../invariants';

type Raw = Record<string, unknown> & { steps: Array<Record<string, unknown>>; domains: Array<{ id: number }>; policy: { allow: Array<{ from: number }> } };
const raw = (id: string): Raw => structuredClone(PRESETS.find((p) => p.id === id)!.doc) as Raw;
function run(doc: unknown, over: Record<string, unknown> = {}): RunResult {
  const p = parseScenario({ ...(doc as object), ...over });
  if (!p.ok) throw new Error(p.error);
  return runScenario(p.doc);
}
/** The storm document with only the first `n` writers. */
function storm(n: number): Raw {
  const doc = raw('v4v-wakeup-storm');
  const keep = new Set([0, 1, ...doc.domains.map((d) => d.id).filter((id) => id >= 2).slice(0, n)]);
  doc.domains = doc.domains.filter((d) => keep.has(d.id));
  doc.policy.allow = doc.policy.allow.filter((r) => keep.has(r.from));
  doc.steps = doc.steps.filter((s) => s['op'] === 'listen' || keep.has(s['dom'] as number) || keep.has(Number(String(s['conn']).slice(1))));
  return doc;
}
const figures = (r: RunResult) => {
  const s = r.report.stats;
  return { wakeups: s['wakeups']!, spurious: s['spuriousWakeups']!, retries: s['retries']!, notify: s['notifyHypercalls']! };
};

describe('v4v presets', () => {
  it('wake-up storm: every writer is woken again and again, most for nothing; on vsock every wake-up finds room', () => {
    const v = run(raw('v4v-wakeup-storm'));
    const f = figures(v);
    expect(f.wakeups).toBeGreaterThan(500);
    expect(f.spurious).toBeGreaterThan(f.wakeups / 2);
    expect(f.retries).toBeGreaterThanOrEqual(f.wakeups - f.spurious);
    for (const c of v.report.connections) expect([c.state, c.via, c.bytesReceived]).toEqual(['connected', 'v4v', c.bytesSent]);
    // On vsock each writer waits on its own ring: a read there wakes exactly that writer,
    // which finds room. Wake-ups are counted the same way; none is for nothing.
    const s = run(raw('v4v-wakeup-storm'), { transport: 'vsock' });
    const fs = figures(s);
    expect({ ...fs, wakeups: fs.wakeups > 0 }).toEqual({ wakeups: true, spurious: 0, retries: 0, notify: 0 });
    expect(fs.wakeups).toBeLessThanOrEqual(s.report.stats['ringFullWaits']!);
  });

  it('shape: more writers, more spurious wake-ups on v4v; none on vsock for the same document', () => {
    const spurious = [1, 2, 4, 8].map((n) => figures(run(storm(n))).spurious);
    expect(spurious[0]).toBe(0);
    for (let i = 1; i < spurious.length; i++) expect(spurious[i]!).toBeGreaterThan(spurious[i - 1]!);
    // Every writer but the winner loses each round: about (n - 1) / n of the wake-ups are for nothing.
    const f8 = figures(run(storm(8)));
    expect(f8.spurious / f8.wakeups).toBeGreaterThan(0.8);
    for (const n of [1, 2, 4, 8]) expect(figures(run(storm(n), { transport: 'vsock' })).spurious).toBe(0);
  });

  it('Argo: the wildcard ring is refused, so each writer gets its own single-source ring and the race is gone', () => {
    const runs = [1, 2, 4, 8].map((n) => run(storm(n), { v4vMode: 'argo' }));
    expect(runs.map((r) => figures(r).spurious)).toEqual([0, 0, 0, 0]);
    const wakeups = runs.map((r) => figures(r).wakeups);
    for (let i = 1; i < wakeups.length; i++) expect(wakeups[i]!).toBeGreaterThan(wakeups[i - 1]!);
    const rings = runs[3]!.trace.filter((e) => e.op === 'XEN_ARGO_OP_register_ring' && e.src === 1 && e.detail.ret === 0);
    expect(rings).toHaveLength(10); // one per domain (dom0, db itself, 8 writers)
  });

  it('no grants: the hub uses none on v4v; on vsock its grant use grows by 65 per peer', () => {
    const v = run(raw('v4v-no-grants'));
    expect(v.report.domains.map((d) => d.grantsInUse)).toEqual(v.report.domains.map(() => 0));
    expect(v.report.connections.every((c) => c.state === 'connected' && c.bytesReceived === 16384)).toBe(true);
    expect(v.report.stats['bytesCopiedByXen']).toBeGreaterThan(12 * 16384);
    const s = run(raw('v4v-no-grants'), { transport: 'vsock' });
    expect(s.report.domains.find((d) => d.id === 1)!.grantsInUse).toBe(2 + 12 * 65);
  });

  it('a guest cannot change the rules; the toolstack can, and its deny silences a live stream', () => {
    for (const mode of ['v4v', 'argo'] as const) {
      const r = run(raw('v4v-guest-cannot-change-rules'), { v4vMode: mode });
      const adds = r.trace.filter((e) => e.op === 'V4VOP_tables_add').map((e) => [e.src, e.detail.err ?? 0]);
      expect(adds).toEqual([...(mode === 'v4v' ? [[2, '-EPERM']] : []), [0, 0], [0, 0], [0, 0], [0, 0]]);
      if (mode === 'argo') {
        const any = r.trace.find((e) => e.op === 'XEN_ARGO_OP_register_ring' && e.detail.partner === 'any')!;
        expect(any).toMatchObject({ src: 2, detail: { err: '-EPERM' } });
      }
      const c = Object.fromEntries(r.report.connections.map((x) => [x.name, [x.state, x.reason]]));
      expect(c).toEqual({ first: ['refused', 'denied'], second: ['reset', 'denied'] });
      expect(r.report.stats['errors']).toBe(0);
    }
    const s = run(raw('v4v-guest-cannot-change-rules'), { transport: 'vsock' });
    expect(s.report.connections.find((x) => x.name === 'second')!.state).toBe('connected');
  });
});

describe('every preset on v4v', () => {
  for (const p of PRESETS) {
    it(`${p.id}: runs on v4v and argo with every invariant, same report shape`, () => {
      for (const mode of ['v4v', 'argo'] as const) {
        const r = run(p.doc, { transport: 'v4v', v4vMode: mode });
        expect(checkInvariants(r.state)).toEqual([]);
        expect(checkQuiescent(r.state)).toEqual([]);
        expect(checkPolicyHeld(r.trace, r.state.doc)).toEqual([]);
        for (const c of r.report.connections) {
          expect(['v4v', 'bypass']).toContain(c.via);
          expect(['connecting', 'connected', 'refused', 'reset', 'closed']).toContain(c.state);
        }
        expect(r.report.domains.every((d) => d.grantsInUse === 0)).toBe(true);
      }
    }, 240_000); // 261 domains twice: seconds here, minutes on a machine that is busy
  }
});
