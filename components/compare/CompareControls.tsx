'use client';
/** One set of time controls for all three panes: play/pause, steps, speed and a scrubber over virtual time. */
import { memo } from 'react';
import { useStore } from 'zustand';
import type { Clock } from '@store/compare';
import { fmtTime } from '@lib/format';
import { SPEEDS } from '@lib/playback';
import { IconStart, IconBack, IconFwd, IconPlay, IconPause } from '../controls/icons';

function CompareControlsImpl({ clock }: { clock: Clock }) {
  const t = useStore(clock, (s) => s.t);
  const playing = useStore(clock, (s) => s.playing);
  const speed = useStore(clock, (s) => s.speed);
  const end = useStore(clock, (s) => s.end);
  const ended = useStore(clock, (s) => s.ended);
  const c = clock.getState;
  return (
    <div className="time-controls compare-controls" role="group" aria-label="Time controls for all three panes">
      <button type="button" onClick={() => { c().pause(); c().seekTime(0); }} aria-label="Back to the start" title="Start"><IconStart /></button>
      <button type="button" onClick={() => c().stepPrev()} aria-label="Step back" title="Previous moment (←)" data-testid="step-back" disabled={t <= 0}><IconBack /></button>
      <button type="button" className="primary play" onClick={() => c().togglePlay()} aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (space)" data-testid="play">
        {playing ? <IconPause /> : <IconPlay />}
      </button>
      <button type="button" onClick={() => { c().pause(); c().stepNext(); }} aria-label="Step forward" title="Next moment in any pane (→)" data-testid="step-forward"><IconFwd /></button>
      <label className="speed">
        <span className="sr-only">Speed</span>
        <select value={speed} onChange={(e) => c().setSpeed(Number(e.target.value))} aria-label="Playback speed">
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <input
        className="scrubber" type="range" min={0} max={Math.max(1, end)} step={1} value={Math.min(t, Math.max(1, end))}
        onChange={(e) => { c().pause(); c().seekTime(Number(e.target.value)); }}
        aria-label="Scrub all three runs through virtual time" aria-valuetext={fmtTime(t)} data-testid="scrubber"
      />
      <output className="readout" aria-live="off" data-testid="readout">
        <span className="t">t = {fmtTime(t)}</span>
        <span className="ev">of {fmtTime(end)}{ended ? '' : '+'}</span>
      </output>
    </div>
  );
}
export const CompareControls = memo(CompareControlsImpl);
