/**
 * Elements the animation loop writes to directly (no React render): the occupancy bars
 * of each ring edge. Edges register their bar elements here through ref callbacks.
 */
export interface BarEls { ab: SVGRectElement | null; ba: SVGRectElement | null; abText: SVGTextElement | null; baText: SVGTextElement | null }

export const ringBars = new Map<string, BarEls>();

export function barsFor(key: string): BarEls {
  let b = ringBars.get(key);
  if (!b) { b = { ab: null, ba: null, abText: null, baText: null }; ringBars.set(key, b); }
  return b;
}

/** Listeners that want a repaint once a bar registers (the loop may be idle). */
let repaint: (() => void) | null = null;
export function setRepaint(fn: (() => void) | null): void { repaint = fn; }
export function requestRepaint(): void { repaint?.(); }
