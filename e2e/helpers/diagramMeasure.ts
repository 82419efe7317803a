/** What the diagram shows on screen, measured in the page (passed to page.evaluate: self-contained). */

/** Boxes of the diagram's parts on screen, the overlaps between them and the smallest text. */
export function measure(): {
  zoom: number; minFont: number; minText: string; minName: number; minLabel: number; overlaps: string[]; cut: string[]; domains: number;
  outside: string[]; smallest: string[]; summarised: boolean; acrossLinks: string[];
} {
  const vp = document.querySelector('.react-flow__viewport')!;
  const m = /matrix\(([^)]+)\)/.exec(getComputedStyle(vp).transform);
  const zoom = m ? Number(m[1]!.split(',')[0]) : 1;
  type B = { kind: string; owner: string | null; r: DOMRect; name: string };
  const boxes: B[] = [];
  const add = (el: Element, kind: string, owner: string | null) => {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) boxes.push({ kind, owner, r, name: el.getAttribute('data-testid') ?? el.getAttribute('data-id') ?? kind });
  };
  document.querySelectorAll('.react-flow__node:not(.react-flow__node-xen)').forEach((n) => add(n, 'node', n.getAttribute('data-id')));
  // a V4V ring's box as drawn (its text grows at far zoom, past the node's own box)
  document.querySelectorAll('.v4v-ring').forEach((n) => add(n, 'ring in Xen', n.closest('.react-flow__node')!.getAttribute('data-id')));
  document.querySelectorAll('.react-flow__node .connect-handle').forEach((h) => add(h, 'handle', h.closest('.react-flow__node')!.getAttribute('data-id')));
  document.querySelectorAll('.ring-panel rect.ring-box').forEach((p) => add(p, 'ring panel', null));
  document.querySelectorAll('.fail-edge rect').forEach((p) => add(p, 'refusal label', null));
  document.querySelectorAll('.link-text, .v4v-copy-text').forEach((p) => add(p, 'edge label', null));
  // Xen's band: its name and (V4V) its chips, under the rings drawn inside it
  document.querySelectorAll('.xen-band strong, .xen-chip').forEach((p) => add(p, 'Xen label', null));
  // the zoom buttons float over the pane
  document.querySelectorAll('.react-flow__controls').forEach((p) => add(p, 'zoom buttons', null));
  const overlaps: string[] = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i]!, b = boxes[j]!;
    if (a.owner && a.owner === b.owner) continue;
    const ox = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
    const oy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
    if (ox > 1 && oy > 1) overlaps.push(`${a.kind} ${a.name} × ${b.kind} ${b.name}`);
  }
  // parts that reach past the diagram's pane (cut by its edge)
  const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
  const outside = boxes.filter((b) => b.kind !== 'zoom buttons' && (b.r.left < pane.left - 1 || b.r.right > pane.right + 1 || b.r.top < pane.top - 1 || b.r.bottom > pane.bottom + 1))
    .map((b) => `${b.kind} ${b.name} [${Math.round(b.r.left - pane.left)}..${Math.round(b.r.right - pane.left)} of ${Math.round(pane.width)}]`);
  const sizes = new Map<string, number>();
  let minFont = Infinity, minText = '';
  const walk = document.createTreeWalker(document.querySelector('.react-flow__renderer')!, NodeFilter.SHOW_TEXT);
  for (let t = walk.nextNode(); t; t = walk.nextNode()) {
    const el = t.parentElement;
    if (!el || !t.textContent?.trim() || el.getBoundingClientRect().width === 0) continue;
    // SVG labels may be scaled on their own (far level of detail): their screen matrix has it
    const svgScale = el instanceof SVGGraphicsElement ? (() => { const m = el.getScreenCTM(); return m ? Math.hypot(m.a, m.b) : zoom; })() : zoom;
    const f = parseFloat(getComputedStyle(el).fontSize) * svgScale;
    if (f < minFont) { minFont = f; minText = t.textContent.trim().slice(0, 40); }
    const k = t.textContent.trim().slice(0, 30);
    sizes.set(k, Math.min(sizes.get(k) ?? Infinity, f));
  }
  // the domains' names, on screen
  let minName = Infinity;
  document.querySelectorAll('.react-flow__node-domain .domain-name').forEach((n) => { minName = Math.min(minName, parseFloat(getComputedStyle(n).fontSize) * zoom); });
  // refusals' labels, on screen (their own scale included)
  let minLabel = Infinity;
  document.querySelectorAll<SVGGraphicsElement>('.fail-text').forEach((t) => {
    const m = t.getScreenCTM();
    if (m) minLabel = Math.min(minLabel, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
  });
  // figures cut short by their box (an ellipsis where a number should be)
  const cut: string[] = [];
  // (and names, the backend's parts, Xen's chips ending in an ellipsis)
  document.querySelectorAll<HTMLElement>('.gauge-row > span, .v4v-ring-title, .domain-name, .backend-parts .part, .part-far, .xen-chip').forEach((el) => {
    if (el.scrollWidth > el.clientWidth + 1) cut.push(`"${el.textContent?.trim()}" in ${el.closest('.react-flow__node')?.getAttribute('data-id')}`);
  });
  // refusal labels lying across a xenbus line (dom0 to a guest): read as that link's refusal
  const acrossLinks: string[] = [];
  const lines = [...document.querySelectorAll<SVGPathElement>('.link-edge .link-line')].flatMap((l) => {
    const m = l.getScreenCTM();
    const n = (l.getAttribute('d') ?? '').match(/-?[\d.]+/g)?.map(Number) ?? [];
    if (!m || n.length < 4) return [];
    const at = (x: number, y: number) => ({ x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
    return [{ a: at(n[0]!, n[1]!), b: at(n[2]!, n[3]!), who: l.closest('.link-edge')?.getAttribute('data-testid') ?? 'link' }];
  });
  document.querySelectorAll('.fail-edge rect').forEach((el) => {
    const r = el.getBoundingClientRect();
    // a broker's refusal labels the client's own xenbus line (the broker answered along it)
    const edge = el.closest('.fail-edge');
    const by = edge?.getAttribute('data-by');
    const own = by === 'cm' || by === 'xenstored' ? `link-${edge?.getAttribute('data-source')}` : null;
    for (const { a, b, who } of lines) {
      if (who === own) continue;
      // Liang–Barsky: does the segment pass through the label's box (1 px in from its sides)?
      const dx = b.x - a.x, dy = b.y - a.y;
      let t0 = 0, t1 = 1, hit = true;
      for (const [p, q] of [[-dx, a.x - (r.left + 1)], [dx, r.right - 1 - a.x], [-dy, a.y - (r.top + 1)], [dy, r.bottom - 1 - a.y]] as const) {
        if (p === 0) { if (q < 0) { hit = false; break; } continue; }
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t); else t1 = Math.min(t1, t);
        if (t0 > t1) { hit = false; break; }
      }
      if (hit) acrossLinks.push(`"${el.parentElement?.textContent?.trim()}" across ${who}`);
    }
  });
  const smallest = [...sizes].sort((a, b) => a[1] - b[1]).slice(0, 6).map(([t, f]) => `${f.toFixed(1)} px "${t}"`);
  return { zoom, minFont, minText, minName, minLabel, overlaps, cut, domains: document.querySelectorAll('.react-flow__node-domain').length, outside, smallest,
    summarised: document.querySelector('.lod-summary') !== null, acrossLinks };
}
