/**
 * Level of detail for big topologies: past LOD_MAX guests the diagram shows the few that
 * matter (the hubs, the first and the last to join) and one summary box for the rest,
 * until expanded. Chosen from the document only, so positions never jump as time runs.
 */
import type { ScenarioDoc, SimView } from '@engine/api';

export const LOD_MAX = 10;
const HUBS = 2, HEAD = 3, TAIL = 3;

/** Guests to draw, in order, and how many are summarised. */
export function shownGuests(order: readonly number[], doc: ScenarioDoc, expand: boolean): { shown: number[]; hidden: number } {
  if (expand || order.length <= LOD_MAX) return { shown: [...order], hidden: 0 };
  // a hub: named by the most steps (connects made, listens, sends)
  const score = new Map<number, number>();
  for (const s of doc.steps) {
    const dom = (s as { dom?: unknown }).dom;
    if (typeof dom === 'number') score.set(dom, (score.get(dom) ?? 0) + 1);
  }
  const hubs = [...order].sort((a, b) => (score.get(b) ?? 0) - (score.get(a) ?? 0) || a - b).slice(0, HUBS)
    .filter((d, i) => i === 0 || (score.get(d) ?? 0) > 2);
  const rest = order.filter((d) => !hubs.includes(d));
  const keep = new Set([...hubs, ...rest.slice(0, HEAD), ...rest.slice(-TAIL)]);
  const shown = order.filter((d) => keep.has(d));
  return { shown, hidden: order.length - shown.length };
}

/** `first`, `last`: the names of the first and the last guest summarised (in the document's order). */
export interface LodSummary { hidden: number; connected: number; refused: number; other: number; first: string | null; last: string | null }

/** What the summarised guests are doing now: sharing a live ring or connected (V4V), refused, or neither. */
export function summarise(view: SimView, shown: ReadonlySet<number>): LodSummary {
  const connected = new Set<number>(), refused = new Set<number>();
  for (const r of view.rings) if (r.state !== 'closed') for (const d of [r.a, r.b]) if (!shown.has(d)) connected.add(d);
  // a V4V stream has no ring pair of its own: a connected socket says it
  for (const s of view.sockets) if (s.state === 'connected') for (const d of [s.dom, s.peerDom]) if (!shown.has(d)) connected.add(d);
  for (const s of view.sockets) {
    if (s.state !== 'refused' && s.state !== 'reset') continue;
    for (const d of [s.dom, s.peerDom]) if (!shown.has(d) && !connected.has(d)) refused.add(d);
  }
  const rest = view.domains.filter((d) => d.role !== 'backend' && d.state !== 'removed' && !shown.has(d.id));
  const hidden = rest.length;
  return {
    hidden, connected: connected.size, refused: refused.size, other: Math.max(0, hidden - connected.size - refused.size),
    first: rest[0]?.name ?? null, last: rest[rest.length - 1]?.name ?? null,
  };
}
