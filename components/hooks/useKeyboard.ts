'use client';
import { useCallback, useEffect, type KeyboardEvent } from 'react';
import { usePlaygroundStore } from '@store/index';

/** Space plays/pauses, ←/→ step, Home/End jump; ignored while typing, in a dialog or a menu, or on the diagram. */
export function useKeyboard() {
  const store = usePlaygroundStore();
  useEffect(() => {
    const on = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      if (t && (t.closest('input, select, textarea, dialog, [role="menu"], [contenteditable="true"]'))) return;
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

const NODE = '.react-flow__node-domain';

/** The domain nodes in reading order (top to bottom, then left to right). */
function domainsInOrder(root: HTMLElement): HTMLElement[] {
  const list = Array.from(root.querySelectorAll<HTMLElement>(NODE));
  const at = new Map(list.map((el) => [el, el.getBoundingClientRect()]));
  return list.sort((a, b) => {
    const ra = at.get(a)!, rb = at.get(b)!;
    return Math.abs(ra.top - rb.top) > 24 ? ra.top - rb.top : ra.left - rb.left;
  });
}

/**
 * Keys on the diagram: Enter/Space on a domain or a ring selects it (the Inspector shows
 * it), Escape clears the selection, the arrow keys move the focus from domain to domain.
 */
export function useDiagramKeys() {
  const store = usePlaygroundStore();
  return useCallback((e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target as HTMLElement;
    const node = t.classList.contains('react-flow__node') ? t : null;
    const edge = t.classList.contains('react-flow__edge') ? t : null;
    const id = (node ?? edge)?.getAttribute('data-id');
    if (!id) return;
    const s = store.getState();
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (node && id.startsWith('d')) s.select({ kind: 'domain', id: Number(id.slice(1)) });
      else if (edge && id.startsWith('ring-')) s.select({ kind: 'ring', key: id.slice(5) });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      s.select(null);
    } else if (node && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const list = domainsInOrder(e.currentTarget);
      const i = list.indexOf(node);
      const next = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? i + 1 : i - 1;
      list[(next + list.length) % list.length]?.focus();
    }
  }, [store]);
}
