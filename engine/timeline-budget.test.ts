/** A recording within a budget: it stops with a reason, and its snapshots share the document. */
import { describe, expect, it } from 'vitest';
import { parseScenario, recordTimeline } from './index';
import { PAGE_BUDGET } from './sim/budget';

/** A data flood until 2^53-1 µs (the hostile suite's case, e2e/hostileDocs.ts). */
const FLOOD = {
  format: 'interdomain-scenario', version: 1, title: 'hostile', seed: 1, transport: 'vsock',
  domains: [{ id: 0, name: 'dom0', role: 'backend' }, { id: 1, name: 'web' }, { id: 2, name: 'db' }],
  policy: { default: 'allow', allow: [] },
  steps: [
    { at: 0, op: 'listen', dom: 2, port: 80 }, { at: 50, op: 'connect', dom: 1, cid: 2, port: 80, as: 'f' },
    { at: 200, op: 'flood', conn: 'f', until: Number.MAX_SAFE_INTEGER },
  ],
};
const doc = (() => { const p = parseScenario(FLOOD); if (!p.ok) throw new Error(p.error); return p.doc; })();

describe('timeline budget', () => {
  it('stops at the event budget with a one-line reason', () => {
    const tl = recordTimeline(doc, 1_000_000, 3_600_000_000, { ...PAGE_BUDGET, maxEvents: 5_000 });
    expect(tl.ended).toBe(true);
    expect(tl.truncated).toBe(false);
    expect(tl.stopped).toMatch(/^5,000 events reached at t=[\d,]+ µs$/);
    expect(tl.events.length).toBeLessThan(5_100);
  });

  it('stops when a snapshot would pass its byte budget', () => {
    const tl = recordTimeline(doc, 1_000_000, 3_600_000_000, { ...PAGE_BUDGET, maxSnapshotBytes: 1_000 });
    expect(tl.stopped).toMatch(/^a state snapshot would take about [\d.,]+ MB/);
    expect(tl.snapshots).toHaveLength(0 + 1); // only the set-up's
  });

  it('without a budget reached, runs on; snapshots share the document and the step order', () => {
    const tl = recordTimeline(doc, 2_000);
    expect(tl.stopped).toBeNull();
    expect(tl.snapshots.length).toBeGreaterThan(2);
    for (const s of tl.snapshots) {
      expect(s.state.doc).toBe(tl.doc);
      expect(s.state.stepOrder).toBe(tl.live.stepOrder);
      expect(s.bytes).toBeGreaterThan(3 * 19_000);
    }
  });
});
