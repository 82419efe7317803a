import { describe, it, expect } from 'vitest';
import { createPlaygroundStore } from './createPlaygroundStore';
import { toFlow } from './toFlow';
import type { FailEdge, RingEdge } from './flowTypes';
import { nodeBox, PANEL_W, PANEL_H, type Box } from './placement';
import { PRESETS } from '../scenarios';
import { eventsBetween, type ScenarioDoc } from '@engine/api';

/** The diagram's edges at the end of a preset, in a mode. */
function endEdges(id: string, mode?: string) {
  const p = PRESETS.find((x) => x.id === id)!;
  const s = createPlaygroundStore(p.doc, p.id);
  if (mode) { s.getState().probeModes(); expect(s.getState().setMode(mode).ok).toBe(true); }
  s.getState().seek(Number.MAX_SAFE_INTEGER);
  const st = s.getState();
  const f = toFlow(s.derived.viewAt(st.timeline, st.cursor), st.doc);
  return {
    nodes: f.nodes, fails: f.edges.filter((e): e is FailEdge => e.type === 'fail'), edges: f.edges, events: eventsBetween(st.timeline, 0, Number.MAX_SAFE_INTEGER) };
}

/** The refusal edges at the end of a document of one's own. */
function endOf(doc: Parameters<typeof createPlaygroundStore>[0]) {
  const s = createPlaygroundStore(doc, 'test');
  s.getState().seek(Number.MAX_SAFE_INTEGER);
  const st = s.getState();
  return toFlow(s.derived.viewAt(st.timeline, st.cursor), st.doc).edges.filter((e): e is FailEdge => e.type === 'fail');
}

describe('toFlow: a refusal is drawn where it happened', () => {
  it('denied-by-default: the connection manager refuses web; the red line joins web and dom0, never db', () => {
    const { fails } = endEdges('denied-by-default');
    expect(fails).toHaveLength(1);
    const f = fails[0]!;
    expect(f.source).toBe('d1');
    expect(f.target).toBe('d0');
    expect(f.data!.by).toBe('cm');
    expect(f.data!.text).toBe('✕ refused: denied');
    expect(f.ariaLabel).toContain('db never hears of it');
  });

  it('under the xenstore broker, xenstored refuses: the line ends at dom0', () => {
    const { fails } = endEdges('denied-by-default', 'vsock-xs');
    expect(fails.map((f) => [f.source, f.target, f.data!.by])).toEqual([['d1', 'd0', 'xenstored']]);
  });

  it('under V4V, Xen refuses (v4vtables): the line goes down to Xen, not to db', () => {
    const { fails } = endEdges('denied-by-default', 'v4v');
    expect(fails.map((f) => [f.source, f.target, f.data!.by])).toEqual([['d1', 'xen', 'xen']]);
  });

  it('no listener: under the connection manager the target answered (the line joins the two guests)', () => {
    const { fails } = endEdges('no-listener');
    expect(fails.length).toBeGreaterThan(0);
    for (const f of fails) {
      expect(f.data!.by).toBe('peer');
      expect(f.target).not.toBe('d0');
    }
  });

  it('grant-exhaustion-override: hub\'s own grant table is full; the refusal is drawn on hub alone, never towards peer-c', () => {
    const { fails, events } = endEdges('grant-exhaustion-override');
    // the trace says whose table was full: hub's (dom1), while granting to peer-c (dom4)
    const full = events.filter((e) => e.kind === 'gnttab' && e.op === 'exhausted');
    expect(full.map((e) => [e.src, e.dst])).toEqual([[1, 4]]);
    expect(fails).toHaveLength(1);
    const f = fails[0]!;
    expect([f.source, f.target, f.data!.by]).toEqual(['d1', 'd1', 'self']);
    expect(f.data!.text).toBe('✕ to peer-c: own grant table full');
    expect(f.ariaLabel).toContain('peer-c never hears of it');
    expect(fails.some((x) => x.target === 'd4' || x.source === 'd4')).toBe(false);
  });

  it('the same in every mode with a broker: the client\'s own table, the client\'s own label', () => {
    const { fails } = endEdges('grant-exhaustion-override', 'vsock-xs');
    expect(fails.map((f) => [f.source, f.target, f.data!.by])).toEqual([['d1', 'd1', 'self']]);
  });

  it('bypass-with-xsm: Xen\'s XSM hook refuses db\'s map; the line goes down into Xen\'s band, never to db', () => {
    const { fails } = endEdges('bypass-with-xsm');
    expect(fails.map((f) => [f.source, f.target, f.data!.by, f.data!.reason])).toEqual([['d1', 'xen', 'xen', 'xsm-denied']]);
    expect(fails[0]!.ariaLabel).toContain('answered by Xen (XSM)');
  });

  it('a bypass whose client has no room in its own grant table: drawn on the client, not towards the peer', () => {
    const p = { doc: PRESETS.find((x) => x.id === 'bypass-without-xsm')!.doc as ScenarioDoc };
    // 40 usable entries: no room for a ring's half (64 pages and the shared page)
    const own = endOf({ ...p.doc, limits: { ...p.doc.limits, grantEntries: 48 } });
    expect(own.map((f) => [f.source, f.target, f.data!.by])).toContainEqual(['d1', 'd1', 'self']);
    expect(own.some((f) => f.target === 'd2')).toBe(false);
  });

  it('a bypass whose peer has no room in its grant table: the peer\'s side refused (the line joins the two)', () => {
    const p = { doc: PRESETS.find((x) => x.id === 'bypass-without-xsm')!.doc as ScenarioDoc };
    // db has used up its table first: 80 usable entries, one bypass from cache takes 65 of them
    const doc = {
      ...p.doc, limits: { ...p.doc.limits, grantEntries: 88 },
      domains: [...p.doc.domains, { id: 3, name: 'cache' }],
      steps: [{ at: 0, op: 'listen', dom: 2, port: 6000 }, { at: 10, op: 'bypass', dom: 3, peer: 2, port: 6000 }, ...p.doc.steps],
    } as unknown as ScenarioDoc;
    const fails = endOf(doc);
    expect(fails.filter((f) => f.source === 'd1' && f.data!.reason === 'grant-exhausted').map((f) => [f.target, f.data!.by])).toEqual([['d2', 'peer']]);
  });

  it('a bypass refused by the peer\'s full table stays the peer\'s when the client\'s own table fills later', () => {
    const p = { doc: PRESETS.find((x) => x.id === 'bypass-without-xsm')!.doc as ScenarioDoc };
    // 80 usable entries: cache's ring fills db's table, so web's bypass to db is refused in db's table;
    // then web's own ring with log leaves web's table without room for another (the engine says whose it was)
    const doc = {
      ...p.doc, limits: { ...p.doc.limits, grantEntries: 88 },
      domains: [...p.doc.domains, { id: 3, name: 'cache' }, { id: 4, name: 'log' }],
      steps: [
        { at: 0, op: 'listen', dom: 2, port: 6000 }, { at: 10, op: 'bypass', dom: 3, peer: 2, port: 6000 },
        { at: 0, op: 'listen', dom: 4, port: 7000 }, ...p.doc.steps,
        { at: 5000, op: 'bypass', dom: 1, peer: 4, port: 7000 },
      ].sort((a, b) => a.at - b.at),
    } as unknown as ScenarioDoc;
    const fails = endOf(doc);
    expect(fails.filter((f) => f.source === 'd1' && f.data!.reason === 'grant-exhausted').map((f) => [f.target, f.data!.by])).toEqual([['d2', 'peer']]);
  });

  it('every refusal\'s label, grown as far as its room allows, keeps between the sides of Xen\'s band (what the fit frames)', () => {
    const out: string[] = [];
    // (the big topology's refusals are to guests it summarises: none drawn)
    for (const p of PRESETS.filter((x) => (x.doc as ScenarioDoc).domains.length <= 20)) {
      for (const mode of [undefined, 'v4v', 'vsock-xs']) {
        let got: ReturnType<typeof endEdges>;
        try { got = endEdges(p.id, mode); } catch { continue; } // a mode the preset cannot run
        const xen = got.nodes.find((n) => n.id === 'xen')!;
        for (const f of got.fails) {
          const { at, grow } = f.data!;
          const W = Math.round(at.w * grow), left = at.x + at.w / 2 - W / 2;
          if (left < xen.position.x || left + W > xen.position.x + xen.width!) out.push(`${p.id} ${mode ?? ''}: ${f.data!.text} at ${Math.round(left)}..${Math.round(left + W)}`);
        }
      }
    }
    expect(out).toEqual([]);
  });

  it('no refusal edge in any preset touches a guest that never heard of it', () => {
    for (const p of PRESETS) {
      const { fails, events } = endEdges(p.id);
      const fullTables = new Set(events.filter((e) => e.kind === 'gnttab' && e.op === 'exhausted').map((e) => `d${String(e.src)}`));
      for (const f of fails) {
        if (f.data!.by === 'self') {
          expect(f.target, p.id).toBe(f.source);
          // a grant refused in the client's own table: the trace has that table full
          if (f.data!.reason === 'grant-exhausted') expect(fullTables.has(f.source), p.id).toBe(true);
        } else if (f.data!.by !== 'peer') expect(f.target, p.id).toMatch(/^(d0|xen)$/);
      }
    }
  });
});

describe('toFlow: ring panels when one guest has many peers', () => {
  const over = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  for (const mode of ['vsock-cm', 'vsock-xs']) {
    it(`v4v-wakeup-storm under ${mode}: eight panels around db, clear of each other and of every node`, () => {
      const { nodes, edges } = endEdges('v4v-wakeup-storm', mode);
      const rings = edges.filter((e): e is RingEdge => e.type === 'ring');
      expect(rings).toHaveLength(8);
      const panels = rings.filter((r) => !r.data!.compact).map((r) => ({ id: r.id, b: { ...r.data!.panel, w: PANEL_W, h: PANEL_H } }));
      expect(panels.length, 'every ring keeps its panel').toBe(8);
      const boxes = nodes.filter((n) => n.type === 'domain').map((n) => ({ id: n.id, b: nodeBox(n.position, n.type === 'domain' && n.data.role === 'backend') }));
      const clashes: string[] = [];
      panels.forEach((p, i) => {
        for (const q of panels.slice(i + 1)) if (over(p.b, q.b)) clashes.push(`${p.id} × ${q.id}`);
        for (const n of boxes) if (over(p.b, n.b)) clashes.push(`${p.id} × ${n.id}`);
      });
      expect(clashes).toEqual([]);
    });
  }

  for (const mode of [undefined, 'vsock-cm']) {
    it(`v4v-no-grants${mode ? ` under ${mode}` : ''}: summarised, the hub still sits mid-arc; panels clear of every node`, () => {
      const { nodes, edges } = endEdges('v4v-no-grants', mode);
      const box = (n: (typeof nodes)[number]) => nodeBox(n.position, n.type === 'domain' && n.data.role === 'backend');
      const guests = nodes.filter((n) => (n.type === 'domain' && n.data.role !== 'backend') || n.type === 'summary');
      const hub = nodes.find((n) => n.id === 'd1')!;
      const left = guests.filter((n) => n.position.x < hub.position.x).length, right = guests.filter((n) => n.position.x > hub.position.x).length;
      expect(Math.abs(left - right), `hub between ${left} and ${right} guests`).toBeLessThanOrEqual(1);
      const panels = edges.filter((e): e is RingEdge => e.type === 'ring' && !e.data!.compact).map((r) => ({ id: r.id, b: { ...r.data!.panel, w: PANEL_W, h: PANEL_H } }));
      if (mode) expect(panels.length).toBeGreaterThan(0);
      const clashes: string[] = [];
      for (const p of panels) for (const n of [...guests, nodes.find((x) => x.id === 'd0')!]) if (over(p.b, box(n))) clashes.push(`${p.id} × ${n.id}`);
      expect(clashes).toEqual([]);
    });
  }

  it('v4v-wakeup-storm under vsock: db sits mid-arc, its rings fan out to both sides, clear of the middle of every other guest', () => {
    const { nodes, edges } = endEdges('v4v-wakeup-storm', 'vsock-cm');
    const box = new Map(nodes.filter((n) => n.type === 'domain').map((n) => [n.id, nodeBox(n.position, n.type === 'domain' && n.data.role === 'backend')]));
    const centre = (b: Box) => ({ x: b.x + (b.w - 14) / 2, y: b.y + b.h / 2 });
    const crossed: string[] = [];
    for (const r of edges.filter((e): e is RingEdge => e.type === 'ring')) {
      const a = centre(box.get(r.source)!), b = centre(box.get(r.target)!);
      for (const [id, o] of box) {
        if (id === r.source || id === r.target) continue;
        for (let i = 1; i < 40; i++) {
          const x = a.x + ((b.x - a.x) * i) / 40, y = a.y + ((b.y - a.y) * i) / 40;
          // the middle half of the guest's box (its name, state and gauge): a chord may clip a corner
          const w = o.w - 14, inX = x > o.x + w / 4 && x < o.x + (3 * w) / 4, inY = y > o.y + o.h / 4 && y < o.y + (3 * o.h) / 4;
          if (inX && inY) { crossed.push(`${r.id} over ${id}`); break; }
        }
      }
    }
    // db's two neighbours on the arc are nearly level with it: the chords to the guests past them clip their middle
    expect(crossed).toEqual(['ring-1:4 over d5', 'ring-1:7 over d6']);
    const db = box.get('d1')!;
    const others = [...box].filter(([id]) => id !== 'd0' && id !== 'd1').map(([, b]) => b.x);
    expect(others.filter((x) => x < db.x).length, 'peers left of db').toBe(4);
    expect(others.filter((x) => x > db.x).length, 'peers right of db').toBe(4);
  });
});

describe('toFlow: a phone\'s narrow pane', () => {
  it('v4v-wakeup-storm: db, the first and the last writer and a summary of the other six; all nine when wide', () => {
    const p = PRESETS.find((x) => x.id === 'v4v-wakeup-storm')!;
    const s = createPlaygroundStore(p.doc, p.id);
    s.getState().seek(Number.MAX_SAFE_INTEGER);
    const st = s.getState();
    const view = s.derived.viewAt(st.timeline, st.cursor);
    const guests = (narrow: boolean) => toFlow(view, st.doc, false, narrow).nodes.filter((n) => n.type === 'domain' && n.data.role !== 'backend').map((n) => n.id);
    expect(guests(true).sort()).toEqual(['d1', 'd2', 'd9']);
    const at = (id: string) => toFlow(view, st.doc, false, true).nodes.find((n) => n.id === id)!.position;
    // two rows: the two writers on top, db under them with the summary beside it, so its links
    // go up to both writers and pass over nobody
    expect(at('d1').y > at('d2').y && at('d1').y > at('d9').y, 'db under the two writers').toBe(true);
    expect(at('d2').x <= at('d1').x && at('d1').x < at('d9').x, 'db not past the writer on the right').toBe(true);
    const sp = toFlow(view, st.doc, false, true).nodes.find((n) => n.type === 'summary')!.position;
    expect(sp.y, 'the summary in db\'s row, room to grow under it').toBe(at('d1').y);
    const summary = toFlow(view, st.doc, false, true).nodes.find((n) => n.type === 'summary');
    expect(summary?.type === 'summary' && summary.data.hidden).toBe(6);
    expect(guests(false)).toHaveLength(9);
    // mid-run, the six it hides are writing on V4V streams: connected, not idle
    let a = st.timeline.firstAction;
    const connected = (v: typeof view) => v.sockets.filter((x) => x.role === 'client' && x.state === 'connected').length;
    while (a < st.rec.last && connected(s.derived.viewAt(st.timeline, a)) < 8) a++;
    const mid = toFlow(s.derived.viewAt(st.timeline, a), st.doc, false, true).nodes.find((n) => n.type === 'summary');
    expect(mid?.type === 'summary' && { connected: mid.data.connected, other: mid.data.other }).toEqual({ connected: 6, other: 0 });
    // expanded, a phone draws them all too
    expect(toFlow(view, st.doc, true, true).nodes.filter((n) => n.type === 'domain')).toHaveLength(10);
  });

  /** The diagram a phone draws at an action of a preset (the end by default). */
  function phoneAt(id: string, at?: (s: ReturnType<typeof createPlaygroundStore>) => number) {
    const p = PRESETS.find((x) => x.id === id)!;
    const s = createPlaygroundStore(p.doc, p.id);
    s.getState().seek(Number.MAX_SAFE_INTEGER);
    if (at) s.getState().seek(at(s));
    const st = s.getState();
    return toFlow(s.derived.viewAt(st.timeline, st.cursor), st.doc, false, true);
  }
  const labelBox = (f: FailEdge): Box => {
    const { at, grow } = f.data!;
    const W = at.w * grow, H = 22 * grow;
    return { x: at.x + at.w / 2 - W / 2, y: at.y + 11 - H / 2, w: W, h: H };
  };
  const meet = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it('grant-exhaustion-override: the hub\'s own-table refusal keeps room to grow to 11 px (1.7x); no ring panel in it', () => {
    const f = phoneAt('grant-exhaustion-override');
    const [fail] = f.edges.filter((e): e is FailEdge => e.type === 'fail');
    expect(fail!.data!.by).toBe('self');
    expect(fail!.data!.grow, 'the label may grow to 12.5 px × 1.7 × zoom 0.54 = 11.5 px').toBeGreaterThanOrEqual(1.7);
    const panels = f.edges.filter((e): e is RingEdge => e.type === 'ring' && !e.data!.compact).map((e) => ({ x: e.data!.panel.x, y: e.data!.panel.y, w: PANEL_W, h: PANEL_H }));
    expect(panels, 'both rings keep a panel').toHaveLength(2);
    for (const p of panels) expect(meet(labelBox(fail!), p)).toBe(false);
  });

  it('migrate-reconnect: both resets readable while web is away, each clear of every xenbus line', () => {
    const cross = (b: Box, a: { x: number; y: number }, c: { x: number; y: number }) => {
      // sampled along the segment: any point inside the label's box
      for (let t = 0; t <= 1; t += 0.002) {
        const x = a.x + (c.x - a.x) * t, y = a.y + (c.y - a.y) * t;
        if (x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h) return true;
      }
      return false;
    };
    let twoAt = -1;
    const f = phoneAt('migrate-reconnect', (s) => {
      const st = s.getState();
      for (let a = st.timeline.firstAction; a <= st.rec.last; a++) {
        // the first moment both resets are drawn (their rings closed)
        const flow = toFlow(s.derived.viewAt(st.timeline, a), st.doc, false, true);
        if (flow.edges.filter((e) => e.type === 'fail').length === 2) { twoAt = a; return a; }
      }
      return st.rec.last;
    });
    expect(twoAt, 'a moment with both connections reset').toBeGreaterThan(0);
    const fails = f.edges.filter((e): e is FailEdge => e.type === 'fail');
    expect(fails, `at action ${twoAt}`).toHaveLength(2);
    const centre = (id: string) => {
      const n = f.nodes.find((x) => x.id === id)!;
      return { x: n.position.x + (n.width ?? 0) / 2, y: n.position.y + 70 };
    };
    const links = f.edges.filter((e) => e.type === 'link').map((e) => [centre(e.source), centre(e.target)] as const);
    expect(links.length).toBeGreaterThan(0);
    for (const x of fails) {
      expect(x.data!.grow, x.data!.text).toBeGreaterThanOrEqual(1.7);
      for (const [a, b] of links) expect(cross(labelBox(x), a, b), `${x.data!.text} on a xenbus line`).toBe(false);
    }
  });
});
