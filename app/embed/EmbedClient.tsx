'use client';
import { clientOnly } from '@lib/lazy';
import { prefetchPreset } from '../../scenarios/catalog';

/** The embed's code and the document of the preset its URL names arrive together. */
const EmbedApp = clientOnly(() => Promise.all([
  import('../../components/embed/EmbedApp'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
]).then(([m]) => m.default), <p className="muted" style={{ padding: 12, margin: 0 }}>Loading the simulator…</p>);

export function EmbedClient() {
  return <EmbedApp />;
}
