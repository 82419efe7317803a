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
