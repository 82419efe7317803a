'use client';
/** The figures over time of the playground's recording, recomputed when the recording grows. */
import { useMemo } from 'react';
import { usePg, useView } from './context';
import { seriesOf, type TimeSeries } from './series';
import { timeAt } from './timeline';

export function useSeries(): TimeSeries {
  const tl = usePg((s) => s.timeline);
  const last = usePg((s) => s.rec.last);
  const first = usePg((s) => s.rec.first);
  const doc = usePg((s) => s.doc);
  const v = useView();
  // the limit the grant lines run into: the same for every domain of a run
  const capacity = v.domains.find((d) => d.state === 'running')?.grantCapacity ?? null;
  return useMemo(() => {
    // the timeline grows in place: its window (first, last) says when to recompute
    void first; void last;
    const names = new Map<number, string>(doc.domains.map((d) => [d.id, d.name]));
    for (const s of doc.steps) if (s.op === 'add-domain') names.set(s.id, s.name);
    return seriesOf(tl, names, 160, capacity);
  }, [tl, doc, first, last, capacity]);
}

/** Virtual time at the cursor, µs. */
export function useCursorTime(): number {
  return usePg((s) => timeAt(s.timeline, s.cursor));
}
