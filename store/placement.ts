/**
 * Where a ring's panel and a refusal's label go: along their line, first at the middle,
 * then further along and to either side, at the first place that covers no domain, no
 * ⊕ handle, no xenbus label and no panel placed before. Flow coordinates; node heights
 * are the rendered ones, rounded up.
 */
import { NODE_W, BACKEND_W } from '@lib/layout';

export interface Box { x: number; y: number; w: number; h: number }

export const GUEST_H = 140;
export const BACKEND_H = 200;
/** The ring panel (ring-box in edges.tsx) and a refusal label's height. */
export const PANEL_W = 186, PANEL_H = 60, FAIL_H = 22;

export function nodeBox(p: { x: number; y: number }, backend: boolean): Box {
  // the ⊕ handle sticks out 11 px on the right
  return { x: p.x, y: p.y, w: (backend ? BACKEND_W : NODE_W) + 14, h: backend ? BACKEND_H : GUEST_H };
}

export function centreOf(b: Box): { x: number; y: number } {
  return { x: b.x + (b.w - 14) / 2, y: b.y + b.h / 2 };
}

function hits(a: Box, b: Box, margin: number): boolean {
  return a.x < b.x + b.w + margin && b.x < a.x + a.w + margin && a.y < b.y + b.h + margin && b.y < a.y + a.h + margin;
}

const ALONG = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];
const ASIDE = [0, 50, -50, 100, -100, 150, -150];

/**
 * Top-left of a w×h box near the segment a→b that clashes with none of `taken` (which it joins),
 * and, given `across`, keeps between its two sides (the diagram's, which the fit frames).
 */
export function place(a: { x: number; y: number }, b: { x: number; y: number }, w: number, h: number, taken: Box[], across?: { x: number; w: number }): Box {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = -dy / len, ny = dx / len;
  let best: Box | null = null;
  outer: for (const d of ASIDE) {
    for (const t of ALONG) {
      const cx = a.x + dx * t + nx * d, cy = a.y + dy * t + ny * d;
      const box = { x: Math.round(cx - w / 2), y: Math.round(cy - h / 2), w, h };
      if (across && (box.x < across.x || box.x + w > across.x + across.w)) continue;
      if (!taken.some((o) => hits(box, o, 6))) { best = box; break outer; }
    }
  }
  const out = best ?? { x: Math.round(a.x + dx / 2 - w / 2), y: Math.round(a.y + dy / 2 - h / 2), w, h };
  taken.push(out);
  return out;
}

/** Where the segment between two boxes' centres runs clear of both: its middle point. */
export function clearMid(a: Box, b: Box): { x: number; y: number } {
  const ca = { x: a.x + a.w / 2, y: a.y + a.h / 2 }, cb = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  const dx = cb.x - ca.x, dy = cb.y - ca.y;
  // the fraction of the segment at which it leaves a box centred on its start
  const exit = (w: number, h: number) => Math.min(dx ? w / 2 / Math.abs(dx) : Infinity, dy ? h / 2 / Math.abs(dy) : Infinity, 1);
  const ta = exit(a.w, a.h), tb = 1 - exit(b.w, b.h);
  const t = tb > ta ? (ta + tb) / 2 : 0.5;
  return { x: ca.x + dx * t, y: ca.y + dy * t };
}
