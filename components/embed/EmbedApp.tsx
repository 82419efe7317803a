'use client';
/**
 * /embed: the diagram, the time controls and the narration, sized to the iframe and
 * chosen by query parameters (lib/embedParams.ts). A bad parameter shows one line
 * naming it; the rest still applies.
 */
import { lazyPart } from '@lib/lazy';
import { useEffect, useState } from 'react';
import { Diagram } from '../flow/Diagram';
import { TimeControls } from '../controls/TimeControls';
import { EmbedNarration } from './EmbedNarration';
import { useHostBridge } from './useHostBridge';
import { PlaygroundProvider, usePlaygroundStore, usePg, PRESET_IDS, FIRST_PRESET, loadPresetInto, loadedPreset, seekAction, type PlaygroundStore } from '@store/index';
import { parseFragment } from '@store/fragment';
import { seekToTime } from '@store/hostApi';
import { parseEmbedParams, type EmbedParams } from '@lib/embedParams';
import { loadEngineFor, needsEngineFor } from '@store/transport';
import { routeUrl } from '@lib/basePath';
import './embed.css';

const SequenceChart = lazyPart(() => import('../chart/SequenceChart').then((m) => m.SequenceChart));
const Figures = lazyPart(() => import('../panels/Figures').then((m) => m.Figures));
const PresentMode = lazyPart(() => import('../present/PresentMode').then((m) => m.default));

const noConnect = () => {};

/** Share links' code (lz-string): loaded for an `s=` document, or when "Open in the playground" is near a click. */
let shareCode: typeof import('@store/share') | null = null;
const loadShare = () => import('@store/share').then((m) => (shareCode = m));

/**
 * Loads what the parameters ask for; returns the lines to show for what went wrong.
 * Synchronous unless the preset's document has not arrived yet (app/embed/EmbedClient.tsx
 * fetches it together with this code, so it normally has).
 */
function start(store: PlaygroundStore, p: EmbedParams): string[] | Promise<string[]> {
  const errors = [...p.errors];
  const st = store.getState();
  if (p.source?.kind === 'packed') {
    const packed = p.source.s;
    return loadShare().then(({ unpackDoc }) => {
      const u = unpackDoc(packed, 's');
      if (!u.ok) { errors.push(u.error); store.getState().load(FIRST_PRESET.doc, FIRST_PRESET.id, { play: false }); return position(store, p, errors); }
      const wait = loadEngineFor(u.doc);
      if (!wait) { store.getState().load(u.doc, null, { play: false }); return position(store, p, errors); }
      return wait.then(() => { store.getState().load(u.doc, null, { play: false }); return position(store, p, errors); },
        (e: unknown) => [...errors, `s: the engine code this document needs could not be loaded (${String(e)})`]);
    }, (e: unknown) => [...errors, `s: the share-link code could not be loaded (${String(e)})`]);
  } else {
    const id = p.source?.kind === 'preset' ? p.source.id : FIRST_PRESET.id;
    const pr = loadedPreset(id);
    if (!pr || needsEngineFor(pr.doc)) return loadPresetInto(store, id, { play: false }).then((r) => (r.ok ? position(store, p, errors) : [...errors, r.error]));
    st.load(pr.doc, pr.id, { play: false });
  }
  return position(store, p, errors);
}

/** Cursor, speed and autoplay as the parameters ask. */
function position(store: PlaygroundStore, p: EmbedParams, errors: string[]): string[] {
  const st = store.getState();
  if (p.start?.kind === 'action') {
    const err = seekAction(store, p.start.at);
    if (err) errors.push(`at: ${err}`);
  } else if (p.start?.kind === 'time') seekToTime(store, p.start.t);
  st.setSpeed(p.speed);
  if (p.autoplay) st.play();
  return errors;
}

export default function EmbedApp() {
  return <PlaygroundProvider><EmbedPage /></PlaygroundProvider>;
}

function EmbedPage() {
  const store = usePlaygroundStore();
  const [params] = useState(() => parseEmbedParams(parseFragment(window.location.search), PRESET_IDS));
  const [problems, setProblems] = useState<string[]>([]);
  const [present, setPresent] = useState(params.present);
  useEffect(() => {
    if (params.theme) document.documentElement.dataset['theme'] = params.theme;
    document.documentElement.classList.add('embedded');
    const lines = start(store, params);
    if (!(lines instanceof Promise)) { setProblems(lines); return; }
    let live = true;
    void lines.then((l) => { if (live) setProblems(l); });
    return () => { live = false; };
  }, [store, params]);
  useHostBridge(params.origins);
  const error = usePg((s) => s.error);
  const title = usePg((s) => s.timeline.doc.title);
  const lines = error ? [...problems, error] : problems;
  const has = (n: string) => params.panels.has(n as never);
  const side = has('chart') || has('figures');
  // the link carries the document and the moment shown; its code arrives when a click is near
  const linkOf = (m: typeof import('@store/share')) => { const s = store.getState(); return routeUrl('/') + m.shareHash(s.doc, s.cursor); };
  const openFull = (e: React.MouseEvent<HTMLAnchorElement>) => {
    const a = e.currentTarget;
    if (shareCode) { a.href = linkOf(shareCode); return; }
    e.preventDefault();
    void loadShare().then((m) => { a.href = linkOf(m); window.open(a.href, '_blank', 'noopener'); });
  };
  const nearClick = (e: React.SyntheticEvent<HTMLAnchorElement>) => {
    const a = e.currentTarget;
    void loadShare().then((m) => { a.href = linkOf(m); });
  };
  return (
    <div className={`embed${side ? ' with-side' : ''}${present ? ' presenting' : ''}`}>
      {lines.length > 0 ? (
        <div className="embed-error" role="alert" data-testid="embed-error">
          {lines.slice(0, 3).map((l, i) => <p key={i}><span aria-hidden="true">✕</span> {l}</p>)}
          {error ? <button type="button" onClick={() => store.getState().clearError()} aria-label="Dismiss message">✕</button> : null}
        </div>
      ) : null}
      {has('title') ? (
        <header className="embed-title">
          <h1 title={title}>{title}</h1>
          <a href={routeUrl('/')} target="_blank" rel="noopener" onClick={openFull} onPointerEnter={nearClick} onPointerDown={nearClick} onFocus={nearClick} data-testid="embed-open-full">Open in the playground ↗</a>
        </header>
      ) : null}
      <main className="embed-main">
        <div className="diagram" data-testid="diagram"><Diagram onConnectRequest={noConnect} /></div>
        {side ? (
          <div className="embed-side">
            {has('chart') ? <SequenceChart /> : null}
            {has('figures') ? <div className="panel embed-figures" tabIndex={0} role="region" aria-label="Figures"><Figures /></div> : null}
          </div>
        ) : null}
      </main>
      {has('narration') ? <EmbedNarration /> : null}
      {has('controls') ? <footer className="bottombar"><TimeControls /></footer> : null}
      {present ? <PresentMode onExit={() => setPresent(false)} /> : null}
    </div>
  );
}
