'use client';
/** Builds the <iframe> snippet for the current scenario and the chosen embed options. */
import { useMemo, useState } from 'react';
import { usePg } from '@store/index';
import { packDoc, presetUnchanged } from '@store/share';
import { PANEL_NAMES, DEFAULT_PANELS, parseOrigins, type PanelName } from '@lib/embedParams';
import { SPEED_VALUES } from '@lib/hostEvents';
import { embedSrc, iframeSnippet } from '@lib/embedSnippet';
import { routeUrl } from '@lib/basePath';
import { Modal, copyText } from './Modal';


export default function EmbedDialog({ onClose }: { onClose(): void }) {
  const doc = usePg((s) => s.doc);
  const presetId = usePg((s) => s.presetId);
  const cursor = usePg((s) => s.cursor);
  const canPreset = useMemo(() => presetUnchanged(presetId, doc), [presetId, doc]);
  const [usePreset, setUsePreset] = useState(false);
  const [fromCursor, setFromCursor] = useState(false);
  const [autoplay, setAutoplay] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [theme, setTheme] = useState<'' | 'light' | 'dark'>('');
  const [panels, setPanels] = useState<PanelName[]>([...DEFAULT_PANELS]);
  const [originsText, setOriginsText] = useState('');
  const [size, setSize] = useState({ w: 800, h: 450 });
  const [status, setStatus] = useState('');
  const origins = parseOrigins(originsText);
  const src = useMemo(() => embedSrc(routeUrl('/embed/'), {
    source: usePreset && canPreset && presetId ? { kind: 'preset', id: presetId } : { kind: 'packed', s: packDoc(doc) },
    at: fromCursor ? cursor : null, autoplay, speed, theme: theme || null, panels, origins: origins.origins,
  }), [usePreset, canPreset, presetId, doc, fromCursor, cursor, autoplay, speed, theme, panels, origins.origins.join(',')]); // origins by value: parseOrigins returns a new array each render
  const snippet = iframeSnippet(src, doc.title, size.w, size.h);
  const toggle = (p: PanelName) => setPanels((l) => (l.includes(p) ? l.filter((x) => x !== p) : PANEL_NAMES.filter((x) => x === p || l.includes(x))));
  const num = (v: string, lo: number, hi: number, d: number) => { const n = Number(v); return Number.isInteger(n) ? Math.max(lo, Math.min(hi, n)) : d; };
  return (
    <Modal title="Embed this scenario" testId="embed-dialog" onClose={onClose} wide>
      <div className="embed-opts">
        <fieldset><legend>Scenario</legend>
          <label className="check"><input type="radio" checked={!usePreset || !canPreset} onChange={() => setUsePreset(false)} /> this scenario, packed into the URL</label>
          <label className="check"><input type="radio" checked={usePreset && canPreset} disabled={!canPreset} onChange={() => setUsePreset(true)} /> preset by name{canPreset ? ` (${presetId})` : ' (edited: not a preset any more)'}</label>
        </fieldset>
        <fieldset><legend>Playback</legend>
          <label className="check"><input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} data-testid="embed-autoplay" /> autoplay</label>
          <label className="check"><input type="checkbox" checked={fromCursor} onChange={(e) => setFromCursor(e.target.checked)} /> start at the current point (action {cursor})</label>
          <label className="field inline">speed
            <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>{SPEED_VALUES.map((v) => <option key={v} value={v}>{v}×</option>)}</select>
          </label>
          <label className="field inline">theme
            <select value={theme} onChange={(e) => setTheme(e.target.value as '' | 'light' | 'dark')}><option value="">the reader’s</option><option value="light">light</option><option value="dark">dark</option></select>
          </label>
        </fieldset>
        <fieldset><legend>Panels</legend>
          {PANEL_NAMES.map((p) => <label key={p} className="check"><input type="checkbox" checked={panels.includes(p)} onChange={() => toggle(p)} /> {p}</label>)}
        </fieldset>
        <fieldset><legend>Size and scripting</legend>
          <label className="field inline">width <input className="short" inputMode="numeric" value={size.w} onChange={(e) => setSize((s) => ({ ...s, w: num(e.target.value, 200, 4000, s.w) }))} /></label>
          <label className="field inline">height <input className="short" inputMode="numeric" value={size.h} onChange={(e) => setSize((s) => ({ ...s, h: num(e.target.value, 150, 4000, s.h) }))} /></label>
          <label className="field">pages allowed to script it (postMessage origins, comma-separated)
            <input value={originsText} onChange={(e) => setOriginsText(e.target.value)} placeholder="https://docs.example.org" data-testid="embed-origins" />
          </label>
          {origins.error ? <p className="form-error" role="alert">{origins.error}</p> : <p className="muted">{origins.origins.length ? `Accepts commands from ${origins.origins.join(', ')}.` : 'No origins: the embed accepts no commands.'}</p>}
        </fieldset>
      </div>
      <label className="field">HTML to paste
        <textarea readOnly value={snippet} rows={5} className="mono" data-testid="embed-snippet" onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="dialog-buttons">
        <span role="status" className="status">{status}</span>
        <a href={src} target="_blank" rel="noopener noreferrer" data-testid="embed-preview">Preview ↗</a>
        <button type="button" className="primary" onClick={async () => setStatus(await copyText(snippet))}>Copy HTML</button>
      </div>
    </Modal>
  );
}
