'use client';
import dynamic from 'next/dynamic';

const EmbedApp = dynamic(() => import('../../components/embed/EmbedApp'), {
  ssr: false,
  loading: () => <p className="muted" style={{ padding: 12, margin: 0 }}>Loading the simulator…</p>,
});

export function EmbedClient() {
  return <EmbedApp />;
}
