'use client';
/** One pane of the compare view: its own playground (store, diagram, caches), its clock readout and figures. */
import { memo } from 'react';
import { useStore } from 'zustand';
import { PlaygroundProvider, usePg } from '@store/index';
import type { Clock, ComparePane as Pane } from '@store/compare';
import { Diagram } from '../flow/Diagram';
import { PaneFigures } from './PaneFigures';
import { ErrorBanner } from '../panels/ErrorBanner';
import { fmtTime } from '@lib/format';
import { endSeqAt } from '@store/timeline';

const noConnect = () => {};

/** The pane's moment: the shared time, or where its run ended if that came first. */
function PaneClock({ clock, modeId }: { clock: Clock; modeId: string }) {
  const t = useStore(clock, (s) => s.t);
  const rec = usePg((s) => s.rec);
  const seq = usePg((s) => endSeqAt(s.timeline, s.cursor) - 1);
  const over = rec.ended && t > rec.lastT;
  return (
    <output className="pane-clock" data-testid={`clock-${modeId}`} aria-live="off">
      <span className="t" data-testid={`clock-t-${modeId}`}>t = {fmtTime(over ? rec.lastT : t)}</span>
      <span className="ev">event {seq + 1}/{rec.events}{rec.ended ? '' : '+'}{over ? ' · ended' : ''}</span>
    </output>
  );
}

function ComparePaneImpl({ pane, clock }: { pane: Pane; clock: Clock }) {
  const id = pane.mode.id;
  return (
    <PlaygroundProvider store={pane.store}>
      <section className="compare-pane" aria-label={pane.mode.label} data-testid={`pane-${id}`}>
        <header className="pane-head">
          <h2 title={pane.mode.label}>{pane.mode.label}</h2>
          <PaneClock clock={clock} modeId={id} />
        </header>
        <ErrorBanner />
        <div className="diagram" data-testid={`diagram-${id}`}><Diagram onConnectRequest={noConnect} /></div>
        <div className="pane-figures-wrap">
          <PaneFigures modeId={id} />
        </div>
      </section>
    </PlaygroundProvider>
  );
}
export const ComparePane = memo(ComparePaneImpl);
