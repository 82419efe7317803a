/** Centre of a node as React Flow has measured it. */
import type { InternalNode } from '@xyflow/react';

export function centre(n: InternalNode | undefined): { x: number; y: number } | null {
  if (!n) return null;
  const w = n.measured?.width ?? n.width ?? 0;
  const h = n.measured?.height ?? n.height ?? 0;
  return { x: n.internals.positionAbsolute.x + w / 2, y: n.internals.positionAbsolute.y + h / 2 };
}

/** Shift a segment sideways by `d` (for the two directions of a ring). */
export function offsetSeg(a: { x: number; y: number }, b: { x: number; y: number }, d: number) {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * d, ny = (dx / len) * d;
  return { a: { x: a.x + nx, y: a.y + ny }, b: { x: b.x + nx, y: b.y + ny } };
}
