import { describe, it, expect } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import { toFlow } from './toFlow';
import type { FailEdge } from './flowTypes';
import { PRESETS } from '../scenarios';
import { eventsBetween } from '@engine/api';

/** The diagram's edges at the end of a preset, in a mode. */
function endEdges(id: string, mode?: string) {
  const p = PRESETS.find((x) => x.id === id)!;
  const s = createPlaygroundStore(p.doc, p.id);
  if (mode) { s.getState().probeModes(); expect(s.getState().setMode(mode).ok).toBe(true); }
  s.getState().seek(Number.MAX_SAFE_INTEGER);
  const st = s.getState();
  const f = toFlow(s.derived.viewAt(st.timeline, st.cursor), st.doc);
  return { fails: f.edges.filter((e): e is FailEdge => e.type === 'fail'), edges: f.edges, events: eventsBetween(st.timeline, 0, Number.MAX_SAFE_INTEGER) };
}

describe('toFlow: a refusal is drawn where it happened', () => {
  it('denied-by-default: the connection manager refuses web; the red line joins web and dom0, never db', () => {
    const { fails } = endEdges('denied-by-default');
    expect(fails).toHaveLength(1);
    const f = fails[0]!;
    expect(f.source).toBe('d1');
    expect(f.target).toBe('d0');
    expect(f.data!.by).toBe('cm');
    expect(f.data!.text).toBe('✕ refused: denied');
    expect(f.ariaLabel).toContain('db never hears of it');
  });

  it('under the xenstore broker, xenstored refuses: the line ends at dom0', () => {
    const { fails } = endEdges('denied-by-default', 'vsock-xs');
    expect(fails.map((f) => [f.source, f.target, f.data!.by])).toEqual([['d1', 'd0', 'xenstored']]);
  });

  it('under V4V, Xen refuses (v4vtables): the line goes down to Xen, not to db', () => {
    const { fails } = endEdges('denied-by-default', 'v4v');
    expect(fails.map((f) => [f.source, f.target, f.data!.by])).toEqual([['d1', 'xen', 'xen']]);
  });

  it('no listener: under the connection manager the target answered (the line joins the two guests)', () => {
    const { fails } = endEdges('no-listener');
    expect(fails.length).toBeGreaterThan(0);
    for (const f of fails) {
      expect(f.data!.by).toBe('peer');
      expect(f.target).not.toBe('d0');
    }
  });

  it('grant-exhaustion-override: hub\'s own grant table is full; the refusal is drawn on hub alone, never towards peer-c', () => {
    const { fails, events } = endEdges('grant-exhaustion-override');
    // the trace says whose table was full: hub's (dom1), while granting to peer-c (dom4)
    const full = events.filter((e) => e.kind === 'gnttab' && e.op === 'exhausted');
    expect(full.map((e) => [e.src, e.dst])).toEqual([[1, 4]]);
    expect(fails).toHaveLength(1);
    const f = fails[0]!;
    expect([f.source, f.target, f.data!.by]).toEqual(['d1', 'd1', 'self']);
    expect(f.data!.text).toBe('✕ own grant table full: connection to peer-c refused');
    expect(f.ariaLabel).toContain('peer-c never hears of it');
    expect(fails.some((x) => x.target === 'd4' || x.source === 'd4')).toBe(false);
  });

  it('the same in every mode with a broker: the client\'s own table, the client\'s own label', () => {
    const { fails } = endEdges('grant-exhaustion-override', 'vsock-xs');
    expect(fails.map((f) => [f.source, f.target, f.data!.by])).toEqual([['d1', 'd1', 'self']]);
  });

  it('no refusal edge in any preset touches a guest that never heard of it', () => {
    for (const p of PRESETS) {
      const { fails, events } = endEdges(p.id);
      const fullTables = new Set(events.filter((e) => e.kind === 'gnttab' && e.op === 'exhausted').map((e) => `d${String(e.src)}`));
      for (const f of fails) {
        if (f.data!.by === 'self') {
          expect(f.target, p.id).toBe(f.source);
          // a grant refused in the client's own table: the trace has that table full
          if (f.data!.reason === 'grant-exhausted') expect(fullTables.has(f.source), p.id).toBe(true);
        } else if (f.data!.by !== 'peer') expect(f.target, p.id).toMatch(/^(d0|xen)$/);
      }
    }
  });
});
