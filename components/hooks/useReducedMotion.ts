'use client';
import { useEffect, useRef } from 'react';

/** A ref that follows `prefers-reduced-motion` (read by the animation loop, no re-render). */
export function useReducedMotionRef() {
  const ref = useRef(false);
  useEffect(() => {
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    ref.current = mq.matches;
    const on = () => { ref.current = mq.matches; };
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return ref;
}
