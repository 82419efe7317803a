'use client';
/** Downloads: the scenario, the trace (JSON lines or for Perfetto), the sequence as Mermaid and SVG, the diagram as PNG. */
import { useState } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { scenarioText, traceText, mermaidText, svgText, windowNote } from '@store/exports';
import { endSeqAt, timeAt } from '@store/timeline';
import { fmtTime } from '@lib/format';
import { Modal, download, slug } from './Modal';
import { lazyPart } from '@lib/lazy';

/** The animated export and its encoders load when the dialog opens, never with the page. */
const AnimationExport = lazyPart(() => import('./AnimationExport').then((m) => m.default), <p className="muted">Loading the animation export…</p>);


type Kind = 'scenario' | 'trace' | 'perfetto' | 'mermaid' | 'svg' | 'png';
const ITEMS: Array<{ kind: Kind; label: string; what: string }> = [
  { kind: 'scenario', label: 'Scenario (JSON)', what: 'the document: import it here, or run it with npm run scenario' },
  { kind: 'trace', label: 'Trace (JSON lines)', what: 'every event of the run, one JSON object a line' },
  { kind: 'perfetto', label: 'Trace for Perfetto (JSON)', what: 'Trace Event Format: open it in ui.perfetto.dev or chrome://tracing' },
  { kind: 'mermaid', label: 'Sequence (Mermaid)', what: 'sequenceDiagram text of the rows the chart shows' },
  { kind: 'svg', label: 'Sequence chart (SVG)', what: 'a standalone picture of the chart rows' },
  { kind: 'png', label: 'Diagram (PNG)', what: 'the diagram at the current point of the run' },
];

export default function ExportDialog({ onClose }: { onClose(): void }) {
  const store = usePlaygroundStore();
  const showAll = usePg((s) => s.showAll);
  // a long run's recording holds only its latest part: the trace and chart exports say so
  const note = usePg((s) => (s.rec && windowNote(s.timeline)));
  const [status, setStatus] = useState('');
  const run = async (kind: Kind) => {
    const s = store.getState();
    const tl = s.timeline, base = slug(tl.doc.title);
    try {
      if (kind === 'scenario') download(`${base}.scenario.json`, scenarioText(tl), 'application/json');
      else if (kind === 'trace') download(`${base}.trace.jsonl`, traceText(tl), 'application/x-ndjson');
      else if (kind === 'perfetto') {
        const { chromeTraceText } = await import('@lib/exportChromeTrace');
        download(`${base}.perfetto.json`, chromeTraceText(tl.events, tl.doc), 'application/json');
      } else if (kind === 'mermaid') download(`${base}.sequence.mmd`, mermaidText(tl, showAll));
      else if (kind === 'svg') download(`${base}.sequence.svg`, svgText(tl, showAll), 'image/svg+xml');
      else {
        const { diagramPng } = await import('./diagramPng');
        const caption = `t = ${fmtTime(timeAt(tl, s.cursor))} · event ${endSeqAt(tl, s.cursor)}/${s.rec.events}${s.rec.ended ? '' : '+'}`;
        download(`${base}.diagram.png`, await diagramPng(store.derived.viewAt(tl, s.cursor), tl.doc, caption));
      }
      const part = note && kind !== 'scenario' && kind !== 'png' ? ' It holds only part of the run (see above).' : '';
      setStatus(`${ITEMS.find((i) => i.kind === kind)!.label}: downloaded.${part}`);
    } catch (e) {
      setStatus(`Export failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  };
  return (
    <Modal title="Export" testId="export-dialog" onClose={onClose}>
      {note ? <p className="window-note" role="note" data-testid="export-window-note">Trace and sequence exports: {note}</p> : null}
      <ul className="export-list">
        {ITEMS.map((i) => (
          <li key={i.kind}>
            <button type="button" onClick={() => void run(i.kind)} data-testid={`export-${i.kind}`}>{i.label}</button>
            <span className="muted">{i.what}</span>
          </li>
        ))}
      </ul>
      <p role="status" className="status" data-testid="export-status">{status}</p>
      <AnimationExport />
    </Modal>
  );
}
