'use client';
/**
 * A native modal <dialog>, open while mounted; Escape or the close button calls onClose.
 * Opening it pauses playback, so what the dialog offers (a link "at action N", an export)
 * does not go stale behind it.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { usePlaygroundStore } from '@store/index';

export function Modal({ title, testId, onClose, children, wide }: { title: string; testId: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const store = usePlaygroundStore();
  useEffect(() => {
    store.getState().pause();
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => { if (d?.open) d.close(); };
  }, [store]);
  const id = `${testId}-title`;
  return (
    <dialog ref={ref} className={`dialog share-dialog${wide ? ' wide' : ''}`} aria-labelledby={id} onClose={onClose} data-testid={testId}>
      <div className="dialog-head">
        <h2 id={id}>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close" className="close">✕</button>
      </div>
      {children}
    </dialog>
  );
}

/** Copies text; says so, or says how to copy by hand where the clipboard is not allowed. */
export async function copyText(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied.';
  } catch {
    return 'Copying is not allowed here: select the text above and copy it (Ctrl+C / ⌘C).';
  }
}

export function download(name: string, data: Blob | string, type = 'text/plain;charset=utf-8') {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url; a.download = name; a.rel = 'noopener';
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'scenario';
}
