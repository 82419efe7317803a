'use client';
import { clientOnly } from '@lib/lazy';
import { prefetchPreset } from '../scenarios/catalog';

/** The page's code and the document of the preset its URL names arrive together. */
const Playground = clientOnly(() => Promise.all([
  import('../components/Playground'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
]).then(([m]) => m.default), (
  <div className="app loading">
    <header className="topbar"><h1>Interdomain Playground</h1></header>
    <p className="muted" style={{ padding: 16 }}>Loading the simulator…</p>
  </div>
));

export function ClientPlayground() {
  return <Playground />;
}
