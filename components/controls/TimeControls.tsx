'use client';
import { memo, useCallback } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { fmtTime } from '@lib/format';
import { SPEEDS } from '@lib/playback';
import { IconStart, IconEnd, IconBack, IconFwd, IconPlay, IconPause } from './icons';
import { endSeqAt, timeAt } from '@store/timeline';
import type { RecWindow } from '@store/recording';

function TimeControlsImpl() {
  const store = usePlaygroundStore();
  const cursor = usePg((s) => s.cursor);
  const playing = usePg((s) => s.playing);
  const speed = usePg((s) => s.speed);
  const rec = usePg((s) => s.rec);
  const { first, last } = rec;
  const t = usePg((s) => timeAt(s.timeline, s.cursor));
  const seq = usePg((s) => endSeqAt(s.timeline, s.cursor) - 1);
  const total = `${rec.events}${rec.ended ? '' : '+'}`;
  const st = store.getState;
  const onScrub = useCallback((e: React.ChangeEvent<HTMLInputElement>) => { st().pause(); st().seek(Number(e.target.value)); }, [st]);
  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <button type="button" onClick={() => { st().pause(); st().seek(first); }} aria-label="Back to the start" title="Start"><IconStart /></button>
      <button type="button" onClick={() => st().step(-1)} aria-label="Step back" title="Step back (←)" data-testid="step-back" disabled={cursor <= first}><IconBack /></button>
      <button type="button" className="primary play" onClick={() => st().togglePlay()} aria-label={playing ? 'Pause' : 'Play'} title="Play / pause (space)" data-testid="play">
        {playing ? <IconPause /> : <IconPlay />}
      </button>
      <button type="button" onClick={() => st().step(1)} aria-label="Step forward" title="Step forward (→)" data-testid="step-forward" disabled={cursor >= last && rec.ended}><IconFwd /></button>
      <button type="button" onClick={() => { st().pause(); st().seek(last); }} aria-label={rec.ended ? 'Jump to the end' : 'Jump to the end of what is recorded so far'} title={rec.ended ? 'End' : 'End of the recording so far'} data-testid="to-end"><IconEnd /></button>
      <label className="speed">
        <span className="sr-only">Speed</span>
        <select value={speed} onChange={(e) => st().setSpeed(Number(e.target.value))} aria-label="Playback speed">
          {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <input
        className="scrubber" type="range" min={first} max={last} step={1} value={cursor} onChange={onScrub}
        aria-label={first > 0 ? 'Scrub through the recorded window of the run' : 'Scrub through the run'}
        aria-valuetext={`${fmtTime(t)}, event ${seq} of ${total}`} data-testid="scrubber"
      />
      <output className="readout" aria-live="off" data-testid="readout">
        <span className="t">t = {fmtTime(t)}</span>
        <span className="ev">event {seq + 1}/{total}</span>
      </output>
      {first > 0 ? <WindowNote rec={rec} /> : null}
    </div>
  );
}

/** The recording holds only the latest part of a long run: say so, and what is left. */
function WindowNote({ rec }: { rec: RecWindow }) {
  const text = `Recording keeps the last ${fmtTime(rec.lastT - rec.firstT)} of virtual time (from t = ${fmtTime(rec.firstT)}); earlier moments were dropped to bound memory.`;
  return <p className="window-note" role="note" data-testid="window-note" title={text}>{text}</p>;
}
export const TimeControls = memo(TimeControlsImpl);
