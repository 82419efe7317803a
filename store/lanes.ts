/** The sequence chart's lifelines: the backend, every guest the run will have, Xen, xenstore. */
import type { Endpoint, ScenarioDoc } from '@engine/api';
import { guestOrder } from './toFlow';

export interface Lane { ep: Endpoint; name: string; label: string }

export function lanesOf(doc: ScenarioDoc): Lane[] {
  const be = doc.domains.find((d) => d.role === 'backend');
  const names = new Map<number, string>(doc.domains.map((d) => [d.id, d.name]));
  for (const s of doc.steps) if (s.op === 'add-domain') names.set(s.id, s.name);
  const list: Lane[] = be ? [{ ep: be.id, name: be.name, label: `${be.name} · ${backendRole(doc)}` }] : [];
  for (const id of guestOrder(doc)) {
    const name = names.get(id) ?? `dom${id}`;
    list.push({ ep: id, name, label: name });
  }
  list.push({ ep: 'xen', name: 'Xen', label: 'Xen' }, { ep: 'xenstore', name: 'xenstore', label: 'xenstore' });
  return list;
}

/** What the backend domain does in the document's mode (its lane's and chips' caption). */
export function backendRole(doc: Pick<ScenarioDoc, 'transport' | 'broker'>): string {
  if (doc.transport === 'v4v') return 'v4vtables';
  return doc.broker === 'xenstore' ? 'xenstored' : 'CM :1';
}
