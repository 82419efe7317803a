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

/** Distance from the segment a→b to the nearest point of a box (0 if the segment reaches it). */
function boxToSegment(box: Box, a: P, b: P): number {
  // the segment's point nearest the box's centre, then that point's distance to the box
  const c = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
  const dx = b.x - a.x, dy = b.y - a.y;
  const l2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((c.x - a.x) * dx + (c.y - a.y) * dy) / l2));
  const p = { x: a.x + t * dx, y: a.y + t * dy };
  return Math.hypot(Math.max(box.x - p.x, 0, p.x - box.x - box.w), Math.max(box.y - p.y, 0, p.y - box.y - box.h));
}

interface PanelOpts {
  /** Nearest by its nearest side rather than its centre (see panelFor). */
  byEdge?: boolean;
  /** Whether a place is clear of what boxes do not describe (lines it must not cross). */
  clear?: (b: Box) => boolean;
}

/**
 * A w×h panel for the chord a→b, clear of `taken` (which it joins), inside `bounds`; null if
 * there is no room anywhere. With no room along the chord, the free place whose centre is nearest
 * it; `opts.byEdge`: whose nearest side is (a phone's pane, where the panel may sit beside its chord
 * rather than across a guest's box from it).
 */
export function panelFor(a: P, b: P, w: number, h: number, taken: Box[], bounds: Box, opts: PanelOpts = {}): Box | null {
  const { byEdge = false, clear = () => true } = opts;
  const before = taken.length;
  // along the line first, between the bounds' sides (past them the fit would cut it)
  const first = place(a, b, w, h, taken, bounds);
  if (!clash(first, taken.slice(0, before), 6) && first.x >= bounds.x && first.x + w <= bounds.x + bounds.w && clear(first)) return first;
  taken.length = before;
  let best: Box | null = null, bestD = Infinity;
  for (let y = bounds.y; y + h <= bounds.y + bounds.h; y += STEP) {
    for (let x = bounds.x; x + w <= bounds.x + bounds.w; x += STEP) {
      const box = { x, y, w, h };
      const d = byEdge ? boxToSegment(box, a, b) : toSegment({ x: x + w / 2, y: y + h / 2 }, a, b);
      if (d < bestD && !clash(box, taken, 6) && clear(box)) { best = box; bestD = d; }
    }
  }
  if (best) taken.push(best);
  return best;
}
