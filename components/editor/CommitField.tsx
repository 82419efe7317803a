'use client';
/**
 * A text field that commits on blur (or Enter; Ctrl+Enter in a text area), so a run is
 * recorded again once per change rather than once per key. Shows the store's value again
 * when the store changes (an undo) or refuses the edit.
 */
import { useState } from 'react';

interface Props {
  value: string;
  /** false: the edit was refused (the error banner says why); the field shows the store's value again. */
  onCommit: (v: string) => boolean;
  label: string;
  multiline?: boolean;
  type?: 'text' | 'number';
  className?: string;
  testId?: string;
  placeholder?: string;
}

export function CommitField({ value, onCommit, label, multiline, type = 'text', className, testId, placeholder }: Props) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) { setSeen(value); setDraft(value); }
  const commit = () => { if (draft !== value && !onCommit(draft)) setDraft(value); };
  const common = {
    'aria-label': label, className, 'data-testid': testId, value: draft, placeholder,
    onBlur: commit,
  };
  if (multiline) {
    return (
      <textarea {...common} rows={2} onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) commit(); if (e.key === 'Escape') setDraft(value); }} />
    );
  }
  return (
    <input {...common} type={type} onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => { if (e.key === 'Enter') commit(); if (e.key === 'Escape') setDraft(value); }} />
  );
}
