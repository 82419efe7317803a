/** The compare view's clock: three stores, one virtual time, figures that differ by mode. */
import { describe, it, expect } from 'vitest';
import { parseScenario, timeAt } from '@engine/api';
import { createCompare } from './compare';
import { PRESETS } from '../scenarios';

const parsed = parseScenario(PRESETS.find((p) => p.id === 'flood-isolation')!.doc);
if (!parsed.ok) throw new Error(parsed.error);
const doc = parsed.doc;
const at = (c: ReturnType<typeof createCompare>) => c.panes.map((p) => { const s = p.store.getState(); return timeAt(s.timeline, s.cursor); });

describe('compare clock', () => {
  it('runs the document three ways, each pane its own store', () => {
    const c = createCompare(doc, 'flood-isolation');
    expect(c.panes.map((p) => p.mode.id)).toEqual(['vsock-cm', 'vsock-xs', 'v4v']);
    expect(c.panes.map((p) => [p.store.getState().doc.transport, p.store.getState().doc.broker]))
      .toEqual([['vsock', 'connection-manager'], ['vsock', 'xenstore'], ['v4v', 'connection-manager']]);
    expect(new Set(c.panes.map((p) => p.store)).size).toBe(3);
    expect(new Set(c.panes.map((p) => p.store.derived)).size).toBe(3);
  });

  it('a seek moves every pane to its last action at or before the same time', () => {
    const c = createCompare(doc, 'flood-isolation');
    const t = Math.floor(c.clock.getState().end / 2);
    c.clock.getState().seekTime(t);
    expect(c.clock.getState().t).toBe(t);
    for (const p of c.panes) {
      const s = p.store.getState();
      expect(timeAt(s.timeline, s.cursor)).toBeLessThanOrEqual(t);
      if (s.cursor < s.rec.last) expect(timeAt(s.timeline, s.cursor + 1)).toBeGreaterThan(t);
    }
    // the panes stand at different actions: the three runs differ
    expect(new Set(c.panes.map((p) => p.store.getState().cursor)).size).toBeGreaterThan(1);
  });

  it('steps visit every moment of every pane in time order, and back', () => {
    const c = createCompare(doc, 'flood-isolation');
    const seen: number[] = [];
    for (let i = 0; i < 200 && c.clock.getState().stepNext(); i++) {
      seen.push(c.clock.getState().t);
      expect(Math.max(...at(c))).toBe(c.clock.getState().t); // some pane has an action right now
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThan(seen[i - 1]!);
    const t = c.clock.getState().t;
    c.clock.getState().stepPrev();
    expect(c.clock.getState().t).toBe(seen[seen.length - 2]);
    expect(c.clock.getState().t).toBeLessThan(t);
  });

  it('the figures differ as the modes do: only V4V has Xen copy bytes', () => {
    const c = createCompare(doc, 'flood-isolation');
    c.clock.getState().seekTime(c.clock.getState().end);
    const rep = c.panes.map((p) => { const s = p.store.getState(); return p.store.derived.reportAt(s.timeline, s.cursor); });
    expect(rep.map((r) => r.stats['bytesCopiedByXen']! > 0)).toEqual([false, false, true]);
    expect(rep[0]!.stats['cmMessages']).toBeGreaterThan(0);
    expect(rep[1]!.stats['cmMessages']).toBe(0);
    expect(rep[1]!.stats['xenstoreOps']).toBeGreaterThan(rep[0]!.stats['xenstoreOps']!);
  });

  it('play from the end starts over; speed takes only the offered values', () => {
    const c = createCompare(doc, 'flood-isolation');
    c.clock.getState().seekTime(c.clock.getState().end);
    while (c.clock.getState().stepNext()) { /* to the very end */ }
    c.clock.getState().play();
    expect(c.clock.getState().playing).toBe(true);
    expect(c.clock.getState().t).toBe(0);
    c.clock.getState().setSpeed(3);
    expect(c.clock.getState().speed).toBe(1);
    c.clock.getState().setSpeed(4);
    expect(c.clock.getState().speed).toBe(4);
  });
});
