/**
 * Refused and reset connections, drawn where the refusal happened. A broker that refuses
 * (the connection manager's policy, xenstored's permissions, Xen's v4vtables) answers the
 * client itself: the target guest never hears of it, so the red line joins the client and
 * the broker, never the target. Only a refusal the target took part in (no listener there,
 * its grants or ring refused) joins the two guests. A refusal the client decided by itself
 * (its own grant table or event channels full, so it could not even offer a ring) is drawn
 * on the client alone: nothing left it. Co-operating guests (a bypass) have no broker: a
 * refusal by Xen (XSM's hook on the peer's map or bind) goes into Xen's band, the client's
 * own full table stays on the client, the peer's full table joins the two.
 */
import type { ScenarioDoc, SimView } from '@engine/api';
import type { FailEdge, FailData } from './flowTypes';
import { place, FAIL_H, GUEST_H, type Box } from './placement';
import { panelFor } from './toFlowPanels';
import { xenRefuses } from '@lib/chartRows';

/** Reasons a client may meet in its own tables, before anything leaves it. */
const OWN_TABLE = new Set(['grant-exhausted', 'evtchn-exhausted']);

/**
 * Who refused: a broker (the edge goes to it), the client itself (`self`) or the target
 * guest's side (`peer`). A brokered client that ran out of grants or ports while offering
 * its ring never got a ring (`ring` is still null); one that ran out at the target's end had
 * offered one.
 */
export function refusedBy(doc: ScenarioDoc, s: SimView['sockets'][number]): FailData['by'] {
  if (s.state !== 'refused') return 'peer';
  const r = s.reason ?? '';
  if (s.via === 'broker' && s.ring === null && OWN_TABLE.has(r)) return 'self';
  if (s.via === 'bypass') {
    // Xen refused a hypercall (XSM's hook, a failed map): the peer's map, or the client's own port
    if (r === 'xsm-denied' || r.startsWith('grant-map-failed')) return 'xen';
    // the engine names the domain whose table had no room: the client's own, or the peer's
    return s.tableOf === s.dom ? 'self' : 'peer';
  }
  if (s.via === 'v4v') {
    // Xen checks the rules and whether a ring is registered at the port, and answers at once
    return xenRefuses(r) ? 'xen' : 'peer';
  }
  if (s.via !== 'broker') return 'peer';
  if (doc.broker === 'xenstore') return r === 'denied' || r.startsWith('xenstore-') ? 'xenstored' : 'peer';
  return r === 'denied' || r === 'unreachable' ? 'cm' : 'peer';
}

const WHO: Record<FailData['by'], string> = { cm: 'the connection manager', xenstored: 'xenstored', xen: 'Xen (v4vtables)', peer: '', self: '' };
const whoRefused = (by: FailData['by'], reason: string) => (by === 'xen' && reason === 'xsm-denied' ? 'Xen (XSM)' : WHO[by]);
const OWN_TEXT: Record<string, string> = { 'grant-exhausted': 'own grant table full', 'evtchn-exhausted': 'own event channels used up' };

export interface FailCtx {
  view: SimView; doc: ScenarioDoc; names: Map<number, string>; shown: (dom: number) => boolean;
  /** pairs of guests that share a live ring ("a-b", a < b) */
  live: ReadonlySet<string>; taken: Box[]; mid: (dom: number) => { x: number; y: number }; xenY: number;
  /** The diagram's extent across (Xen's band spans it). */
  area: Box;
  /** A domain's box (with its ⊕ handle), if drawn. */
  boxOf: (dom: number) => Box | undefined;
  /** The backend's box: its parts may make it taller than counted at far zoom, so labels keep further off. */
  backend: Box | undefined;
  stable: <T>(id: string, key: string, make: () => T) => T;
  /** A phone's pane: its fit zooms to 0.45 at the least, so a label grows at most NARROW_GROW times there. */
  narrow?: boolean;
  /**
   * Lines a label must not lie across (a phone's xenbus lines, which fan out from dom0 to every
   * guest: a label on one reads as that link's refusal).
   */
  lines?: ReadonlyArray<{ a: P; b: P; dom: number }>;
}

/** Whether the segment a→b passes through the box (grown by m on every side): Liang–Barsky clipping. */
function crosses(b: Box, a: P, c: P, m = 4): boolean {
  const dx = c.x - a.x, dy = c.y - a.y;
  let t0 = 0, t1 = 1;
  for (const [p, q] of [[-dx, a.x - (b.x - m)], [dx, b.x + b.w + m - a.x], [-dy, a.y - (b.y - m)], [dy, b.y + b.h + m - a.y]] as const) {
    if (p === 0) { if (q < 0) return false; continue; }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r); else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

/** How much a refusal's label may grow at far zoom, as room allows (the most is LABEL_MAX_SCALE in components/flow/Diagram.tsx). */
const GROWS = [3.4, 3, 2.6, 2.3, 2, 1.7, 1.5, 1.3, 1.15, 1];
/** 12.4 px / (12.5 px × 0.45), the least zoom measured on a 390 px phone (V4V's taller band): room for more is never used. */
const NARROW_GROW = 2.3;
/** On a phone's pane (zoom 0.52 or more for the layouts with xenbus lines to avoid): 12.5 px × 0.52 × 1.7 = 11 px. */
const READABLE_GROW = 1.7;
const BACKEND_SLACK = 48;
/** A refusal decided in the client: its label hangs this far under the guest's box, on a short tether. */
const SELF_DROP = 80;

type P = { x: number; y: number };
const clashes = (b: Box, taken: readonly Box[]) => taken.some((o) => b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h);
/** Which side of the line a→b the point p is on (the sign of the cross product). */
function side(a: P, b: P, p: P): number {
  return Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) || 1;
}

/** Where a refusal's label may go when its line has no room: around the client (`self`), between the two guests (`peer`), between the client and the broker or Xen that refused it. */
function nearby(c: FailCtx, f: { a: number; b: number; by: FailData['by'] }, W: number, H: number): Box | null {
  const a = c.boxOf(f.a);
  if (!a) return null;
  if (f.by === 'self') {
    // not past the diagram's sides: the fit frames the nodes, a label beyond them would be cut
    const x = Math.max(c.area.x, a.x - W), r = Math.min(c.area.x + c.area.w, a.x + a.w + W);
    return { x, y: a.y - 4 * H, w: r - x, h: c.xenY - a.y + 4 * H };
  }
  if (f.by !== 'peer') {
    // a broker's or Xen's refusal: between the client and whoever refused (the backend above, Xen's band below)
    const be = f.by === 'xen' ? undefined : c.backend;
    const x = Math.max(c.area.x, Math.min(a.x, be?.x ?? a.x) - W), r = Math.min(c.area.x + c.area.w, Math.max(a.x + a.w, be ? be.x + be.w : 0) + W);
    const y = be ? be.y : a.y, bottom = f.by === 'xen' ? c.xenY : Math.min(c.xenY, a.y + a.h + 2 * H);
    return { x, y, w: r - x, h: bottom - y };
  }
  const b = c.boxOf(f.b);
  if (!b) return null;
  const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
  // (on a phone, three labels' height under the lower one: the room beside the xenbus line to the guest between)
  const under = (c.narrow ? 4 : 2) * H;
  return { x, y: y - H, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.min(c.xenY, Math.max(a.y + a.h, b.y + b.h) + under) - y + H };
}

export function failEdges(c: FailCtx): FailEdge[] {
  const { view, doc, names } = c;
  const fails = new Map<string, { a: number; b: number; to: string; by: FailData['by']; text: string; reason: string }>();
  for (const s of view.sockets) {
    if (s.role !== 'client' || (s.state !== 'refused' && s.state !== 'reset')) continue;
    if (!names.has(s.peerDom) || s.peerDom === s.dom || !c.shown(s.dom)) continue;
    const by = refusedBy(doc, s);
    const reason = s.reason ?? s.state;
    const text = by === 'self'
      ? `✕ to ${names.get(s.peerDom) ?? s.peerDom}: ${OWN_TEXT[reason] ?? reason}`
      : `✕ ${s.state}: ${reason}`;
    if (by === 'self') {
      fails.set(`${s.dom}-self`, { a: s.dom, b: s.peerDom, to: `d${s.dom}`, by, reason, text });
    } else if (by === 'peer') {
      if (!c.shown(s.peerDom)) continue;
      const k = `${Math.min(s.dom, s.peerDom)}-${Math.max(s.dom, s.peerDom)}`;
      if (c.live.has(k)) continue;
      fails.set(k, { a: s.dom, b: s.peerDom, to: `d${s.peerDom}`, by, reason, text });
    } else {
      fails.set(`${s.dom}-${by}`, { a: s.dom, b: s.peerDom, to: by === 'xen' ? 'xen' : `d${view.backend}`, by, reason, text });
    }
  }
  const out: FailEdge[] = [];
  for (const [k, f] of fails) {
    const id = `fail-${k}`;
    const w = Math.round(f.text.length * 7.4 + 16);
    const centre = c.mid(f.a);
    // decided in the client: the label hangs under its box (a short tether, no line to anyone)
    const from = f.by === 'self' ? { x: centre.x, y: centre.y + GUEST_H / 2 + 4 } : centre;
    const end = f.by === 'xen' ? { x: from.x, y: c.xenY } : f.by === 'self' ? { x: from.x, y: from.y + SELF_DROP } : f.by === 'peer' ? c.mid(f.b) : c.mid(view.backend);
    // the label on the side of the line away from the target guest, which a broker's refusal never reached
    const away = f.by !== 'peer' && f.by !== 'self' && side(from, end, c.mid(f.b)) > 0;
    // room for the label to grow when the fit zooms out (components/flow: up to GROW times, about its centre)
    // (a crowded diagram may have no room for that: then room for the label as it is)
    const [p, q] = away ? [end, from] : [from, end];
    const avoid = c.backend ? [...c.taken, { ...c.backend, h: c.backend.h + BACKEND_SLACK }] : c.taken;
    // a broker's refusal labels the client's own xenbus line (the broker answered along it): that one it may lie on
    const own = f.by === 'cm' || f.by === 'xenstored' ? f.a : null;
    const clear = (b: Box) => !c.lines?.some((l) => l.dom !== own && crosses(b, l.a, l.b));
    const grows = c.narrow ? GROWS.filter((x) => x <= NARROW_GROW) : GROWS;
    const attempt = (gs: readonly number[], ok: (b: Box) => boolean): { grow: number; lb: Box } | null => {
      for (const g of gs) {
        const W = Math.round(w * g), H = Math.round(FAIL_H * g);
        // within the diagram's sides: the fit frames the nodes, a label past them is cut on a phone
        const b = place(p, q, W, H, [...avoid], c.area);
        if (!clashes(b, avoid) && b.x >= c.area.x && b.x + W <= c.area.x + c.area.w && ok(b)) return { grow: g, lb: b };
        // no room along the line: the nearest free place around the client (its tether reaches the
        // label wherever it is), or between the two guests whose line it labels
        const free = nearby(c, f, W, H);
        const fb = free ? panelFor(from, end, W, H, [...avoid], free, { clear: ok }) : null;
        if (fb) return { grow: g, lb: fb };
      }
      return null;
    };
    // clear of the xenbus lines at a size one can read there; failing that, as large as room allows
    const found = (c.lines?.length ? attempt(grows.filter((g) => g >= READABLE_GROW), clear) : null) ?? attempt(grows, () => true);
    const grow = found?.grow ?? 1;
    let lb = found?.lb ?? null;
    lb ??= place(p, q, w, FAIL_H, [...c.taken]);
    c.taken.push(lb);
    const W = Math.round(w * grow), H = Math.round(FAIL_H * grow);
    const data: FailData = {
      text: f.text, reason: f.reason, by: f.by, grow,
      at: { x: lb.x + Math.round((W - w) / 2), y: lb.y + Math.round((H - FAIL_H) / 2), w },
    };
    const who = names.get(f.a) ?? f.a, target = names.get(f.b) ?? f.b;
    out.push(c.stable(id, JSON.stringify(data) + f.a + f.to, () => ({
      id, type: 'fail' as const, source: `d${f.a}`, target: f.to, sourceHandle: 's', targetHandle: 't', data, selectable: false,
      ariaLabel: f.by === 'self'
        ? `${who} refused its own connection to ${target}: ${OWN_TEXT[f.reason] ?? f.reason}; ${target} never hears of it`
        : f.by === 'peer'
        ? `failed connection between ${who} and ${target}: ${f.text}`
        : `${who}'s connection to ${target}, ${f.text}, answered by ${whoRefused(f.by, f.reason)}: ${target} never hears of it`,
    })));
  }
  return out;
}
