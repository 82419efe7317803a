/**
 * What the exported HTML shows before the simulator's code arrives: the default preset's
 * diagram (its layout, computed at build time) and narration, in the page's own layout.
 * The live page replaces it as soon as it loads. Rendered on the server only. When the URL
 * names another scenario, app/previewGuard.ts swaps the .preview-doc parts for the
 * neutral .preview-other ones before the first paint.
 */
import { FIRST_PRESET } from '../scenarios/catalog';
import { layoutDomains, NODE_W, BACKEND_W, XEN_H } from '@lib/layout';

interface PreviewDoc {
  title: string; description?: string;
  domains: { id: number; name: string; role?: string }[];
  steps: { op: string; note?: string }[];
}
const doc = FIRST_PRESET.doc as PreviewDoc;
const GUEST_H = 118, BACKEND_H = 150;

function DiagramSketch() {
  const backend = doc.domains.find((d) => d.role === 'backend') ?? doc.domains[0]!;
  const guests = doc.domains.filter((d) => d !== backend);
  const { placed, width, xenY } = layoutDomains(backend.id, guests.map((g) => g.id));
  const at = new Map(placed.map((p) => [p.id, p]));
  const b = at.get(backend.id)!;
  const pad = 30;
  return (
    <svg className="preview-diagram" viewBox={`${-20 - pad} ${-pad} ${width + 40 + 2 * pad} ${xenY + XEN_H + 2 * pad}`}
      preserveAspectRatio="xMidYMid meet" role="img" aria-label={`Diagram of ${doc.title}: ${doc.domains.map((d) => d.name).join(', ')} over Xen`}>
      {guests.map((g) => {
        const p = at.get(g.id)!;
        return <line key={`l${g.id}`} x1={p.x + NODE_W / 2} y1={p.y} x2={b.x + BACKEND_W / 2} y2={BACKEND_H} className="link-line" />;
      })}
      <rect x={b.x} y={b.y} width={BACKEND_W} height={BACKEND_H} rx={10} className="preview-node backend" />
      <text x={b.x + 12} y={b.y + 26} className="preview-name">{backend.name}</text>
      <text x={b.x + 12} y={b.y + 44} className="preview-sub">dom{backend.id} · CID {backend.id} · connection manager</text>
      {guests.map((g) => {
        const p = at.get(g.id)!;
        return (
          <g key={g.id}>
            <rect x={p.x} y={p.y} width={NODE_W} height={GUEST_H} rx={10} className="preview-node" />
            <text x={p.x + 12} y={p.y + 26} className="preview-name">{g.name}</text>
            <text x={p.x + 12} y={p.y + 44} className="preview-sub">dom{g.id} · CID {g.id}</text>
          </g>
        );
      })}
      <rect x={-20} y={xenY} width={width + 40} height={XEN_H} rx={10} className="preview-xen" />
      <text x={-4} y={xenY + 28} className="preview-xen-text">Xen hypervisor</text>
    </svg>
  );
}

const notes = doc.steps.flatMap((s) => (s.note ? [s.note] : []));
const LOADING = <p className="preview-loading" role="status">Loading the simulator…</p>;

/** The playground page's first paint. */
export function PagePreview() {
  return (
    <div className="app preview" aria-busy="true">
      <header className="topbar"><h1>Interdomain Playground</h1></header>
      <aside className="left" aria-label="Narration">
        <div className="panel preview-panel">
          <p className="preview-summary">Narration</p>
          <p className="preview-other">Loading the scenario this link opens…</p>
          <section className="narration preview-doc">
            <h2>{doc.title}</h2>
            {doc.description ? <p className="desc">{doc.description}</p> : null}
            <ol className="notes">{notes.map((n, i) => <li key={i} className="future">{n}</li>)}</ol>
          </section>
        </div>
      </aside>
      <main className="center preview-center">
        <div className="diagram preview-doc"><DiagramSketch /></div>
      </main>
      <footer className="bottombar">{LOADING}</footer>
    </div>
  );
}

/** The embed's first paint (its default panels: title, diagram, narration, controls). */
export function EmbedPreview() {
  return (
    <div className="embed preview" aria-busy="true">
      <header className="embed-title"><h1 className="preview-doc">{doc.title}</h1><h1 className="preview-other">Interdomain Playground</h1></header>
      <main className="embed-main"><div className="diagram preview-doc"><DiagramSketch /></div></main>
      <section className="embed-narration" aria-label="Narration"><p className="preview-doc">{doc.description}</p><p className="preview-other">Loading the scenario this link opens…</p></section>
      <footer className="bottombar">{LOADING}</footer>
    </div>
  );
}
