'use client';
import { memo, useCallback } from 'react';
import { usePg, getStore } from '@store/index';
import { fmtTime } from '@lib/format';
import { SPEEDS } from '@lib/playback';
import { IconStart, IconEnd, IconBack, IconFwd, IconPlay, IconPause } from './icons';

function TimeControlsImpl() {
  const cursor = usePg((s) => s.cursor);
  const playing = usePg((s) => s.playing);
  const speed = usePg((s) => s.speed);
  const last = usePg((s) => s.timeline.endSeq.length - 1);
  const t = usePg((s) => s.timeline.times[s.cursor] ?? 0);
  const seq = usePg((s) => (s.timeline.endSeq[s.cursor] ?? 1) - 1);
  const total = usePg((s) => s.timeline.events.length);
  const st = getStore().getState;
  const onScrub = useCallback((e: React.ChangeEvent<HTMLInputElement>) => { st().pause(); st().seek(Number(e.target.value)); }, [st]);
  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <button type="button" onClick={() => { st().pause(); st().seek(0); }} aria-label="Back to the start" title="Start"><IconStart /></button>
      <button type="button" onClick={() => st().step(-1)} aria-label="Step back" title="Step back (←)" data-testid="step-back" disabled={cursor <= 0}><IconBack /></button>
      <button type="button" className="primary play" onClick={() => st().togglePlay()} aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (space)" data-testid="play">
        {playing ? <IconPause /> : <IconPlay />}
      </button>
      <button type="button" onClick={() => st().step(1)} aria-label="Step forward" title="Step forward (→)" data-testid="step-forward" disabled={cursor >= last}><IconFwd /></button>
      <button type="button" onClick={() => { st().pause(); st().seek(last); }} aria-label="Jump to the end" title="End" data-testid="to-end"><IconEnd /></button>
      <label className="speed">
        <span className="sr-only">Speed</span>
        <select value={speed} onChange={(e) => st().setSpeed(Number(e.target.value))} aria-label="Playback speed">
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <input
        className="scrubber" type="range" min={0} max={last} step={1} value={cursor} onChange={onScrub}
        aria-label="Scrub through the run" aria-valuetext={`${fmtTime(t)}, event ${seq} of ${total}`} data-testid="scrubber"
      />
      <output className="readout" aria-live="off" data-testid="readout">
        <span className="t">t = {fmtTime(t)}</span>
        <span className="ev">event {seq + 1}/{total}</span>
      </output>
    </div>
  );
}
export const TimeControls = memo(TimeControlsImpl);
