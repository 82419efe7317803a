'use client';
import dynamic from 'next/dynamic';

// Loaded like the main route loads the playground (next/dynamic, no SSR).
const BenchPlayground = dynamic(() => import('./BenchPlayground'), { ssr: false, loading: () => <p>Loading…</p> });

export function BenchPageClient() {
  return <BenchPlayground />;
}
