/** A recording within a budget: it stops with a reason, and its snapshots share the document. */
import { describe, expect, it } from 'vitest';
import { parseScenario, recordTimeline } from './index';
import { PAGE_BUDGET } from './core/budget';
import { dataFloodDoc } from '../e2e/hostileDocs';

const doc = (() => { const p = parseScenario(dataFloodDoc()); if (!p.ok) throw new Error(p.error); return p.doc; })();

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
