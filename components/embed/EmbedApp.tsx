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
import { PlaygroundProvider, usePlaygroundStore, usePg, PRESET_IDS, type RecordedRun } from '@store/index';
import { parseFragment } from '@store/fragment';
import { parseEmbedParams } from '@lib/embedParams';
import { routeUrl } from '@lib/basePath';
import { startEmbed, loadShare, shareLoaded } from './startEmbed';
import './embed.css';

const SequenceChart = lazyPart(() => import('../chart/SequenceChart').then((m) => m.SequenceChart));
const Figures = lazyPart(() => import('../panels/Figures').then((m) => m.Figures));
const PresentMode = lazyPart(() => import('../present/PresentMode').then((m) => m.default));

const noConnect = () => {};

/** The embed over its own playground, opening on `recorded` (the first preset's run, recorded at build time) if given. */
export default function EmbedApp({ recorded }: { recorded?: RecordedRun | null }) {
  return <PlaygroundProvider recorded={recorded}><EmbedPage /></PlaygroundProvider>;
}

function EmbedPage() {
  const store = usePlaygroundStore();
  const [params] = useState(() => parseEmbedParams(parseFragment(window.location.search), PRESET_IDS));
  const [problems, setProblems] = useState<string[]>([]);
  const [present, setPresent] = useState(params.present);
  useEffect(() => {
    if (params.theme) document.documentElement.dataset['theme'] = params.theme;
    document.documentElement.classList.add('embedded');
    const lines = startEmbed(store, params);
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
    const loaded = shareLoaded();
    if (loaded) { a.href = linkOf(loaded); return; }
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
