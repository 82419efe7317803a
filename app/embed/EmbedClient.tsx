'use client';
import { lazy, startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';
import { prefetchPreset } from '../../scenarios/catalog';

/** The embed's code and the document of the preset its URL names arrive together. */
const EmbedApp = lazy(() => Promise.all([
  import('../../components/embed/EmbedApp'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
]).then(([m]) => ({ default: m.default })));

/** `preview` (the exported HTML's first paint) stays until the embed's code has loaded. */
export function EmbedClient({ preview }: { preview: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  // a transition: React renders the page in short slices, yielding to the browser between them
  useEffect(() => { startTransition(() => setMounted(true)); }, []);
  return mounted ? <Suspense fallback={preview}><EmbedApp /></Suspense> : preview;
}
