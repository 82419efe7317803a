import { describe, it, expect } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import { toFlow } from './toFlow';
import type { FailEdge } from './flowTypes';
import { PRESETS } from '../scenarios';

/** The diagram's edges at the end of a preset, in a mode. */
function endEdges(id: string, mode?: string) {
  const p = PRESETS.find((x) => x.id === id)!;
  const s = createPlaygroundStore(p.doc, p.id);
  if (mode) { s.getState().probeModes(); expect(s.getState().setMode(mode).ok).toBe(true); }
  s.getState().seek(Number.MAX_SAFE_INTEGER);
  const st = s.getState();
  const f = toFlow(s.derived.viewAt(st.timeline, st.cursor), st.doc);
  return { fails: f.edges.filter((e): e is FailEdge => e.type === 'fail'), edges: f.edges };
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

  it('no refusal edge in any preset touches a guest the refusing broker kept out', () => {
    for (const p of PRESETS) {
      const { fails } = endEdges(p.id);
      for (const f of fails) if (f.data!.by !== 'peer') expect(f.target, p.id).toMatch(/^(d0|xen)$/);
    }
  });
});
