/**
 * State → React Flow nodes and edges. Objects keep their identity until what they show
 * changes (compared by a small key), so React Flow re-renders only what changed.
 * Occupancy and tokens are not here: the animation loop paints them.
 */
import type { SimView, ScenarioDoc } from '@engine/api';
import { layoutDomains, NODE_W, BACKEND_W, XEN_H } from '@lib/layout';
import type { FlowNode, FlowEdge, DomainNode, XenNode } from './flowTypes';

const objCache = new Map<string, { key: string; obj: unknown }>();

function stable<T>(id: string, key: string, make: () => T): T {
  const hit = objCache.get(id);
  if (hit && hit.key === key) return hit.obj as T;
  const obj = make();
  objCache.set(id, { key, obj });
  return obj;
}

/** Every guest the run will ever have, in order of appearance: positions never jump. */
export function guestOrder(doc: ScenarioDoc): number[] {
  const ids = doc.domains.filter((d) => d.role !== 'backend').map((d) => d.id);
  for (const s of doc.steps) if (s.op === 'add-domain' && !ids.includes(s.id)) ids.push(s.id);
  return ids;
}

/** The layout depends only on the document (and its backend): computed once per document. */
const layouts = new WeakMap<ScenarioDoc, { backend: number; pos: Map<number, { x: number; y: number }>; width: number; xenY: number }>();
function layoutOf(doc: ScenarioDoc, backend: number) {
  let l = layouts.get(doc);
  if (!l || l.backend !== backend) {
    const { placed, width, xenY } = layoutDomains(backend, guestOrder(doc));
    l = { backend, pos: new Map(placed.map((p) => [p.id, p])), width, xenY };
    layouts.set(doc, l);
  }
  return l;
}

export function toFlow(view: SimView, doc: ScenarioDoc): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const { pos, width, xenY } = layoutOf(doc, view.backend);
  const names = new Map(view.domains.map((d) => [d.id, d.name]));
  const peerCount = new Map<number, number>();
  for (const r of view.rings) if (r.state !== 'closed') {
    peerCount.set(r.a, (peerCount.get(r.a) ?? 0) + 1);
    peerCount.set(r.b, (peerCount.get(r.b) ?? 0) + 1);
  }
  const nodes: FlowNode[] = [];
  for (const d of view.domains) {
    const p = pos.get(d.id) ?? { x: 0, y: 0 };
    const data = {
      id: d.id, name: d.name, role: d.role, state: d.state, xenDomid: d.xenDomid,
      grantsInUse: d.grantsInUse, grantCapacity: d.grantCapacity, evtchnInUse: d.eventChannelsInUse,
      evtchnLimit: d.eventChannelLimit, listening: d.listening, peers: peerCount.get(d.id) ?? 0,
      linkUp: d.link ? d.link.up : null,
    };
    const id = `d${d.id}`;
    nodes.push(stable<DomainNode>(id, JSON.stringify(data) + p.x + ',' + p.y, () => ({
      id, type: 'domain', position: { x: p.x, y: p.y }, data,
      width: d.role === 'backend' ? BACKEND_W : NODE_W, draggable: false,
      ariaLabel: `${d.name}, dom${d.id}, ${d.role === 'backend' ? 'backend with the connection manager' : 'guest'}, ${d.state}`,
      domAttributes: { 'aria-roledescription': 'domain' },
    })));
  }
  nodes.push(stable<XenNode>('xen', `${width},${xenY}`, () => ({
    id: 'xen', type: 'xen', position: { x: -20, y: xenY }, data: { width: width + 40, label: 'Xen hypervisor' },
    width: width + 40, height: XEN_H, draggable: false, selectable: false, connectable: false, focusable: false,
  })));

  const edges: FlowEdge[] = [];
  const be = `d${view.backend}`;
  for (const d of view.domains) {
    if (d.role === 'backend' || !d.link) continue;
    const data = { front: d.link.front, back: d.link.back, up: d.link.up };
    const id = `link-${d.id}`;
    edges.push(stable(id, JSON.stringify(data), () => ({
      id, type: 'link' as const, source: `d${d.id}`, target: be, sourceHandle: 's', targetHandle: 't', data,
      selectable: false, focusable: false,
    })));
  }
  const live = new Set<string>();
  const compact = view.rings.filter((r) => r.state !== 'closed').length > 12;
  for (const r of view.rings) {
    if (r.state === 'closed') continue;
    live.add(`${Math.min(r.a, r.b)}-${Math.max(r.a, r.b)}`);
    const data = {
      key: r.key, a: r.a, b: r.b, aName: names.get(r.a) ?? `dom${r.a}`, bName: names.get(r.b) ?? `dom${r.b}`,
      kind: r.kind, state: r.state, portA: r.portA, portB: r.portB, grantsA: r.grantsA, grantsB: r.grantsB, sockets: r.sockets, compact,
    };
    const id = `ring-${r.key}`;
    edges.push(stable(id, JSON.stringify(data), () => ({
      id, type: 'ring' as const, source: `d${r.a}`, target: `d${r.b}`, sourceHandle: 's', targetHandle: 't', data,
      ariaLabel: `ring between ${data.aName} and ${data.bName}, ${data.state}`,
      domAttributes: { 'aria-roledescription': 'ring' },
    })));
  }
  // A refused or reset connection between a pair with no live ring: a red ✕ edge with the reason.
  const fails = new Map<string, { a: number; b: number; text: string; reason: string }>();
  for (const s of view.sockets) {
    if (s.role !== 'client' || (s.state !== 'refused' && s.state !== 'reset')) continue;
    if (!names.has(s.peerDom) || s.peerDom === s.dom) continue;
    const k = `${Math.min(s.dom, s.peerDom)}-${Math.max(s.dom, s.peerDom)}`;
    if (live.has(k)) continue;
    const reason = s.reason ?? s.state;
    fails.set(k, { a: s.dom, b: s.peerDom, reason, text: `✕ ${s.state}: ${reason}` });
  }
  for (const [k, f] of fails) {
    const id = `fail-${k}`;
    const data = { text: f.text, reason: f.reason };
    edges.push(stable(id, JSON.stringify(data) + f.a, () => ({
      id, type: 'fail' as const, source: `d${f.a}`, target: `d${f.b}`, sourceHandle: 's', targetHandle: 't', data, selectable: false,
      ariaLabel: `failed connection between ${names.get(f.a) ?? f.a} and ${names.get(f.b) ?? f.b}: ${f.text}`,
    })));
  }
  if (objCache.size > 4000) objCache.clear();
  return { nodes, edges };
}
