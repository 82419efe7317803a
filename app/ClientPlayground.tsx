'use client';
import { lazy, startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';
import { prefetchPreset } from '../scenarios/catalog';

/** The page's code and the document of the preset its URL names arrive together. */
const Playground = lazy(() => Promise.all([
  import('../components/Playground'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
]).then(([m]) => ({ default: m.default })));

/** `preview` (the exported HTML's first paint) stays until the simulator has loaded. */
export function ClientPlayground({ preview }: { preview: ReactNode }) {
  const [mounted, setMounted] = useState(false);
  // a transition: React renders the page in short slices, yielding to the browser between them
  useEffect(() => { startTransition(() => setMounted(true)); }, []);
  return mounted ? <Suspense fallback={preview}><Playground /></Suspense> : preview;
}
