'use client';
/**
 * A polite live region for screen readers: what the current step did, as the chart's
 * visible rows of that action ("web → dom0: CONNECT_req :5432"). While playing it speaks
 * at most once every 2 s (the latest step); paused, every step.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { usePanelMoment, usePg, usePlaygroundStore, inPanelGroup, PANEL_GROUP } from '@store/index';
import { lanesOf } from '@store/lanes';
import { endSeqAt } from '@store/timeline';
import { rowAtSeq } from '@lib/chartRows';

const PLAYING_GAP_MS = 2000;
const MAX_ROWS = 3;

function AnnouncerImpl() {
  const store = usePlaygroundStore();
  const { tl, cursor, rec } = usePanelMoment();
  const playing = usePg((s) => s.playing);
  const lanes = useMemo(() => new Map(lanesOf(tl.doc).map((l) => [l.ep, l.name])), [tl]);
  const text = useMemo(() => {
    if (!rec || cursor < rec.first) return '';
    const rows = store.derived.rowsOf(tl, false);
    const lo = cursor > rec.first ? endSeqAt(tl, cursor - 1) : tl.firstSeq;
    const hi = endSeqAt(tl, cursor) - 1;
    const out: string[] = [];
    for (let i = rowAtSeq(rows, hi); i >= 0 && rows[i]!.seq >= lo && out.length < MAX_ROWS; i--) {
      const r = rows[i]!;
      const a = lanes.get(r.src) ?? String(r.src), b = lanes.get(r.dst) ?? String(r.dst);
      out.unshift(a === b ? `${a}: ${r.text}` : `${a} → ${b}: ${r.text}`);
    }
    return `Step ${cursor}: ${out.length > 0 ? out.join('; ') : 'nothing visible'}`;
  }, [store, tl, rec, cursor, lanes]);
  const [said, setSaid] = useState('');
  const last = useRef(0);
  useEffect(() => {
    if (!playing) { setSaid(text); return; }
    const wait = last.current + PLAYING_GAP_MS - performance.now();
    const id = setTimeout(() => { last.current = performance.now(); setSaid(text); }, Math.max(0, wait));
    return () => clearTimeout(id);
  }, [text, playing]);
  return <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">{said}</div>;
}
/** Follows the moment as the chart group (store/panelMoment.ts). */
export const Announcer = inPanelGroup(PANEL_GROUP.chart, AnnouncerImpl);
