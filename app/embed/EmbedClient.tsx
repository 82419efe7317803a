'use client';
import { lazy, startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';
import { prefetchPreset } from '../../scenarios/catalog';
import type { RecordedRun } from '../../store/recordedRun';
import { engineAtStart } from '../../store/startEngine';

/**
 * The embed's code and the document of the preset its URL names arrive together; the
 * engine's code too when the embed cannot open on the recorded run.
 */
const load = (recorded: RecordedRun | null) => Promise.all([
  import('../../components/embed/EmbedApp'),
  prefetchPreset(new URLSearchParams(window.location.search).get('preset')),
  engineAtStart(recorded),
]).then(([m]) => ({ default: m.default }));
let EmbedApp: ReturnType<typeof lazy<Awaited<ReturnType<typeof load>>['default']>> | null = null;

/** `preview` (the exported HTML's first paint) stays until the embed's code has loaded. */
export function EmbedClient({ preview, recorded }: { preview: ReactNode; recorded: RecordedRun | null }) {
  const [mounted, setMounted] = useState(false);
  // a transition: React renders the page in short slices, yielding to the browser between them
  useEffect(() => { startTransition(() => setMounted(true)); }, []);
  if (!mounted) return preview;
  EmbedApp ??= lazy(() => load(recorded));
  return <Suspense fallback={preview}><EmbedApp recorded={recorded} /></Suspense>;
}
