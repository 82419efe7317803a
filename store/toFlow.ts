/**
 * State → React Flow nodes and edges. Objects keep their identity until what they show
 * changes (compared by a small key), so React Flow re-renders only what changed.
 * Occupancy and tokens are not here: the animation loop paints them.
 */
import type { SimView, ScenarioDoc } from '@engine/api';
import { layoutDomains, NODE_W, BACKEND_W, XEN_H, type Placed } from '@lib/layout';
import { fmtBytes } from '@lib/format';
import type { FlowNode, FlowEdge, DomainNode, XenNode, DomainData, SummaryNode } from './flowTypes';
import { shownGuests, summarise } from './lod';
import { v4vParts, V4V_BAND_H } from './toFlowV4v';
import { nodeBox, centreOf, clearMid, PANEL_W, PANEL_H, type Box } from './placement';
import { panelFor } from './toFlowPanels';
import { failEdges } from './toFlowFail';

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

/**
 * The order guests take on the arc: a guest that talks to many (3 or more) peers goes to the
 * middle, its lowest point, so its rings fan out to both sides as chords clear of the other
 * guests (from an end of the arc they would all run along it, over the guests between).
 */
function arcOrder(ids: readonly number[], doc: ScenarioDoc): { order: number[]; hub: boolean } {
  if (ids.length > 10 || ids.length < 4) return { order: [...ids], hub: false };
  const peers = new Map<number, Set<number>>();
  const add = (a: number, b: number) => { if (a !== b) peers.set(a, (peers.get(a) ?? new Set()).add(b)); };
  for (const s of doc.steps) {
    const pair = s.op === 'connect' ? [s.dom, s.cid] : s.op === 'bypass' ? [s.dom, s.peer] : null;
    if (pair && ids.includes(pair[0]!) && ids.includes(pair[1]!)) { add(pair[0]!, pair[1]!); add(pair[1]!, pair[0]!); }
  }
  const most = Math.max(0, ...ids.map((id) => peers.get(id)?.size ?? 0));
  const hubs = ids.filter((id) => (peers.get(id)?.size ?? 0) === most);
  if (most < 3 || hubs.length !== 1) return { order: [...ids], hub: false };
  const rest = ids.filter((id) => id !== hubs[0]);
  rest.splice(Math.floor(rest.length / 2), 0, hubs[0]!);
  return { order: rest, hub: true };
}

/**
 * A hub mid-arc: the arc made deep enough (a half ellipse, DEEP times as deep as it is half wide) that
 * the hub's chords to the far guests pass above the guests between, not over them.
 */
function deepen(placed: Placed[], backend: number, width: number, room: number): { placed: Placed[]; xenY: number } {
  const guests = placed.filter((p) => p.id !== backend);
  const rx = (width - NODE_W) / 2, ry = Math.round(rx * DEEP);
  const top = Math.min(...guests.map((p) => p.y));
  const out = placed.map((p, i) => {
    if (p.id === backend) return p;
    const f = guests.length === 1 ? 0.5 : (i - 1) / (guests.length - 1);
    return { ...p, y: Math.round(top + ry * Math.sin(Math.PI * f)) };
  });
  return { placed: out, xenY: top + ry + 175 + room };
}
const DEEP = 0.65;
/** Room under the hub, the arc's lowest guest, for a refusal it decided itself (its own table full) to hang at 12 px. */
const HUB_ROOM = 90;
/** Summarised (no refusal of its own drawn under it): the hub's box as it grows at far zoom, and a gap, above Xen's band. */
const HUB_CLEAR = 30;

/**
 * Room for a refusal's label to grow to 12 px on screen: two guests further apart (the fit
 * is bound by the pane's height there, so the width is free), and under V4V a taller gap
 * between the guests and Xen's band, where a refusal by Xen (v4vtables) hangs.
 */
const PAIR_SPREAD = 80;
/** How much taller than GUEST_H a guest's box gets at far zoom (measured: 155, with a row of listening ports 200). */
const GUEST_SLACK = 15, GUEST_SLACK_PORTS = 60;
/**
 * A migrated guest's id line, kept at far zoom (it says the CID changed): on a phone's pane,
 * where the name grows most, it wraps under the name (wide, it shares the name's line).
 */
const MOVED_LINE = 36;
/** Guests that listen at some point of the run (a row of ports under their gauge). */
const listenersOf = (doc: ScenarioDoc) => new Set(doc.steps.flatMap((s) => (s.op === 'listen' ? [s.dom] : [])));
const V4V_GAP = 60;
function roomy(l: { placed: Placed[]; width: number; xenY: number }, backend: number) {
  if (l.placed.length !== 3) return l;
  const guests = l.placed.filter((p) => p.id !== backend).sort((a, b) => a.x - b.x);
  const shift = new Map(guests.map((g, i) => [g.id, i === 0 ? 0 : 2 * PAIR_SPREAD]));
  return { ...l, width: l.width + 2 * PAIR_SPREAD, placed: l.placed.map((p) => ({ ...p, x: p.x + (shift.get(p.id) ?? PAIR_SPREAD) })) };
}

/** How far past Xen's band a refusal's label may reach on a wide pane (the band grows to span it). */
const SPILL = 240;

/** Where the summary of the guests not drawn goes (a slot of the layout). */
const SUMMARY = -1;

/** Whether a step of the document connects the two guests (either way, vsock or a bypass). */
function talks(doc: ScenarioDoc, a: number, b: number): boolean {
  return doc.steps.some((s) => {
    const pair = s.op === 'connect' ? [s.dom, s.cid] : s.op === 'bypass' ? [s.dom, s.peer] : null;
    return pair !== null && ((pair[0] === a && pair[1] === b) || (pair[0] === b && pair[1] === a));
  });
}

/**
 * A narrow pane (a phone) past NARROW_MAX guests: the guest with the most peers between the first
 * and the last of the rest, and the summary; every guest at a size one can read, until expanded.
 */
const NARROW_MAX = 4;
function narrowed(seen: { shown: number[]; hidden: number }, doc: ScenarioDoc): { shown: number[]; hidden: number } {
  const { shown, hidden } = seen;
  if (shown.length <= NARROW_MAX) return seen;
  const peers = new Map<number, number>();
  for (const s of doc.steps) {
    const pair = s.op === 'connect' ? [s.dom, s.cid] : s.op === 'bypass' ? [s.dom, s.peer] : [];
    for (const d of pair) peers.set(d, (peers.get(d) ?? 0) + 1);
  }
  const hub = [...shown].sort((a, b) => (peers.get(b) ?? 0) - (peers.get(a) ?? 0) || a - b)[0]!;
  const rest = shown.filter((d) => d !== hub);
  // the hub between the two, so its links fan out to both sides
  const out = [rest[0]!, hub, rest[rest.length - 1]!];
  return { shown: out, hidden: hidden + shown.length - out.length };
}

/**
 * A phone's pane: two guests side by side under the backend, the one (or two) between them in a
 * second row, so the diagram is as tall as it is wide and the fit, bound by the phone's width,
 * zooms in about twice as far as on the wide arc (text at 11 px or more rather than 9-10).
 */
const NARROW_GAP = 150, NARROW_ROW = 210, NARROW_TOP = 340;
/**
 * Two guests in the second row (a hub and a peer), under vsock: the gap between the columns as
 * wide as the panel of the ring between them, so it sits on its chord rather than in the room
 * under the hub a refusal's label needs. (V4V draws no chords between guests; the summary has
 * no ring.)
 */
const NARROW_GAP_WIDE = 230;
/**
 * One guest in the second row, under vsock, and the two above it talk to each other: their chord
 * crosses the xenbus line from dom0 down to the guest between, so a refusal's label between them
 * has no room on it; the gap made wide enough for the label (11 px) beside the middle guest, under
 * the first guest, clear of every xenbus line. The fit is bound by the pane's height there, so
 * the extra room costs a little zoom.
 */
const NARROW_GAP_PAIR = 270;
/** (and the second row lower: the label under the first guest, its box grown at far zoom, above the middle guest's) */
const NARROW_ROW_PAIR = 290;
/** Under the lowest guest: its box grown at far zoom, and a refusal's label under it. */
const NARROW_UNDER = 240;
/**
 * Two guests in the second row: a refusal's label under the hub (about 440 wide at 11 px) runs on
 * under the other guest, whose box grows further at far zoom when it listens (a row of ports).
 */
const NARROW_UNDER_WIDE = 280;
function layoutNarrow(backend: number, order: readonly number[], chords: boolean, talk: (a: number, b: number) => boolean): { placed: Placed[]; width: number; xenY: number } {
  const n = order.length;
  // the first and the last guest on top, the ones between (the hub, on the arc's middle) below;
  // the summary of the rest (taller than a guest at far zoom) below too, where it has room to grow
  const summary = order[n - 1] === SUMMARY && n > 2;
  const between = n === 1 ? [] : summary ? [...order.slice(1, n - 2), SUMMARY] : order.slice(1, n - 1);
  const wide = chords && between.length === 2 && !between.includes(SUMMARY);
  const pair = chords && between.length === 1 && between[0] !== SUMMARY && talk(order[0]!, order[n - 1]!);
  const gap = wide ? NARROW_GAP_WIDE : pair ? NARROW_GAP_PAIR : NARROW_GAP;
  const width = 2 * NODE_W + gap;
  const right = NODE_W + gap, middle = Math.round(width / 2 - NODE_W / 2);
  const placed: Placed[] = [{ id: backend, x: Math.round(width / 2 - BACKEND_W / 2), y: 0 }];
  if (n === 1) placed.push({ id: order[0]!, x: middle, y: NARROW_TOP });
  else {
    const top = summary ? order[n - 2]! : order[n - 1]!;
    placed.push({ id: order[0]!, x: 0, y: NARROW_TOP }, { id: top, x: right, y: NARROW_TOP });
    between.forEach((id, i) => placed.push({ id, x: between.length === 1 ? middle : i === 0 ? 0 : right, y: NARROW_TOP + (pair ? NARROW_ROW_PAIR : NARROW_ROW) }));
  }
  const low = Math.max(...placed.map((p) => p.y));
  return { placed, width, xenY: low + (wide ? NARROW_UNDER_WIDE : NARROW_UNDER) };
}

/** The layout depends only on the document (its backend, expanded or not, the pane narrow or not): computed once per document. */
type Layout = { backend: number; expand: boolean; narrow: boolean; pos: Map<number, { x: number; y: number }>; width: number; xenY: number; hidden: number };
const layouts = new WeakMap<ScenarioDoc, Layout>();
function layoutOf(doc: ScenarioDoc, backend: number, expand: boolean, narrow: boolean) {
  let l = layouts.get(doc);
  if (!l || l.backend !== backend || l.expand !== expand || l.narrow !== narrow) {
    const all = shownGuests(guestOrder(doc), doc, expand);
    const { shown, hidden } = narrow && !expand ? narrowed(all, doc) : all;
    // summarised: the hub still goes mid-arc among the guests drawn, the summary at the end
    const arc = arcOrder(shown, doc);
    const order = hidden > 0 ? [...arc.order, SUMMARY] : arc.order;
    const { placed, width, xenY } = narrow && order.length <= 4 ? layoutNarrow(backend, order, doc.transport !== 'v4v', (a, b) => talks(doc, a, b)) : roomy(layoutDomains(backend, order), backend);
    // V4V draws no chords between guests (Xen copies): no need to deepen there
    // (summarised: a wide diagram, whose refusals to guests not drawn are not drawn either)
    const deep = doc.transport !== 'v4v' && arc.hub && !narrow ? deepen(placed, backend, width, hidden > 0 ? HUB_CLEAR : HUB_ROOM) : null;
    l = { backend, expand, narrow, pos: new Map((deep?.placed ?? placed).map((p) => [p.id, p])), width, xenY: (deep?.xenY ?? xenY) + (doc.transport === 'v4v' ? V4V_GAP : 0), hidden };
    layouts.set(doc, l);
  }
  return l;
}

const CM_PARTS: DomainData['parts'] = [
  { label: 'CM :1', sub: 'connection manager', far: 'broker', title: "The connection manager: checks the toolstack's policy, brokers CONNECT_req/ind/ack/rsp" },
  { label: 'vsock backend', sub: '', title: 'Serves each guest\'s vsock link' },
  { label: 'xenstored', sub: '', title: 'The xenstore daemon' },
];
const XS_PARTS: DomainData['parts'] = [
  { label: 'xenstored', sub: 'broker: nodes + watches', far: 'the broker', title: 'xenstore brokers connections: a client writes a request node, the listener\'s watch fires, it answers in a node' },
  { label: 'vsock backend', sub: '', title: 'Serves each guest\'s vsock link' },
];
const V4V_PARTS: DomainData['parts'] = [
  { label: 'toolstack', sub: 'sets v4vtables rules', far: 'v4vtables rules', title: 'Only a privileged domain may change the v4vtables filter; no connection manager, no backend' },
  { label: 'xenstored', sub: '', title: 'The xenstore daemon' },
];

/** Peers per domain: the guests it shares a ring pair with (vsock) or talks to (V4V). */
function peersOf(view: SimView): Map<number, number> {
  const peerCount = new Map<number, number>();
  const pairs = new Set<string>();
  const add = (a: number, b: number) => {
    const k = `${Math.min(a, b)}-${Math.max(a, b)}`;
    if (pairs.has(k)) return;
    pairs.add(k);
    peerCount.set(a, (peerCount.get(a) ?? 0) + 1);
    peerCount.set(b, (peerCount.get(b) ?? 0) + 1);
  };
  for (const r of view.rings) if (r.state !== 'closed') add(r.a, r.b);
  for (const s of view.sockets) if (s.via === 'v4v' && s.role === 'client' && (s.state === 'connected' || s.state === 'connecting')) add(s.dom, s.peerDom);
  return peerCount;
}

function xenChips(view: SimView): { sub: string; chips: string[] } {
  if (!view.v4v) return { sub: 'grant tables · event channels · domain lifecycle', chips: [] };
  const v = view.v4v, s = view.stats;
  return {
    sub: 'V4V: copies every message into the receiver\'s ring · one doorbell (VIRQ) per domain',
    chips: [
      `${v.rings.length} ring${v.rings.length === 1 ? '' : 's'} registered`,
      `v4vtables: ${v.rules.length} rule${v.rules.length === 1 ? '' : 's'}, default ${v.defaultAccept ? 'accept' : 'reject'}`,
      `${fmtBytes(s.bytesCopiedByXen)} copied by Xen`,
      `${s.wakeups} wake-ups · ${s.spuriousWakeups} spurious`,
    ],
  };
}

/** Many guests: only a link that is closing or closed is labelled (the rest would pile up). */
function linkLabelled(l: { front: string; back: string }, many: boolean): boolean {
  return !many || /Clos/.test(l.front + l.back);
}

/** `narrow`: the pane is a phone's (fewer guests drawn, the rest summarised until expanded). */
export function toFlow(view: SimView, doc: ScenarioDoc, expand = false, narrow = false): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const { pos, width: baseWidth, xenY, hidden } = layoutOf(doc, view.backend, expand, narrow);
  const names = new Map(view.domains.map((d) => [d.id, d.name]));
  const peerCount = peersOf(view);
  const parts = doc.transport === 'v4v' ? V4V_PARTS : doc.broker === 'xenstore' ? XS_PARTS : CM_PARTS;
  const v4vRings = new Map<number, number>();
  for (const r of view.v4v?.rings ?? []) v4vRings.set(r.owner, (v4vRings.get(r.owner) ?? 0) + 1);
  const boxes = new Map<number, { x: number; y: number; w: number }>();
  for (const d of view.domains) {
    const p = pos.get(d.id);
    if (p) boxes.set(d.id, { ...p, w: d.role === 'backend' ? BACKEND_W : NODE_W });
  }
  const v4v = v4vParts(view, boxes, xenY, baseWidth, names, stable);
  const width = v4v.width;
  const nodes: FlowNode[] = [];
  for (const d of view.domains) {
    const p = pos.get(d.id);
    if (!p) continue; // summarised (level of detail)
    const data = {
      id: d.id, name: d.name, role: d.role, state: d.state, xenDomid: d.xenDomid,
      grantsInUse: d.grantsInUse, grantCapacity: d.grantCapacity, evtchnInUse: d.eventChannelsInUse,
      evtchnLimit: d.eventChannelLimit, listening: d.listening, peers: peerCount.get(d.id) ?? 0,
      linkUp: d.link ? d.link.up : null,
      parts: d.role === 'backend' ? parts : [], v4vRings: view.v4v ? v4vRings.get(d.id) ?? 0 : null,
    };
    const id = `d${d.id}`;
    nodes.push(stable<DomainNode>(id, JSON.stringify(data) + p.x + ',' + p.y, () => ({
      id, type: 'domain', position: { x: p.x, y: p.y }, data,
      width: d.role === 'backend' ? BACKEND_W : NODE_W, draggable: false,
      ariaLabel: `${d.name}, dom${d.id}, ${d.role === 'backend' ? 'backend with the connection manager' : 'guest'}, ${d.state}`,
      domAttributes: { 'aria-roledescription': 'domain' },
    })));
  }
  // Xen's band: placed once the refusals' labels are (it spans them, below)
  const xenAt = nodes.length;
  nodes.push(...v4v.nodes);
  const sp = pos.get(SUMMARY);
  if (hidden > 0 && sp) {
    const data = summarise(view, new Set(pos.keys()));
    nodes.push(stable<SummaryNode>('summary', JSON.stringify(data) + sp.x + ',' + sp.y, () => ({
      id: 'summary', type: 'summary', position: { x: sp.x, y: sp.y }, data, width: NODE_W, draggable: false, connectable: false,
    })));
  }

  const edges: FlowEdge[] = [];
  const be = `d${view.backend}`;
  // what panels and labels must keep clear of: every domain (with its ⊕ handle), Xen's band, xenbus labels
  const taken: Box[] = [];
  const boxOf = new Map<number, Box>();
  const listens = listenersOf(doc);
  for (const d of view.domains) {
    const p = pos.get(d.id);
    if (!p) continue;
    const b = nodeBox(p, d.role === 'backend');
    boxOf.set(d.id, b);
    // at far zoom a guest's text grows inside its width, so the box grows downwards (a gauge's
    // figure under its word, a row of listening ports): panels and labels keep off that too
    // (a migrated guest keeps its "domN · CID a → b" line at far zoom: on a phone, a line taller)
    taken.push(d.role === 'backend' ? b : { ...b, h: b.h + (listens.has(d.id) ? GUEST_SLACK_PORTS : GUEST_SLACK) + (narrow && d.xenDomid !== d.id ? MOVED_LINE : 0) });
  }
  taken.push({ x: -20, y: xenY, w: width + 40, h: view.v4v ? V4V_BAND_H : XEN_H });
  const beBox = boxOf.get(view.backend);
  const manyGuests = boxOf.size > 7;
  for (const d of view.domains) {
    const g = boxOf.get(d.id);
    if (d.role === 'backend' || !d.link || !g || !beBox) continue;
    if (!linkLabelled(d.link, manyGuests)) continue;
    const m = clearMid({ ...g, w: g.w - 14 }, { ...beBox, w: beBox.w - 14 });
    const w = (d.link.up ? 16 : 30) * 7.4;
    taken.push({ x: m.x - w / 2, y: m.y - 20, w, h: 18 });
  }
  for (const d of view.domains) {
    if (d.role === 'backend' || !d.link || !pos.has(d.id)) continue;
    const data = { front: d.link.front, back: d.link.back, up: d.link.up, label: linkLabelled(d.link, manyGuests) };
    const id = `link-${d.id}`;
    edges.push(stable(id, JSON.stringify(data), () => ({
      id, type: 'link' as const, source: `d${d.id}`, target: be, sourceHandle: 's', targetHandle: 't', data,
      selectable: false, focusable: false,
    })));
  }
  // pairs of guests that share a live ring: a refusal between them is not drawn
  const live = new Set<string>();
  for (const r of view.rings) if (r.state !== 'closed' && pos.has(r.a) && pos.has(r.b)) live.add(`${Math.min(r.a, r.b)}-${Math.max(r.a, r.b)}`);
  const compact = live.size > 12;
  const mid = (id: number) => { const b = boxOf.get(id); return b ? centreOf(b) : { x: 0, y: 0 }; };
  // where a panel with no room along its chord may go: between the backend's top and Xen's band
  const inside = { x: -20, y: 0, w: width + 40, h: xenY };
  // V4V: a sender's "⇣ Xen copies …" figure under its box (it grows at far zoom): refusal labels keep off it
  for (const e of v4v.edges) {
    if (e.type !== 'v4vcopy' || !e.data || e.data.bytes <= 0 || e.data.slot > 0) continue;
    const b = boxOf.get(Number(e.source.slice(1)));
    if (b) taken.push({ x: b.x + (b.w - 14) / 2 - 70, y: b.y + b.h - 50, w: 140, h: 90 + GUEST_SLACK_PORTS });
  }
  // A refusal's label keeps between the band's ends on a phone, whose fit is bound by its width;
  // on a wider pane it may reach past them (SPILL), and the band then spans it, so the fit frames it.
  const area = narrow ? inside : { ...inside, x: inside.x - SPILL, w: inside.w + 2 * SPILL };
  // a phone's xenbus lines: dom0 to every guest drawn, centre to centre
  const lines = narrow && beBox ? view.domains.flatMap((d) => (d.role !== 'backend' && d.link && boxOf.has(d.id) ? [{ a: mid(d.id), b: mid(view.backend), dom: d.id }] : [])) : [];
  const placeFails = () => failEdges({ view, doc, names, shown: (d) => pos.has(d), live, taken, mid, xenY, stable, backend: beBox, boxOf: (d) => boxOf.get(d), area, narrow, lines });
  // A phone's pane has little room to spare: the refusals' labels, which must be read (11 px), take
  // theirs first; a ring's panel then goes to the nearest free place, or its ring is drawn as a line.
  const early = narrow ? placeFails() : null;
  for (const r of view.rings) {
    if (r.state === 'closed' || !pos.has(r.a) || !pos.has(r.b)) continue;
    const pb = compact ? null : panelFor(mid(r.a), mid(r.b), PANEL_W, PANEL_H, taken, inside, { byEdge: narrow });
    const data = {
      panel: { x: pb?.x ?? 0, y: pb?.y ?? 0 },
      key: r.key, a: r.a, b: r.b, aName: names.get(r.a) ?? `dom${r.a}`, bName: names.get(r.b) ?? `dom${r.b}`,
      kind: r.kind, state: r.state, portA: r.portA, portB: r.portB, grantsA: r.grantsA, grantsB: r.grantsB, sockets: r.sockets, compact: pb === null,
    };
    const id = `ring-${r.key}`;
    edges.push(stable(id, JSON.stringify(data), () => ({
      id, type: 'ring' as const, source: `d${r.a}`, target: `d${r.b}`, sourceHandle: 's', targetHandle: 't', data,
      ariaLabel: `ring between ${data.aName} and ${data.bName}, ${data.state}`,
      domAttributes: { 'aria-roledescription': 'ring' },
    })));
  }
  const fails = early ?? placeFails();
  edges.push(...fails);
  let x0 = -20, x1 = width + 20;
  for (const f of fails) {
    const { at, grow } = f.data!;
    const W = Math.round(at.w * grow), left = Math.round(at.x + at.w / 2 - W / 2);
    x0 = Math.min(x0, left - 8); x1 = Math.max(x1, left + W + 8);
  }
  const xen = { width: x1 - x0, height: view.v4v ? V4V_BAND_H : XEN_H, label: 'Xen hypervisor', ...xenChips(view) };
  nodes.splice(xenAt, 0, stable<XenNode>('xen', JSON.stringify(xen) + xenY + ',' + x0, () => ({
    id: 'xen', type: 'xen', position: { x: x0, y: xenY }, data: xen,
    width: xen.width, height: xen.height, draggable: false, selectable: false, connectable: false, focusable: false,
  })));
  edges.push(...v4v.edges);
  if (objCache.size > 4000) objCache.clear();
  return { nodes, edges };
}
