/** One line naming what a step does, with the domains' names (for the editor's step list). */
import type { Goal, ScenarioDoc, Step } from '@engine/api';

export function stepSummary(doc: ScenarioDoc, s: Step): string {
  const n = (id: number) => doc.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
  const port = (p?: number) => (p === undefined ? '' : ` :${p}`);
  switch (s.op) {
    case 'listen': return `${n(s.dom)} listens${port(s.port)}`;
    case 'connect': return `${n(s.dom)} connects to ${n(s.cid)}${port(s.port)} as ${s.as}`;
    case 'send': return `${s.conn}: ${s.side} sends ${s.bytes} bytes`;
    case 'close': return `${s.conn}: ${s.side} closes`;
    case 'allow': case 'deny': return `${s.op} ${n(s.from)} → ${n(s.to)}${port(s.port)}`;
    case 'flood': return s.conn !== undefined ? `${s.conn} floods until ${s.until} µs` : `${n(s.dom ?? -1)} floods ${n(s.cid ?? -1)}${port(s.port)} until ${s.until} µs`;
    case 'shutdown-ring': return `${n(s.dom)} sheds ${n(s.peer)}`;
    case 'migrate': return `migrate ${n(s.dom)}`;
    case 'crash': return `${n(s.dom)} crashes`;
    case 'bypass': return `${n(s.dom)} bypasses the broker to ${n(s.peer)}`;
    case 'add-domain': return `add ${s.name} (dom${s.id})`;
    case 'remove-domain': return `remove ${n(s.id)}`;
    default: return (s as { op: string }).op;
  }
}

/** One line naming what a goal asks (for the editor's goal list). */
export function goalSummary(doc: ScenarioDoc, g: Goal): string {
  const n = (id: number) => doc.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
  const range = (r: { min?: number; max?: number }) =>
    r.min !== undefined && r.max !== undefined ? `from ${r.min} to ${r.max}` : r.min !== undefined ? `at least ${r.min}` : `at most ${r.max ?? 0}`;
  if ('conn' in g) {
    return `${g.conn} ends ${g.state}${g.reason ? ` (${g.reason})` : ''}${g.bytesReceived !== undefined ? `, at least ${g.bytesReceived} bytes received` : ''}`;
  }
  if ('dom' in g) return `${n(g.dom)}'s ${g.field}: ${range(g)}`;
  return `${g.stat}: ${g.above ? `above ${g.above}` : ''}${g.above && (g.min !== undefined || g.max !== undefined) ? ', ' : ''}${g.min !== undefined || g.max !== undefined ? range(g) : ''}`;
}
