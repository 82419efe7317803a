'use client';
import dynamic from 'next/dynamic';

const Playground = dynamic(() => import('../components/Playground'), {
  ssr: false,
  loading: () => (
    <div className="app loading">
      <header className="topbar"><h1>Interdomain Playground</h1></header>
      <p className="muted" style={{ padding: 16 }}>Loading the simulator…</p>
    </div>
  ),
});

export function ClientPlayground() {
  return <Playground />;
}
