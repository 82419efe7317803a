'use client';
/**
 * Elements the animation loop writes to directly (no React render): the occupancy bars
 * of each ring edge. Edges register their bar elements through ref callbacks in the
 * registry of the diagram they are drawn in (one per <PaintersProvider>), so two
 * diagrams on a page never paint each other's bars.
 */
import { createContext, createElement, useContext, useState, type ReactNode } from 'react';

export interface BarEls { ab: SVGRectElement | null; ba: SVGRectElement | null; abText: SVGTextElement | null; baText: SVGTextElement | null }

export interface Painters {
  readonly ringBars: Map<string, BarEls>;
  barsFor(key: string): BarEls;
  /** The loop's wake-up, called once a bar registers (the loop may be idle). */
  setRepaint(fn: (() => void) | null): void;
  requestRepaint(): void;
}

export function createPainters(): Painters {
  const ringBars = new Map<string, BarEls>();
  let repaint: (() => void) | null = null;
  return {
    ringBars,
    barsFor(key) {
      let b = ringBars.get(key);
      if (!b) { b = { ab: null, ba: null, abText: null, baText: null }; ringBars.set(key, b); }
      return b;
    },
    setRepaint(fn) { repaint = fn; },
    requestRepaint() { repaint?.(); },
  };
}

/** What the loop last wrote to each bar element: a fraction written again is not written. */
const written = new WeakMap<Element, number>();

/**
 * Show `f` (0..1) on one direction of a ring's bar: its scale, its `full` class and its
 * percentage. Writes only what changed since the last paint of that element (a flood
 * moves a few of 400 bars an action; rewriting them all costs style and layout work
 * every action). A bar mounted anew has no record and is written.
 */
export function paintBar(els: BarEls, dir: 'ab' | 'ba', f: number): void {
  const bar = dir === 'ab' ? els.ab : els.ba;
  const txt = dir === 'ab' ? els.abText : els.baText;
  if (bar && written.get(bar) !== f) {
    written.set(bar, f);
    bar.style.transform = `scaleX(${f})`;
    bar.classList.toggle('full', f >= 0.95);
  }
  const pct = Math.round(f * 100);
  if (txt && written.get(txt) !== pct) { written.set(txt, pct); txt.textContent = `${pct}%`; }
}

const PaintersContext = createContext<Painters | null>(null);

export function PaintersProvider({ children }: { children?: ReactNode }) {
  const [painters] = useState(createPainters);
  return createElement(PaintersContext.Provider, { value: painters }, children);
}

export function usePainters(): Painters {
  const p = useContext(PaintersContext);
  if (!p) throw new Error('usePainters must be used inside <PaintersProvider>');
  return p;
}
