'use client';
/** The run's narration notes and the index of the one the cursor has reached (-1: none yet). */
import { useMemo } from 'react';
import { usePg } from '@store/index';

export function useNarration() {
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const notes = useMemo(() => tl.events.filter((e) => e.kind === 'toolstack' && e.op === 'note'), [tl]);
  const upto = (tl.endSeq[cursor] ?? 0) - 1;
  let cur = -1;
  for (let i = 0; i < notes.length; i++) if (notes[i]!.seq <= upto) cur = i;
  return { tl, notes, cur };
}
