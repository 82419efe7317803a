/**
 * The height the embed's content needs at its current width: every row as it is, and the
 * diagram as tall as its domains' layout is at the zoom that fits them across (React Flow's
 * fitView padding included). Independent of the iframe's current height, so a host that
 * sets the iframe to it settles at once.
 */
const PAD = 1.16; // fitView padding 0.08 on each side
const MAX_ZOOM = 1.1;

export function wantedHeight(): number | null {
  const root = document.querySelector<HTMLElement>('.embed');
  const main = root?.querySelector<HTMLElement>('.embed-main');
  const diagram = main?.querySelector<HTMLElement>('.diagram');
  const viewport = diagram?.querySelector<HTMLElement>('.react-flow__viewport');
  const nodes = diagram?.querySelectorAll<HTMLElement>('.react-flow__node');
  if (!root || !main || !diagram || !viewport || !nodes || nodes.length === 0) return null;
  const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a || 1;
  let top = Infinity, bottom = -Infinity, left = Infinity, right = -Infinity;
  nodes.forEach((n) => {
    const r = n.getBoundingClientRect();
    top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom); left = Math.min(left, r.left); right = Math.max(right, r.right);
  });
  const w = (right - left) / zoom, h = (bottom - top) / zoom;
  if (!(w > 0 && h > 0)) return null;
  const fit = Math.min(MAX_ZOOM, diagram.clientWidth / (w * PAD));
  const want = Math.min(900, Math.max(180, Math.ceil(h * fit * PAD)));
  const rest = root.getBoundingClientRect().height - main.getBoundingClientRect().height;
  return Math.ceil(rest + want);
}

/** Calls `report` with the wanted height whenever it changes (checked on resize and twice a second). */
export function watchHeight(report: (height: number) => void): () => void {
  let last = 0;
  const check = () => {
    const h = wantedHeight();
    if (h !== null && Math.abs(h - last) >= 2) { last = h; report(h); }
  };
  const ro = new ResizeObserver(check);
  ro.observe(document.documentElement);
  const timer = window.setInterval(check, 500);
  check();
  return () => { ro.disconnect(); window.clearInterval(timer); };
}
