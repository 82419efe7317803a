'use client';
import { clientOnly } from '@lib/lazy';
import { withEngine } from '@store/engine';

// Loaded like the main route loads the playground (code-split, client only).
const BenchPlayground = clientOnly(() => withEngine(import('./BenchPlayground')).then((m) => m.default), <p>Loading…</p>);

export function BenchPageClient() {
  return <BenchPlayground />;
}
