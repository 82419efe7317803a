'use client';
/**
 * The one animation loop. It maps wall time × speed to engine actions (lib/playback:
 * one slot per action, log-scaled by the virtual gap to the next one), calls the
 * store's seek only when the action changes, and paints tokens (every frame) and
 * occupancy bars (while playing, at most every PANEL_MS, like the panels) directly. It sleeps while paused and nothing moves. While playing a run that goes on,
 * it has the store record one more slice whenever the cursor comes within AHEAD actions
 * of the recorded end (at most one slice a frame).
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { usePlaygroundStore } from '@store/index';
import type { TokenSpec } from '@lib/tokens';
import { slotMs } from '@lib/playback';
import { causeChain } from '@lib/causes';
import { centre } from '../flow/geometry';
import { usePainters, paintBar } from '../flow/painters';
import type { Timeline } from '@engine/api';
import { timeAt } from '@store/timeline';
import { PANEL_MS } from '@store/panelMoment';

/** Record on when the cursor is this close to the recorded end (playback takes ≥ 12 ms an action). */
const AHEAD = 64;

export interface TokenEls { g: SVGGElement; text: SVGTextElement; rect: SVGRectElement; tone: string; seq: number; shown: boolean }

export function usePlayback(pool: React.RefObject<TokenEls[]>, reduced: React.RefObject<boolean>) {
  const rf = useReactFlow();
  const store = usePlaygroundStore();
  const painters = usePainters();
  useEffect(() => {
    const { viewAt, tokensAt } = store.derived;
    const { ringBars } = painters;
    let raf = 0;
    let start = performance.now();
    let lastCursor = -1;
    let lastTl: Timeline | null = null;
    let lastHover: number | null = -2;
    // the ring bars are figures like the panels': while playing, repainted at most every PANEL_MS
    let barsCursor = -1;
    let barsTl: Timeline | null = null;
    let barsAt = -Infinity;
    let chain = new Set<number>();

    const paintBars = (tl: Timeline, a: number) => {
      const v = viewAt(tl, a);
      for (const r of v.rings) {
        const els = ringBars.get(r.key);
        if (!els) continue;
        for (const [dir, rv] of [['ab', r.ab], ['ba', r.ba]] as const) {
          paintBar(els, dir, rv && rv.size > 0 ? Math.min(1, rv.used / rv.size) : 0);
        }
      }
    };

    const frame = (now: number) => {
      raf = 0;
      const s = store.getState();
      const tl = s.timeline;
      if (s.cursor !== lastCursor || tl !== lastTl) { start = now; lastCursor = s.cursor; lastTl = tl; }
      if ((s.cursor !== barsCursor || tl !== barsTl) && (!s.playing || tl !== barsTl || now - barsAt >= PANEL_MS)) {
        barsCursor = s.cursor; barsTl = tl; barsAt = now;
        paintBars(tl, s.cursor);
      }
      if (s.hoverSeq !== lastHover) { lastHover = s.hoverSeq; chain = s.hoverSeq === null ? new Set() : causeChain(tl.events, s.hoverSeq, 64, tl.firstSeq); }
      if (s.playing && !s.rec.ended && s.rec.last - s.cursor < AHEAD) s.extendRecording();
      const last = store.getState().rec.last;
      const gap = timeAt(tl, s.cursor + 1) - timeAt(tl, s.cursor);
      const tokens = tokensAt(tl, s.cursor);
      const slot = slotMs(gap, s.speed) * (tokens.length === 0 ? 0.35 : 1);
      const p = (now - start) / slot;
      paintTokens(tokens, p);
      if (s.playing && p >= 1) {
        if (s.cursor >= last) s.pause();
        else s.seek(s.cursor + 1);
      }
      if (store.getState().playing || p < 1) raf = requestAnimationFrame(frame);
    };

    const paintTokens = (tokens: TokenSpec[], p: number) => {
      const els = pool.current;
      const n = tokens.length;
      const stagger = n > 1 ? Math.min(0.12, 0.5 / n) : 0;
      let used = 0;
      if (p < 1) {
        for (let i = 0; i < n && used < els.length; i++) {
          const tk = tokens[i]!;
          const a = centre(rf.getInternalNode(`d${tk.from}`));
          const b = centre(rf.getInternalNode(`d${tk.to}`));
          if (!a || !b) continue;
          let q = reduced.current ? 0.5 : (p - i * stagger) / (1 - (n - 1) * stagger);
          if (q < 0 || q > 1) continue;
          q = q < 0.5 ? 2 * q * q : 1 - 2 * (1 - q) * (1 - q); // ease in-out
          const el = els[used++]!;
          const x = a.x + (b.x - a.x) * q, y = a.y + (b.y - a.y) * q;
          el.g.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)})`);
          const tone = `token ${tk.tone}${chain.has(tk.seq) ? ' chain' : ''}`;
          if (el.tone !== tone) { el.g.setAttribute('class', tone); el.tone = tone; }
          if (el.seq !== tk.seq) {
            el.seq = tk.seq; el.g.dataset['seq'] = String(tk.seq);
            el.text.textContent = tk.label;
            el.rect.setAttribute('width', String(tk.label.length * 6.6 + 12));
            el.rect.setAttribute('x', String(-(tk.label.length * 6.6 + 12) / 2));
          }
          if (!el.shown) { el.g.style.display = ''; el.shown = true; }
        }
      }
      for (let i = used; i < els.length; i++) {
        const el = els[i]!;
        if (el.shown) { el.g.style.display = 'none'; el.shown = false; el.seq = -1; }
      }
    };

    const wake = () => { if (!raf) raf = requestAnimationFrame(frame); };
    painters.setRepaint(() => { lastCursor = -1; barsCursor = -1; wake(); });
    const unsub = store.subscribe((s, prev) => {
      if (s.cursor !== prev.cursor || s.timeline !== prev.timeline || s.playing !== prev.playing || s.hoverSeq !== prev.hoverSeq) wake();
    });
    wake();
    return () => { unsub(); painters.setRepaint(null); if (raf) cancelAnimationFrame(raf); };
  }, [rf, pool, reduced, store, painters]);
}
