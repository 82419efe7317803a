'use client';
/**
 * Details of the selected domain or ring at the cursor: grants, ports, xenstore, sockets,
 * ring indices. The tables (InspectorDetail.tsx) load with the first selection.
 */
import { lazyPart } from '@lib/lazy';
import { usePg, usePanelView, inPanelGroup, withEngine, PANEL_GROUP } from '@store/index';

const loading = <p className="muted">Loading the details…</p>;
const DomainInspector = lazyPart(() => withEngine(import('./InspectorDetail')).then((m) => m.DomainInspector), loading);
const RingTable = lazyPart(() => withEngine(import('./InspectorDetail')).then((m) => m.RingTable), loading);

/** Fetch the tables before they are needed (the pointer is over the diagram). */
export function prefetchInspector(): void { void withEngine(import('./InspectorDetail')); }

function InspectorImpl() {
  const sel = usePg((s) => s.selection);
  const v = usePanelView();
  return (
    <section className="inspector" aria-label="Inspector" tabIndex={-1} data-testid="inspector">
      {!sel ? <p className="muted">Click a domain or a ring on the diagram (or focus it and press Enter).</p>
        : sel.kind === 'domain' ? <DomainInspector id={sel.id} v={v} />
          : (() => { const r = v.rings.find((x) => x.key === sel.key); return r ? <RingTable r={r} v={v} /> : <p className="muted">This ring is not set up at this point.</p>; })()}
    </section>
  );
}
/** Follows the moment as the side group (store/panelMoment.ts). */
export const Inspector = inPanelGroup(PANEL_GROUP.side, InspectorImpl);
