'use client';
import { clientOnly } from '@lib/lazy';

// Loaded like the main route loads the playground (code-split, client only).
const BenchPlayground = clientOnly(() => import('./BenchPlayground').then((m) => m.default), <p>Loading…</p>);

export function BenchPageClient() {
  return <BenchPlayground />;
}
