'use client';
/** Whether the page presents: `?present=1` in the address (kept there, so a reload still presents). */
import { useCallback, useState } from 'react';

export function usePresent(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => typeof window !== 'undefined' && new URLSearchParams(window.location.search).get('present') === '1');
  const set = useCallback((v: boolean) => {
    setOn(v);
    const u = new URL(window.location.href);
    if (v) u.searchParams.set('present', '1');
    else u.searchParams.delete('present');
    window.history.replaceState(window.history.state, '', u);
  }, []);
  return [on, set];
}
