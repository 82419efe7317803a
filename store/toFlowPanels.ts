/**
 * Ring panels when one guest has many peers: their chords all start at that guest, so the
 * places along them run out and panels would pile onto each other and onto nodes. A panel
 * with no room along its chord takes the free place nearest to it inside the diagram; with
 * no free place at all its ring is drawn as a line only (the figures panel lists it).
 */
import { place, type Box } from './placement';

type P = { x: number; y: number };

const clash = (b: Box, taken: readonly Box[], m: number) =>
  taken.some((o) => b.x < o.x + o.w + m && o.x < b.x + b.w + m && b.y < o.y + o.h + m && o.y < b.y + b.h + m);

/** Distance from p to the segment a→b. */
function toSegment(p: P, a: P, b: P): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const l2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

const STEP = 24;

/**
 * A w×h panel for the chord a→b, clear of `taken` (which it joins), inside `bounds`; null if
 * there is no room anywhere.
 */
export function panelFor(a: P, b: P, w: number, h: number, taken: Box[], bounds: Box): Box | null {
  const before = taken.length;
  // along the line first, between the bounds' sides (past them the fit would cut it)
  const first = place(a, b, w, h, taken, bounds);
  if (!clash(first, taken.slice(0, before), 6) && first.x >= bounds.x && first.x + w <= bounds.x + bounds.w) return first;
  taken.length = before;
  let best: Box | null = null, bestD = Infinity;
  for (let y = bounds.y; y + h <= bounds.y + bounds.h; y += STEP) {
    for (let x = bounds.x; x + w <= bounds.x + bounds.w; x += STEP) {
      const box = { x, y, w, h };
      const d = toSegment({ x: x + w / 2, y: y + h / 2 }, a, b);
      if (d < bestD && !clash(box, taken, 6)) { best = box; bestD = d; }
    }
  }
  if (best) taken.push(best);
  return best;
}
