'use client';
import { lazy, startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';
import { prefetchPreset } from '../scenarios/catalog';
import type { RecordedRun } from '../store/recordedRun';
import { engineAtStart } from '../store/startEngine';
import { WIDE_SCREEN } from '../lib/media';

/**
 * The page's code and the document of the preset its URL names arrive together; the
 * engine's code too when the page cannot open on the recorded run (another scenario, or none).
 */
const load = (recorded: RecordedRun | null, wide = window.matchMedia(WIDE_SCREEN).matches) => Promise.all([
  import('../components/Playground').then(async (m) => {
    if (wide) await m.preloadSidePanels();
    return m;
  }),
  // on a wide screen the side panels open at once: their code is fetched with the page's
  wide ? Promise.all([import('../components/panels/Figures'), import('../components/panels/PolicyMatrix'), import('../components/panels/Gallery')]) : null,
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
  engineAtStart(recorded),
]).then(([m]) => ({ default: m.default }));
let Playground: ReturnType<typeof lazy<Awaited<ReturnType<typeof load>>['default']>> | null = null;

/** `preview` (the exported HTML's first paint) stays until the simulator has loaded. */
export function ClientPlayground({ preview, recorded }: { preview: ReactNode; recorded: RecordedRun | null }) {
  const [mounted, setMounted] = useState(false);
  // a transition: React renders the page in short slices, yielding to the browser between them
  useEffect(() => { startTransition(() => setMounted(true)); }, []);
  if (!mounted) return preview;
  Playground ??= lazy(() => load(recorded));
  return <Suspense fallback={preview}><Playground recorded={recorded} /></Suspense>;
}
