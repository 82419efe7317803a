'use client';
import dynamic from 'next/dynamic';
import { prefetchPreset } from '../scenarios/catalog';

/** The page's code and the document of the preset its URL names arrive together. */
const Playground = dynamic(() => Promise.all([
  import('../components/Playground'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
]).then(([m]) => m), {
  ssr: false,
  loading: () => (
    <div className="app loading">
      <header className="topbar"><h1>Interdomain Playground</h1></header>
      <p className="muted" style={{ padding: 16 }}>Loading the simulator…</p>
    </div>
  ),
});

export function ClientPlayground() {
  return <Playground />;
}
