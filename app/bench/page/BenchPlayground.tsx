'use client';
/**
 * The real Playground component, loaded with the generated flood scenario (100 domains,
 * 300 edges) instead of a preset. Nothing of the main route is changed: this wrapper's
 * effect runs after the Playground's own (?paused keeps its preset still), then replaces
 * the document. The harness drives it through window.__bench.
 */
import { useEffect } from 'react';
import Playground from '@components/Playground';
import { getStore } from '@store/index';
import { actionAtTime } from '@engine/index';
import { benchFloodDoc, FLOOD_FROM_US } from '../floodDoc';

export interface BenchHandle {
  ready: boolean;
  error: string | null;
  recordMs: number;
  actions: number;
  /** Seek to the start of the flood and play at `speed`. */
  startFlood(speed: number): void;
  /** Diagram pane size (the bare page is given the same). */
  paneSize(): { width: number; height: number };
  store: ReturnType<typeof getStore>;
}

export default function BenchPlayground() {
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    const floodUs = Math.min(3_599_000_000, Math.max(10, Number(q.get('flood') ?? 100) || 100));
    const store = getStore();
    const t0 = performance.now();
    const r = store.getState().load(benchFloodDoc(floodUs), null, { play: false });
    const handle: BenchHandle = {
      ready: r.ok, error: r.ok ? null : r.error, recordMs: performance.now() - t0,
      actions: store.getState().timeline.endSeq.length,
      startFlood(speed) {
        const s = store.getState();
        s.setSpeed(speed);
        s.seek(actionAtTime(s.timeline, FLOOD_FROM_US) + 1);
        store.getState().play();
      },
      paneSize() {
        const el = document.querySelector('[data-testid="diagram"]');
        const b = el?.getBoundingClientRect();
        return { width: Math.round(b?.width ?? 0), height: Math.round(b?.height ?? 0) };
      },
      store,
    };
    (window as unknown as { __bench: BenchHandle }).__bench = handle;
  }, []);
  return <Playground />;
}
