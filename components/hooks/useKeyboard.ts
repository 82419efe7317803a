'use client';
import { useEffect } from 'react';
import { usePlaygroundStore } from '@store/index';

/** Space plays/pauses, ←/→ step, Home/End jump; ignored while typing or in a dialog. */
export function useKeyboard() {
  const store = usePlaygroundStore();
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      if (t && (t.closest('input, select, textarea, dialog, [contenteditable="true"]'))) return;
      const s = store.getState();
      if (e.key === ' ' && !(t instanceof HTMLButtonElement)) { e.preventDefault(); s.togglePlay(); }
      else if (e.key === 'ArrowRight') { e.preventDefault(); s.step(1); }
      else if (e.key === 'ArrowLeft') { e.preventDefault(); s.step(-1); }
      else if (e.key === 'Home') { s.pause(); s.seek(s.rec.first); }
      else if (e.key === 'End') { s.pause(); s.seek(s.rec.last); }
    };
    window.addEventListener('keydown', on);
    return () => window.removeEventListener('keydown', on);
  }, [store]);
}
