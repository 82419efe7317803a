'use client';
import dynamic from 'next/dynamic';

const BareFlow = dynamic(() => import('./BareFlow'), { ssr: false, loading: () => <p>Loading…</p> });

export function BareClient() {
  return <BareFlow />;
}
