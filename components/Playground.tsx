'use client';
/** The page: header, diagram + chart in the middle, panels around, time controls at the bottom. */
import { lazyPart, preloadablePart } from '@lib/lazy';
import { WIDE_SCREEN } from '@lib/media';
import { useCallback, useMemo, useState } from 'react';
import { Diagram } from './flow/Diagram';
import { SequenceChart } from './chart/SequenceChart';
import { TimeControls } from './controls/TimeControls';
import { Narration } from './panels/Narration';
import { ActionsBar, prefetchGuestActions } from './panels/ActionsBar';
import { Inspector, prefetchInspector } from './panels/Inspector';
import { LazyPanel } from './panels/LazyPanel';
import { ErrorBanner } from './panels/ErrorBanner';
import { Header } from './Header';
import { ExerciseHost } from './exercise/ExerciseHost';
import type { ConnectRequest } from './panels/ConnectDialog';
import { useDiagramKeys, useKeyboard } from './hooks/useKeyboard';
import { NodeMenuContext, type NodeMenuHost } from './flow/nodeMenuHost';
import { Announcer } from './panels/Announcer';
import { PlaygroundProvider, usePlaygroundStore, withEngine, type PlaygroundStore, type RecordedRun } from '@store/index';
import { useStartScenario } from './share/useStartScenario';
import { usePresent } from './present/usePresent';

/** Loads with the first drag-made connection, then stays (it keeps the port typed last). */
const ConnectDialog = lazyPart(() => withEngine(import('./panels/ConnectDialog')).then((m) => m.ConnectDialog));
/**
 * The side panels a phone starts closed load when one is first open on screen; on a wide
 * screen, where they open at once, app/ClientPlayground.tsx fetches them with the page.
 */
const Figures = preloadablePart(() => import('./panels/Figures').then((m) => m.Figures));
const PolicyMatrix = preloadablePart(() => import('./panels/PolicyMatrix').then((m) => m.PolicyMatrix));
const Gallery = preloadablePart(() => import('./panels/Gallery').then((m) => m.Gallery));
export const preloadSidePanels = () => Promise.all([Figures.preload(), PolicyMatrix.preload(), Gallery.preload()]);
/** Presentation mode loads on first use. */
const PresentMode = lazyPart(() => import('./present/PresentMode').then((m) => m.default));

/** The pointer is over the diagram: fetch what a click or a drag there opens. */
const prefetchDiagramTools = () => { prefetchInspector(); prefetchGuestActions(); void withEngine(import('./panels/ConnectDialog')); };

/**
 * The whole page over one playground: `store` if given (the bench page's), else its own,
 * opening on `recorded` (the first preset's run, recorded when the page was built) if given.
 */
export default function Playground({ store, recorded }: { store?: PlaygroundStore; recorded?: RecordedRun | null }) {
  return <PlaygroundProvider store={store} recorded={recorded}><PlaygroundPage /></PlaygroundProvider>;
}

function PlaygroundPage() {
  const store = usePlaygroundStore();
  useStartScenario();
  useKeyboard();
  const [req, setReq] = useState<ConnectRequest | null>(null);
  const [asked, setAsked] = useState(false);
  const onConnectRequest = useCallback((from: number, to: number | null) => {
    if (from === to) { store.getState().setError('connect: a guest cannot connect to itself'); return; }
    setAsked(true);
    setReq({ from, to });
  }, [store]);
  const close = useCallback(() => setReq(null), []);
  const onDiagramKey = useDiagramKeys();
  const menuHost = useMemo<NodeMenuHost>(() => ({
    connect: (from) => onConnectRequest(from, null),
    showDetails: () => {
      const el = document.getElementById('inspector');
      if (el instanceof HTMLDetailsElement) el.open = true;
      document.querySelector<HTMLElement>('#inspector .inspector')?.focus();
    },
  }), [onConnectRequest]);
  // panels start collapsed on a phone (the diagram comes first there)
  const [wide] = useState(() => typeof window === 'undefined' || window.matchMedia(WIDE_SCREEN).matches);
  const [present, setPresent] = usePresent();
  const startPresent = useCallback(() => setPresent(true), [setPresent]);
  return (
    <div className={present ? 'app presenting' : 'app'}>
      <a className="skip-link" href="#diagram">Skip to the diagram</a>
      <Header />
      <ErrorBanner />
      <aside className="left" aria-label="Narration, scenarios and policy">
        <ExerciseHost />
        <details open className="panel"><summary>Narration</summary><Narration onPresent={startPresent} /></details>
        <LazyPanel title="Policy" open={wide}><PolicyMatrix /></LazyPanel>
        <LazyPanel title="Scenarios" open={wide} className="panel gallery-panel"><Gallery /></LazyPanel>
      </aside>
      <main className="center">
        <ActionsBar />
        <div className="diagram" id="diagram" tabIndex={-1} data-testid="diagram" onPointerEnter={prefetchDiagramTools} onFocus={prefetchDiagramTools} onKeyDown={onDiagramKey}>
          <NodeMenuContext.Provider value={menuHost}><Diagram onConnectRequest={onConnectRequest} /></NodeMenuContext.Provider>
        </div>
        <SequenceChart />
      </main>
      <aside className="right" aria-label="Inspector and figures">
        <details open={wide} className="panel inspector-panel" id="inspector"><summary>Inspector</summary><Inspector /></details>
        <LazyPanel title="Figures" open={wide}><Figures /></LazyPanel>
      </aside>
      <footer className="bottombar"><TimeControls /></footer>
      {asked ? <ConnectDialog req={req} onClose={close} /> : null}
      {present ? <PresentMode onExit={() => setPresent(false)} /> : null}
      <Announcer />
    </div>
  );
}
