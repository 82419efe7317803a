/**
 * The diagram as a PNG, drawn on a canvas from the view model (the same nodes and
 * edges React Flow gets from toFlow), not a screenshot of the DOM: robust in headless
 * browsers and with no fetches. Colours come from the page's theme variables.
 */
import type { SimView, ScenarioDoc, RingDirView } from '@engine/api';
import { toFlow } from '@store/toFlow';
import type { FlowEdge, FlowNode } from '@store/flowTypes';
import { XEN_H } from '@lib/layout';
import { STATE_ICON } from '@lib/format';
import { partText, ringTitle, summaryTitle } from '@store/titles';
import { v4vRingTitle, v4vCopyPath, v4vCopyShown, v4vCopyText, v4vOwnPath } from '@store/toFlowV4v';

/** (the backend: its name, id, state, grants and up to three parts, a line each) */
const PAD = 24, HEAD = 44, GUEST_H = 112, BACKEND_H = 146;

type P = { x: number; y: number };
type Box = P & { w: number; h: number };

/** Each node's box in the picture (flow coordinates). */
export function nodeBoxes(nodes: readonly FlowNode[]): Map<string, Box> {
  const box = new Map<string, Box>();
  for (const n of nodes) {
    const h = n.type === 'xen' ? n.data.height : n.type === 'v4vring' ? n.height ?? 54 : n.type === 'summary' || n.data.role !== 'backend' ? GUEST_H : BACKEND_H;
    box.set(n.id, { x: n.position.x, y: n.position.y, w: n.width ?? 196, h });
  }
  return box;
}

/**
 * Where an edge's line runs and where its label goes, by the diagram's rules (components/flow/edges.tsx):
 * centre to centre, but a refusal Xen decided goes straight down into Xen's band, one the
 * client decided in its own tables hangs under the client on a short tether, and a refusal's
 * label sits where the layout found room for it. Under V4V a sender's copies run down from its
 * foot, along a lane at the top of Xen's band and down into the receiver's ring, and a ring's
 * line goes up from its top to its owner's foot (store/toFlowV4v.ts, the page's own paths).
 * `pts`: the line's points, `a` and `b` its ends.
 */
export function edgeLine(e: FlowEdge, box: (id: string) => Box | undefined): { a: P; b: P; pts: P[]; label: P } | null {
  const sb = box(e.source), tb = box(e.target);
  if (!sb || !tb) return null;
  const mid = (b: Box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
  const line = (pts: P[], label: P) => ({ a: pts[0]!, b: pts[pts.length - 1]!, pts, label });
  if (e.type === 'v4vcopy' && e.data) {
    const { pts, text } = v4vCopyPath(sb, tb, e.data);
    return line(pts, text);
  }
  if (e.type === 'v4vown') {
    const [a, b] = v4vOwnPath(sb, tb);
    return line([a, b], { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  }
  let a = mid(sb), b = mid(tb);
  if (e.type === 'fail' && e.data) {
    const at = e.data.at;
    const label = { x: at.x + at.w / 2, y: at.y + 11 };
    if (e.data.by === 'xen') b = { x: a.x, y: tb.y };
    if (e.data.by === 'self') { a = { x: a.x, y: sb.y + sb.h }; b = { x: label.x, y: at.y }; }
    return line([a, b], label);
  }
  return line([a, b], { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export async function diagramPng(view: SimView, doc: ScenarioDoc, caption: string): Promise<Blob> {
  const canvas = drawDiagram(view, doc, caption);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'));
}

/** The diagram on a new canvas; `width` fixes its width in px (default: 2x, at most 4000 px). */
export function drawDiagram(view: SimView, doc: ScenarioDoc, caption: string, width?: number): HTMLCanvasElement {
  const { nodes, edges } = toFlow(view, doc);
  const c = {
    bg: cssVar('--bg', '#f5f6f8'), panel: cssVar('--panel', '#ffffff'), ink: cssVar('--ink', '#14171c'), muted: cssVar('--muted', '#5b6472'),
    line: cssVar('--line', '#d5dae1'), data: cssVar('--data', '#0a7f6f'), bad: cssVar('--bad', '#c8102e'), backend: cssVar('--backend', '#eef0ff'),
    backendLine: cssVar('--backend-line', '#6673d6'), xen: cssVar('--xen', '#28303d'), xenInk: cssVar('--xen-ink', '#e9edf3'), ok: cssVar('--ok', '#13804a'),
  };
  const box = nodeBoxes(nodes);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const b of box.values()) {
    minX = Math.min(minX, b.x); minY = Math.min(minY, b.y); maxX = Math.max(maxX, b.x + b.w); maxY = Math.max(maxY, b.y + b.h);
  }
  const w = maxX - minX + 2 * PAD, h = maxY - minY + 2 * PAD + HEAD;
  const scale = width ? width / w : Math.min(2, 4000 / Math.max(w, h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(w * scale); canvas.height = Math.ceil(h * scale);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('this browser cannot draw on a canvas');
  g.scale(scale, scale);
  g.fillStyle = c.bg; g.fillRect(0, 0, w, h);
  g.font = 'bold 15px system-ui, DejaVu Sans, sans-serif'; g.fillStyle = c.ink; g.textBaseline = 'middle';
  g.fillText(doc.title, PAD, 20);
  g.font = '12px system-ui, DejaVu Sans, sans-serif'; g.fillStyle = c.muted;
  g.fillText(caption, PAD, 36);
  g.translate(PAD - minX, PAD + HEAD - minY);
  // as the page stacks them: Xen's band, the lines under the domains, the domains, then V4V's
  // copies and rings' lines over the band, and the rings registered in it on top
  const isV4v = (e: FlowEdge) => e.type === 'v4vcopy' || e.type === 'v4vown';
  const drawEdge = (e: FlowEdge) => {
    const line = edgeLine(e, (id) => box.get(id));
    if (!line) return;
    g.save();
    g.lineWidth = e.type === 'ring' ? 3 : e.type === 'v4vown' ? 2.5 : e.type === 'v4vcopy' ? 2 : 1.5;
    g.strokeStyle = e.type === 'ring' || e.type === 'v4vown' ? c.data : e.type === 'v4vcopy' ? (e.data?.up ? c.data : c.muted) : e.type === 'fail' ? c.bad : c.line;
    if (e.type === 'fail') g.setLineDash([6, 4]);
    if (e.type === 'v4vcopy') g.setLineDash([7, 4]);
    if (e.type === 'v4vown') g.globalAlpha = 0.55;
    g.beginPath(); g.moveTo(line.pts[0]!.x, line.pts[0]!.y);
    for (const p of line.pts.slice(1)) g.lineTo(p.x, p.y);
    g.stroke();
    g.restore();
    if (e.type === 'v4vcopy' && e.data && v4vCopyShown(e.data)) {
      const t = v4vCopyText(e.data.bytes);
      g.save();
      g.font = 'bold 12px system-ui, DejaVu Sans, sans-serif'; g.textAlign = 'center';
      g.lineJoin = 'round'; g.lineWidth = 4; g.strokeStyle = c.bg; g.fillStyle = c.data;
      const text = t.arrow + t.words + t.figure;
      g.strokeText(text, line.label.x, line.label.y); g.fillText(text, line.label.x, line.label.y);
      g.restore();
    }
    let label = '';
    if (e.type === 'fail') label = e.data?.text ?? '';
    if (e.type === 'ring' && e.data) {
      const r = view.rings.find((x) => x.key === e.data!.key);
      const pct = (d: RingDirView | null) => (d && d.size ? `${Math.round((100 * d.used) / d.size)}%` : '—');
      label = `${ringTitle(e.data)}${r ? ` · ${pct(r.ab)} / ${pct(r.ba)}` : ''}`;
    }
    if (label) pill(g, label, line.label.x, line.label.y, e.type === 'fail' ? c.bad : c.data, c.panel);
  };
  const drawNode = (n: FlowNode) => {
    const b = box.get(n.id)!;
    const lines = nodeLines(n);
    if (n.type === 'xen') {
      g.fillStyle = c.xen; roundRect(g, b.x, b.y, b.w, b.h, 8); g.fill();
      // its name, and under V4V its chips after it (as the page draws them along the band's foot)
      const y = b.y + b.h - XEN_H / 2;
      g.fillStyle = c.xenInk; g.font = 'bold 14px system-ui, DejaVu Sans, sans-serif';
      const name = lines[0]!;
      if (lines.length === 1) { g.textAlign = 'center'; g.fillText(name, b.x + b.w / 2, y); g.textAlign = 'left'; return; }
      g.fillText(name, b.x + 12, y);
      const at = b.x + 24 + g.measureText(name).width;
      g.font = '12px system-ui, DejaVu Sans, sans-serif';
      g.fillText(clip(g, lines.slice(1).join(' · '), b.x + b.w - 12 - at), at, y);
      return;
    }
    if (n.type === 'v4vring') {
      g.fillStyle = c.panel; roundRect(g, b.x, b.y, b.w, b.h, 6); g.fill();
      g.strokeStyle = c.data; g.lineWidth = 1.5; g.stroke();
      g.fillStyle = c.ink; g.font = 'bold 12px system-ui, DejaVu Sans, sans-serif';
      g.fillText(clip(g, lines[0]!, b.w - 12), b.x + 6, b.y + 16);
      return;
    }
    if (n.type === 'summary') {
      g.fillStyle = c.panel; g.strokeStyle = c.line; roundRect(g, b.x, b.y, b.w, b.h, 10); g.fill(); g.stroke();
      lines.forEach((text, i) => {
        g.fillStyle = i === 0 ? c.ink : c.muted; g.font = i === 0 ? 'bold 14px system-ui, DejaVu Sans, sans-serif' : '12px system-ui, DejaVu Sans, sans-serif';
        g.fillText(clip(g, text, b.w - 20), b.x + 10, b.y + 18 + i * 20);
      });
      return;
    }
    const d = n.data, backend = d.role === 'backend';
    g.fillStyle = backend ? c.backend : c.panel; g.strokeStyle = backend ? c.backendLine : d.state === 'running' ? c.line : c.bad; g.lineWidth = 1.5;
    roundRect(g, b.x, b.y, b.w, b.h, 10); g.fill(); g.stroke();
    const style: Array<[string, string]> = [['bold 14px', c.ink], ['11px', c.muted], ['bold 12px', d.state === 'running' ? c.ok : c.bad], ['12px', c.ink]];
    lines.forEach((text, i) => {
      const [font, colour] = style[i] ?? ['11px', c.muted];
      g.font = `${font} system-ui, DejaVu Sans, sans-serif`; g.fillStyle = colour;
      g.fillText(clip(g, text, b.w - 20), b.x + 10, b.y + 16 + i * 18);
    });
  };
  nodes.filter((n) => n.type === 'xen').forEach(drawNode);
  edges.filter((e) => !isV4v(e)).forEach(drawEdge);
  nodes.filter((n) => n.type !== 'xen' && n.type !== 'v4vring').forEach(drawNode);
  edges.filter(isV4v).forEach(drawEdge);
  nodes.filter((n) => n.type === 'v4vring').forEach(drawNode);
  return canvas;
}

/**
 * A node's lines of text in the picture, the page's words (store/titles.ts, store/toFlowV4v.ts):
 * Xen's name and its chips; a V4V ring's title; the summary's count, whom it covers and how
 * they fare; a domain's name, id, state, grants, the backend's parts (each as the page names
 * it) and its listening ports.
 */
export function nodeLines(n: FlowNode): string[] {
  if (n.type === 'xen') return [n.data.label, ...n.data.chips];
  if (n.type === 'v4vring') { const t = v4vRingTitle(n.data); return [`${t.owner}${t.port} ${t.from}`]; }
  if (n.type === 'summary') {
    const t = summaryTitle(n.data);
    return [t.name, t.which, `● ${n.data.connected} connected · ✕ ${n.data.refused} refused${n.data.other > 0 ? ` · ○ ${n.data.other} idle` : ''}`];
  }
  const d = n.data;
  const lines = [
    d.name,
    d.xenDomid !== d.id ? `dom${d.id} · CID ${d.id} → ${d.xenDomid}` : `dom${d.id} · CID ${d.id}`,
    `${STATE_ICON[d.state] ?? '?'} ${d.state}`,
    `grants ${d.grantsInUse} / ${d.grantCapacity} · ⚡ ${d.evtchnInUse} ports`,
  ];
  if (d.role === 'backend') lines.push(...d.parts.map(partText));
  if (d.listening.length) lines.push(`listening ${d.listening.slice(0, 6).map((p) => `:${p}`).join(' ')}`);
  return lines;
}

function clip(g: CanvasRenderingContext2D, text: string, max: number): string {
  if (g.measureText(text).width <= max) return text;
  let t = text;
  while (t.length > 1 && g.measureText(t + '…').width > max) t = t.slice(0, -1);
  return t + '…';
}

function pill(g: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string, bg: string) {
  g.font = '11px system-ui, DejaVu Sans, sans-serif';
  const tw = g.measureText(text).width + 12;
  g.fillStyle = bg; g.strokeStyle = colour; g.lineWidth = 1;
  roundRect(g, x - tw / 2, y - 10, tw, 20, 10); g.fill(); g.stroke();
  g.fillStyle = colour; g.textAlign = 'center'; g.fillText(text, x, y); g.textAlign = 'left';
}

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  g.beginPath(); g.roundRect(x, y, w, h, r);
}
