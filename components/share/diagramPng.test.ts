import { describe, it, expect } from 'vitest';
import { createPlaygroundStore } from '@store/createPlaygroundStore';
import { toFlow } from '@store/toFlow';
import { PRESETS } from '../../scenarios';
import { edgeLine, nodeBoxes, nodeLines } from './diagramPng';

/** The diagram's nodes and edges at the end of a preset, in a mode. */
function endFlow(id: string, mode?: string) {
  const p = PRESETS.find((x) => x.id === id)!;
  const s = createPlaygroundStore(p.doc, p.id);
  if (mode) { s.getState().probeModes(); expect(s.getState().setMode(mode).ok).toBe(true); }
  s.getState().seek(Number.MAX_SAFE_INTEGER);
  const st = s.getState();
  return toFlow(s.derived.viewAt(st.timeline, st.cursor), st.doc);
}

/** The PNG's lines for the refusals at the end of a preset, in a mode. */
function failLines(id: string, mode?: string) {
  const { nodes, edges } = endFlow(id, mode);
  const box = nodeBoxes(nodes);
  return edges.filter((e) => e.type === 'fail').map((e) => ({ e, box, line: edgeLine(e, (k) => box.get(k))! }));
}

describe('the PNG export draws refusals as the diagram does', () => {
  it('V4V: Xen refuses; the line goes straight down from the client to the top of Xen\'s band', () => {
    const [f] = failLines('denied-by-default', 'v4v');
    const client = f!.box.get('d1')!, xen = f!.box.get('xen')!;
    expect(f!.line.a.x).toBe(client.x + client.w / 2);
    expect(f!.line.b.x, 'straight down, not to the middle of the band').toBe(f!.line.a.x);
    expect(f!.line.b.y).toBe(xen.y);
  });

  it('the label sits where the layout found room for it, not half-way along the line', () => {
    const [f] = failLines('denied-by-default');
    const at = f!.e.type === 'fail' ? f!.e.data!.at : null;
    expect(f!.line.label).toEqual({ x: at!.x + at!.w / 2, y: at!.y + 11 });
  });

  it('a refusal decided in the client\'s own grant table: a tether under the client, nothing towards the target', () => {
    const [f] = failLines('grant-exhaustion-override');
    const hub = f!.box.get('d1')!;
    expect(f!.line.a).toEqual({ x: hub.x + hub.w / 2, y: hub.y + hub.h });
    expect(f!.line.b.y).toBeGreaterThan(hub.y + hub.h - 1);
    const peerC = f!.box.get('d4')!;
    expect(f!.line.b.x < peerC.x || f!.line.b.y > peerC.y + peerC.h || f!.line.b.x > peerC.x + peerC.w).toBe(true);
  });
});

describe('the PNG export draws V4V\'s copies as the diagram does', () => {
  it('down from the sender\'s foot, along a lane at the top of Xen\'s band, down into the ring; the ring\'s line up to its owner', () => {
    const { nodes, edges } = endFlow('flood-isolation', 'v4v');
    const box = nodeBoxes(nodes);
    const xen = box.get('xen')!;
    const copies = edges.filter((e) => e.type === 'v4vcopy');
    expect(copies.length).toBeGreaterThanOrEqual(2);
    for (const e of copies) {
      const l = edgeLine(e, (k) => box.get(k))!;
      const from = box.get(e.source)!, ring = box.get(e.target)!;
      expect(l.pts, 'three segments, not one straight line').toHaveLength(4);
      const [p0, p1, p2, p3] = l.pts as [typeof l.a, typeof l.a, typeof l.a, typeof l.a];
      expect(p0.y, 'from the sender\'s foot').toBe(from.y + from.h);
      expect(p1.x, 'straight down').toBe(p0.x);
      expect(p2.y, 'along a lane').toBe(p1.y);
      expect(p1.y > xen.y && p1.y < ring.y, 'the lane inside Xen\'s band, above the rings').toBe(true);
      expect(p3.x, 'straight down into the ring').toBe(p2.x);
      expect(p3.y).toBe(ring.y);
      expect(p3.x > ring.x && p3.x < ring.x + ring.w).toBe(true);
    }
    const own = edges.filter((e) => e.type === 'v4vown');
    expect(own).toHaveLength(3);
    for (const e of own) {
      const l = edgeLine(e, (k) => box.get(k))!;
      const ring = box.get(e.source)!, owner = box.get(e.target)!;
      expect(l.a).toEqual({ x: ring.x + ring.w / 2, y: ring.y });
      expect(l.b).toEqual({ x: owner.x + owner.w / 2, y: owner.y + owner.h });
    }
  });
});

describe('the PNG export says what the page says', () => {
  it('V4V: the rings\' titles, dom0\'s parts and Xen\'s chips as the diagram draws them', () => {
    const { nodes } = endFlow('flood-isolation', 'v4v');
    const lines = (id: string) => nodeLines(nodes.find((n) => n.id === id)!);
    // the diagram: "db :5432 ← any" (e2e/v4v-drawn.spec.ts); the old picture said "ring db :5432 ← any"
    expect(lines('v4vring-2:5432:any')).toEqual(['db :5432 ← any']);
    expect(lines('d0')).toContain('toolstack sets v4vtables rules');
    expect(lines('d0')).not.toContain('CM :1');
    const xen = lines('xen');
    expect(xen[0]).toBe('Xen hypervisor');
    expect(xen.some((c) => c.endsWith('copied by Xen'))).toBe(true);
    expect(xen.some((c) => /^\d+ wake-ups · \d+ spurious$/.test(c))).toBe(true);
  });

  it('vsock: dom0\'s connection manager named as on the page', () => {
    const { nodes } = endFlow('bypass-without-xsm');
    expect(nodeLines(nodes.find((n) => n.id === 'd0')!)).toContain('CM :1 connection manager');
  });
});
