'use client';
/**
 * The compare view's one animation loop: while the clock plays, it moves all panes to
 * the next moment any of them has an action, one moment per slot (lib/playback: the slot
 * grows with the log of the virtual gap, as on the main page). It sleeps while paused.
 */
import { useEffect } from 'react';
import { slotMs } from '@lib/playback';
import type { Clock } from '@store/compare';

export function useCompareClock(clock: Clock): void {
  useEffect(() => {
    let raf = 0;
    let start = -1;
    let slot = 0;
    const frame = (now: number) => {
      raf = 0;
      const c = clock.getState();
      if (!c.playing) return;
      if (start < 0) { start = now; slot = slotMs(c.nextGap() ?? 0, c.speed); }
      if (now - start >= slot) {
        if (!c.stepNext()) return; // every run has ended: the clock paused itself
        start = now;
        const gap = clock.getState().nextGap();
        slot = slotMs(gap ?? 0, clock.getState().speed);
      }
      raf = requestAnimationFrame(frame);
    };
    const wake = () => { if (!raf) raf = requestAnimationFrame(frame); };
    // the loop's own steps change t while it runs: only a start or a new speed restarts its pacing
    const unsub = clock.subscribe((s, prev) => {
      if (s.playing && (!prev.playing || s.speed !== prev.speed)) { start = -1; wake(); }
    });
    if (clock.getState().playing) wake();
    return () => { unsub(); if (raf) cancelAnimationFrame(raf); };
  }, [clock]);
}
