/**
 * V4V drawn as what it is: each ring a receiver registered sits inside Xen's band,
 * under its owner; a sender's messages go down into Xen, which copies them into the
 * receiver's ring; the ring delivers up to its owner.
 */
import type { SimView } from '@engine/api';
import { XEN_H } from '@lib/layout';
import { fmtBytes } from '@lib/format';
import type { FlowEdge, V4vRingNode, V4vCopyEdge, V4vOwnEdge } from './flowTypes';

export const RING_W = 184;
export const RING_H = 54;
/**
 * Where the ring row sits inside the band, and the band's height with it: room under the
 * rings for Xen's name and its chips, in two rows when they grow at far zoom.
 */
export const RING_TOP = 26;
const CHIP_ROW = 72;
export const V4V_BAND_H = RING_TOP + RING_H + XEN_H + CHIP_ROW;

/**
 * A V4V ring's title, as the diagram and the PNG export draw it: its owner, its port, and whom
 * it takes messages from ("db :5432 ← any"). `far`: a reply ring's port (an ephemeral number) is
 * dropped at far zoom; a listening ring keeps its port.
 */
export function v4vRingTitle(r: { ownerName: string; port: number; partner: string }, far = false): { owner: string; port: string; from: string } {
  return { owner: r.ownerName, port: far && r.partner !== 'any' ? '' : ` :${r.port}`, from: `← ${r.partner}` };
}

type Pt = { x: number; y: number };
type Rect = Pt & { w: number; h: number };

/**
 * A sender's messages into a ring, as the diagram draws them (components/flow/edges.tsx) and the
 * PNG export too: down from the foot of the sender's box (a column per ring it writes to, so
 * they never cross the box), along a lane near the top of Xen's band (one per copy, so they do
 * not merge), and down into the receiver's ring. `text`: where its "⇣ Xen copies …" figure goes.
 */
export function v4vCopyPath(from: Rect, ring: Rect, d: { slot: number; slots: number; lane: number }): { pts: Pt[]; text: Pt } {
  const a = { x: from.x + from.w / 2, y: from.y + from.h };
  const bandTop = ring.y - RING_TOP;
  const sx = a.x + (d.slot - (d.slots - 1) / 2) * 18;
  const laneY = bandTop + 5 + (d.lane % 5) * 4;
  const tx = ring.x + ring.w / 2 + ((d.lane % 7) - 3) * 7;
  return { pts: [{ x: sx, y: a.y }, { x: sx, y: laneY }, { x: tx, y: laneY }, { x: tx, y: ring.y }], text: { x: sx, y: a.y + 20 + d.slot * 15 } };
}

/** Whether a copy's figure is drawn: bytes copied, and one of the sender's first two columns. */
export const v4vCopyShown = (d: { bytes: number; slot: number }) => d.bytes > 0 && d.slot < 2;
/** A copy's figure: "⇣ Xen copies 1.1 MiB" (at far zoom the page drops the words). */
const V4V_COPY_WORDS = 'Xen copies ';
export const v4vCopyText = (bytes: number) => ({ arrow: '⇣ ', words: V4V_COPY_WORDS, figure: fmtBytes(bytes) });

/** A ring handing its messages up to the domain that registered it: from its top to the owner's foot. */
export function v4vOwnPath(ring: Rect, owner: Rect): [Pt, Pt] {
  return [{ x: ring.x + ring.w / 2, y: ring.y }, { x: owner.x + owner.w / 2, y: owner.y + owner.h }];
}

export interface V4vParts { nodes: V4vRingNode[]; edges: FlowEdge[]; width: number }

export function v4vParts(
  view: SimView, pos: Map<number, { x: number; y: number; w: number }>, xenY: number, width: number,
  names: Map<number, string>, stable: <T>(id: string, key: string, make: () => T) => T,
): V4vParts {
  const v = view.v4v;
  if (!v) return { nodes: [], edges: [], width };
  const cx = (dom: number) => { const p = pos.get(dom); return p ? p.x + p.w / 2 : 0; };
  const alive = new Set(view.domains.filter((d) => d.state !== 'removed').map((d) => d.id));
  const rings = v.rings.filter((r) => alive.has(r.owner) && pos.has(r.owner)).sort((a, b) => cx(a.owner) - cx(b.owner) || a.port - b.port);
  // Every live V4V connection: the client's messages into the server's (listen) ring, the
  // server's into the client's own ring.
  const flows: Array<{ from: number; ring: string; bytes: number; up: boolean }> = [];
  for (const s of view.sockets) {
    if (s.via !== 'v4v' || s.role !== 'client' || s.state === 'closed' || s.state === 'refused' || s.state === 'reset') continue;
    const listen = rings.find((r) => r.owner === s.peerDom && r.port === s.peerPort);
    const up = s.state === 'connected';
    if (listen) flows.push({ from: s.dom, ring: listen.id, bytes: s.sent, up });
    if (s.ring && rings.some((r) => r.id === s.ring)) flows.push({ from: s.peerDom, ring: s.ring, bytes: s.received, up });
  }
  // merge flows of one sender into one ring (several sockets share a listen ring)
  const merged = new Map<string, { from: number; ring: string; bytes: number; up: boolean }>();
  for (const f of flows) {
    const k = `${f.from}>${f.ring}`;
    const m = merged.get(k);
    if (m) { m.bytes += f.bytes; m.up ||= f.up; } else merged.set(k, { ...f });
  }
  const into = new Map<string, { bytes: number; senders: number }>();
  for (const f of merged.values()) {
    const m = into.get(f.ring) ?? { bytes: 0, senders: 0 };
    m.bytes += f.bytes; m.senders++;
    into.set(f.ring, m);
  }
  const nodes: V4vRingNode[] = [];
  let right = -Infinity;
  for (const r of rings) {
    const x = Math.round(Math.max(cx(r.owner) - RING_W / 2, right + 10));
    right = x + RING_W;
    const data = {
      id: r.id, owner: r.owner, ownerName: names.get(r.owner) ?? `dom${r.owner}`, port: r.port,
      partner: r.partner === null ? 'any' : names.get(r.partner) ?? `dom${r.partner}`,
      len: r.len, used: r.used, waiting: r.waiting.length, pending: r.pending, woke: r.woken,
      copied: into.get(r.id)?.bytes ?? 0, senders: into.get(r.id)?.senders ?? 0,
    };
    const id = `v4vring-${r.id}`;
    nodes.push(stable<V4vRingNode>(id, JSON.stringify(data) + x + ',' + xenY, () => ({
      id, type: 'v4vring', position: { x, y: xenY + RING_TOP }, data, width: RING_W, height: RING_H,
      draggable: false, connectable: false, zIndex: 2,
    })));
  }
  const edges: FlowEdge[] = [];
  for (const r of rings) {
    const id = `v4vown-${r.id}`;
    edges.push(stable<V4vOwnEdge>(id, '', () => ({
      id, type: 'v4vown', source: `v4vring-${r.id}`, target: `d${r.owner}`, sourceHandle: null, targetHandle: null, data: {},
      selectable: false, focusable: false, zIndex: 1,
    })));
  }
  const perSender = new Map<number, number>();
  for (const f of merged.values()) perSender.set(f.from, (perSender.get(f.from) ?? 0) + 1);
  const seen = new Map<number, number>();
  let lane = 0;
  for (const f of merged.values()) {
    if (!alive.has(f.from) || !pos.has(f.from)) continue;
    const slot = seen.get(f.from) ?? 0;
    seen.set(f.from, slot + 1);
    const data = { bytes: f.bytes, slot, slots: perSender.get(f.from) ?? 1, lane: lane++, up: f.up };
    const id = `v4vcopy-${f.from}-${f.ring}`;
    edges.push(stable<V4vCopyEdge>(id, JSON.stringify(data), () => ({
      id, type: 'v4vcopy', source: `d${f.from}`, target: `v4vring-${f.ring}`, sourceHandle: null, targetHandle: null, data,
      selectable: false, focusable: false, zIndex: 1, ariaLabel: `${names.get(f.from) ?? f.from}'s messages, copied by Xen into a ring`,
    })));
  }
  return { nodes, edges, width: Math.max(width, right + 20, 700) };
}
