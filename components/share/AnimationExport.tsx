'use client';
/**
 * The Export dialog's animation part: GIF or WebM of the diagram over a range of the run,
 * with size, speed, captions, a size estimate, a progress bar and Cancel.
 */
import { useMemo, useRef, useState } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { lastAction } from '@store/timeline';
import { SPEEDS } from '@lib/playback';
import { WIDTHS, estimateBytes, fmtBytes, type AnimOptions } from '@lib/animationPlan';
import { encodeAnimation, layoutOf, webmSupported, type AnimFormat } from './animation';
import { download, slug } from './Modal';

type Range = 'all' | 'to-cursor' | 'from-cursor' | 'custom';

export default function AnimationExport() {
  const store = usePlaygroundStore();
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const first = tl.firstAction, last = lastAction(tl);
  const [width, setWidth] = useState<number>(640);
  const [speed, setSpeed] = useState<number>(1);
  const [captions, setCaptions] = useState(true);
  const [range, setRange] = useState<Range>('all');
  const [custom, setCustom] = useState<[number, number]>([first, last]);
  const [busy, setBusy] = useState<{ format: AnimFormat; done: number; total: number } | null>(null);
  const [status, setStatus] = useState('');
  const abort = useRef<AbortController | null>(null);

  const [from, to] = range === 'all' ? [first, last] : range === 'to-cursor' ? [first, cursor] : range === 'from-cursor' ? [cursor, last] : custom;
  const opts: AnimOptions = { width, speed, captions, from, to };
  const layout = useMemo(() => layoutOf(tl, opts), [tl, width, speed, captions, from, to]); // opts is rebuilt each render from these
  const seconds = layout.plan.reduce((s, f) => s + f.delayMs, 0) / 1000;
  const est = (f: AnimFormat) => fmtBytes(estimateBytes(layout.plan.length, layout.width, layout.height, f));

  const run = async (format: AnimFormat) => {
    const ctl = new AbortController();
    abort.current = ctl;
    setBusy({ format, done: 0, total: layout.plan.length });
    setStatus('');
    try {
      const blob = await encodeAnimation(store.getState().timeline, opts, format, (p) => setBusy({ format, ...p }), ctl.signal);
      download(`${slug(tl.doc.title)}.${format}`, blob);
      setStatus(`${format.toUpperCase()}: downloaded, ${layout.plan.length} frames, ${layout.width}×${layout.height}, ${fmtBytes(blob.size)}.`);
    } catch (e) {
      setStatus(e instanceof DOMException && e.name === 'AbortError' ? 'Cancelled.' : `Export failed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    } finally {
      abort.current = null;
      setBusy(null);
    }
  };
  const num = (v: string, d: number) => (Number.isInteger(Number(v)) && v !== '' ? Math.max(first, Math.min(last, Number(v))) : d);

  return (
    <section className="anim-export" aria-label="Animation" data-testid="anim-export">
      <h3>Animation (GIF, WebM)</h3>
      <div className="anim-opts">
        <label className="field inline">Width
          <select value={width} onChange={(e) => setWidth(Number(e.target.value))} data-testid="anim-width" disabled={!!busy}>
            {WIDTHS.map((w) => <option key={w} value={w}>{w} px</option>)}
          </select>
        </label>
        <label className="field inline">Speed
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} data-testid="anim-speed" disabled={!!busy}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s}×</option>)}
          </select>
        </label>
        <label className="field inline">Range
          <select value={range} onChange={(e) => setRange(e.target.value as Range)} data-testid="anim-range" disabled={!!busy}>
            <option value="all">whole run</option>
            <option value="to-cursor">start → cursor</option>
            <option value="from-cursor">cursor → end</option>
            <option value="custom">steps…</option>
          </select>
        </label>
        {range === 'custom' ? (
          <span className="field inline">
            <input className="short" type="number" min={first} max={last} value={custom[0]} aria-label="First step" data-testid="anim-from"
              onChange={(e) => setCustom([num(e.target.value, first), Math.max(custom[1], num(e.target.value, first))])} />
            –
            <input className="short" type="number" min={first} max={last} value={custom[1]} aria-label="Last step" data-testid="anim-to"
              onChange={(e) => setCustom([Math.min(custom[0], num(e.target.value, last)), num(e.target.value, last)])} />
          </span>
        ) : null}
        <label className="anim-check"><input type="checkbox" checked={captions} onChange={(e) => setCaptions(e.target.checked)} disabled={!!busy} data-testid="anim-captions" /> narration captions</label>
      </div>
      <p className="muted" data-testid="anim-estimate">
        {layout.plan.length} frames (steps {from}–{to}), {layout.width}×{layout.height}, {seconds.toFixed(1)} s; about {est('gif')} as GIF, {est('webm')} as WebM.
      </p>
      <div className="dialog-buttons">
        <button type="button" onClick={() => void run('gif')} disabled={!!busy} data-testid="anim-gif">GIF</button>
        <button type="button" onClick={() => void run('webm')} disabled={!!busy || !webmSupported()} data-testid="anim-webm"
          title={webmSupported() ? 'VP8 video through the browser\'s WebCodecs encoder' : 'this browser has no WebCodecs video encoder'}>WebM</button>
        {busy ? (
          <>
            <progress max={busy.total} value={busy.done} data-testid="anim-progress" aria-label={`${busy.format.toUpperCase()} frames rendered`} />
            <span className="muted">{busy.done}/{busy.total}</span>
            <button type="button" onClick={() => abort.current?.abort()} data-testid="anim-cancel">Cancel</button>
          </>
        ) : null}
      </div>
      <p role="status" className="status" data-testid="anim-status">{status}</p>
    </section>
  );
}
