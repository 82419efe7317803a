'use client';
import { clientOnly } from '@lib/lazy';
import { withEngine } from '@store/engine';

/** The compare view's code loads on its own route only (nothing of it in the main page's first load). */
const CompareApp = clientOnly(() => withEngine(import('../../components/compare/CompareApp')).then((m) => m.default),
  <p className="muted" style={{ padding: 16 }}>Loading the simulator…</p>);

export function CompareClient() {
  return <CompareApp />;
}
