'use client';
/** The run's narration notes and the index of the one the cursor has reached (-1: none yet). */
import { useMemo } from 'react';
import { usePanelMoment, usePlaygroundStore } from '@store/index';
import { endSeqAt } from '@store/timeline';

export function useNarration() {
  const store = usePlaygroundStore();
  const { tl, cursor, rec } = usePanelMoment();
  // the notes held in the recording window: recomputed when it grows or drops its start (rec)
  const notes = useMemo(() => (rec && store.derived.notesOf(tl)), [store, tl, rec]);
  const upto = endSeqAt(tl, cursor) - 1;
  let cur = -1;
  for (let i = 0; i < notes.length; i++) if (notes[i]!.seq <= upto) cur = i;
  return { tl, notes, cur };
}
