'use client';
import dynamic from 'next/dynamic';
import { prefetchPreset } from '../../scenarios/catalog';

/** The embed's code and the document of the preset its URL names arrive together. */
const EmbedApp = dynamic(() => Promise.all([
  import('../../components/embed/EmbedApp'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
]).then(([m]) => m), {
  ssr: false,
  loading: () => <p className="muted" style={{ padding: 12, margin: 0 }}>Loading the simulator…</p>,
});

export function EmbedClient() {
  return <EmbedApp />;
}
