'use client';
/**
 * Says whether the page works offline. The service worker's registration (lib/offline.ts)
 * loads only after the first paint, in a part of its own.
 */
import { useEffect, useState } from 'react';
import type { OfflineState } from '@lib/offline';

const TEXT: Record<OfflineState, string> = {
  unsupported: '', saving: 'Saving for offline use…', ready: 'Ready offline', failed: 'Not available offline',
};

export default function OfflineStatus() {
  const [state, setState] = useState<{ s: OfflineState; detail?: string } | null>(null);
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production') return;
    let live = true;
    const id = window.setTimeout(() => {
      void import('@lib/offline').then((m) => m.registerOffline((s, detail) => { if (live) setState({ s, ...(detail ? { detail } : {}) }); }));
    }, 1000);
    return () => { live = false; window.clearTimeout(id); };
  }, []);
  if (!state || !TEXT[state.s]) return null;
  return (
    <span className={`offline-status ${state.s}`} role="status" data-testid="offline-status" data-state={state.s}
      title={state.s === 'ready' ? 'This page and every preset are saved in this browser: they open without a network.' : state.detail}>
      {/* the sign stays when a narrow top bar keeps the words for screen readers only */}
      <span aria-hidden="true">{state.s === 'ready' ? '✓' : state.s === 'saving' ? '⇣' : '!'}</span> <span className="offline-words">{TEXT[state.s]}</span>
    </span>
  );
}
