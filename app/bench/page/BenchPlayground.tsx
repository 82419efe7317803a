'use client';
/**
 * The real Playground component, loaded with the generated flood scenario (100 domains,
 * 300 edges) instead of a preset. Nothing of the main route is changed: this wrapper's
 * effect runs after the Playground's own (?paused keeps its preset still), then replaces
 * the document. The harness drives it through window.__bench.
 *   ?flood=µs         how long the flood lasts (virtual time; default 100)
 *   ?guests=&rings=   a smaller flood (default 99 guests, 201 rings)
 *   ?budget=MB        the recording's memory budget (default the page's, 300 MB)
 */
import { useEffect, useState } from 'react';
import Playground from '@components/Playground';
import { createPlaygroundStore, FIRST_PRESET, type PlaygroundStore } from '@store/index';
import { actionAtTime, lastAction } from '@store/timeline';
import { recordUntil } from '@store/recording';
import { benchFloodDoc, FLOOD_FROM_US, BENCH_GUESTS, BENCH_RINGS } from '../floodDoc';

export interface BenchHandle {
  ready: boolean;
  error: string | null;
  recordMs: number;
  /** Actions recorded at load (the recording goes on as playback nears its end). */
  actions: number;
  /** Seek to the start of the flood and play at `speed`. */
  startFlood(speed: number): void;
  /** Diagram pane size (the bare page is given the same). */
  paneSize(): { width: number; height: number };
  store: PlaygroundStore;
}

export default function BenchPlayground() {
  const [store] = useState(() => createPlaygroundStore(FIRST_PRESET.doc, FIRST_PRESET.id));
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    const floodUs = Math.min(3_599_000_000, Math.max(10, Number(q.get('flood') ?? 100) || 100));
    const int = (k: string, d: number, max: number) => Math.min(max, Math.max(1, Math.floor(Number(q.get(k) ?? d) || d)));
    const guests = int('guests', BENCH_GUESTS, BENCH_GUESTS), rings = int('rings', BENCH_RINGS, BENCH_RINGS);
    const mb = Number(q.get('budget'));
    if (q.has('budget') && mb > 0) store.getState().setBudget(mb * 1e6);
    const t0 = performance.now();
    const r = store.getState().load(benchFloodDoc(floodUs, guests, rings), null, { play: false });
    const handle: BenchHandle = {
      ready: r.ok, error: r.ok ? null : r.error, recordMs: performance.now() - t0,
      actions: store.getState().rec.last + 1,
      startFlood(speed) {
        const s = store.getState();
        s.setSpeed(speed);
        // the load records ~100 ms of the run: the rest (the flood lasts 100 µs by default) is
        // recorded in slices first, so the frames measured are playback only, as before
        void recordUntil(store, (tl) => tl.ended || lastAction(tl) > actionAtTime(tl, FLOOD_FROM_US) + 3_000).then(() => {
          const st = store.getState();
          st.seek(actionAtTime(st.timeline, FLOOD_FROM_US) + 1);
          store.getState().play();
        });
      },
      paneSize() {
        const el = document.querySelector('[data-testid="diagram"]');
        const b = el?.getBoundingClientRect();
        return { width: Math.round(b?.width ?? 0), height: Math.round(b?.height ?? 0) };
      },
      store,
    };
    (window as unknown as { __bench: BenchHandle }).__bench = handle;
  }, [store]);
  return <Playground store={store} />;
}
