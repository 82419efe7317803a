'use client';
/** One pooled SVG layer in the viewport for message tokens; the loop in usePlayback moves them. */
import { memo, useCallback, useRef } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { usePlayback, type TokenEls } from '../hooks/usePlayback';
import { useReducedMotionRef } from '../hooks/useReducedMotion';
import { usePlaygroundStore } from '@store/index';

const POOL = 48;
const SLOTS = Array.from({ length: POOL }, (_, i) => i);

function TokenLayerImpl() {
  const pool = useRef<TokenEls[]>([]);
  const reduced = useReducedMotionRef();
  usePlayback(pool, reduced);
  const store = usePlaygroundStore();
  const reg = useCallback((i: number) => (g: SVGGElement | null) => {
    if (!g) return;
    pool.current[i] = {
      g, rect: g.querySelector('rect')!, text: g.querySelector('text')!, tone: '', seq: -1, shown: false,
    };
  }, []);
  const over = useCallback((e: React.PointerEvent) => {
    const g = (e.target as Element).closest('g[data-seq]');
    const seq = g ? Number(g.getAttribute('data-seq')) : null;
    store.getState().setHover(seq !== null && seq >= 0 ? seq : null);
  }, [store]);
  const out = useCallback(() => store.getState().setHover(null), [store]);
  return (
    <ViewportPortal>
      <svg className="token-layer" width={1} height={1} onPointerOver={over} onPointerLeave={out} aria-hidden="true">
        {SLOTS.map((i) => (
          <g key={i} ref={reg(i)} style={{ display: 'none' }}>
            <circle r={7} />
            <rect y={-24} height={16} rx={4} />
            <text y={-12} textAnchor="middle" />
          </g>
        ))}
      </svg>
    </ViewportPortal>
  );
}
export const TokenLayer = memo(TokenLayerImpl);
