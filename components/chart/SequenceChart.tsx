'use client';
/**
 * The sequence chart: one lifeline per domain plus Xen and xenstore, one row per
 * (filtered) event, windowed so only the rows in view are in the DOM. Click a row to
 * seek there; the chart follows the cursor; hover shows the cause chain. It shows the
 * events the recording holds: in a long run, only its latest part (and says so).
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { usePanelMoment, usePg, usePlaygroundStore, inPanelGroup, PANEL_GROUP } from '@store/index';
import { rowAtSeq, type ChartRow } from '@lib/chartRows';
import { causeChain } from '@lib/causes';
import { fmtTime } from '@lib/format';
import type { Endpoint } from '@engine/api';
import { endSeqAt } from '@store/timeline';
import { lanesOf } from '@store/lanes';

const ROW = 26, TIME_W = 66, OVERSCAN = 8;

function SequenceChartImpl() {
  const store = usePlaygroundStore();
  const { tl, cursor, rec } = usePanelMoment();
  const showAll = usePg((s) => s.showAll);
  const hover = usePg((s) => s.hoverSeq);
  // rec: the recording grew or dropped its start (the timeline changes in place)
  const rows = useMemo(() => (rec && store.derived.rowsOf(tl, showAll)), [store, tl, showAll, rec]);
  const lanes = useMemo(() => lanesOf(tl.doc), [tl]);
  const ref = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, h: 300, w: 600 });
  const laneW = Math.max(86, (scroll.w - TIME_W - 8) / lanes.length);
  const width = TIME_W + laneW * lanes.length;
  const x = useCallback((ep: Endpoint) => {
    const i = lanes.findIndex((l) => l.ep === ep);
    return TIME_W + laneW * (i < 0 ? 0 : i) + laneW / 2;
  }, [lanes, laneW]);
  const curSeq = endSeqAt(tl, cursor) - 1;
  const curRow = rowAtSeq(rows, curSeq);
  const chain = useMemo(() => (hover === null || !rec ? null : causeChain(tl.events, hover, 64, tl.firstSeq)), [tl, hover, rec]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScroll({ top: el.scrollTop, h: el.clientHeight, w: el.clientWidth });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // follow the cursor: keep its row in view. Reads the scroll position we already track
  // (onScroll / ResizeObserver) rather than the DOM, which would force a layout per action;
  // and scrolls in the next animation frame, not right after this commit: setting scrollTop
  // there laid the page out, and the frame then laid it out again.
  const scrollRef = useRef(scroll);
  scrollRef.current = scroll;
  useEffect(() => {
    const el = ref.current;
    if (!el || curRow < 0) return;
    const y = curRow * ROW;
    const { top, h } = scrollRef.current;
    if (y >= top + ROW && y <= top + h - 2 * ROW) return;
    const id = requestAnimationFrame(() => { el.scrollTop = Math.max(0, y - h / 2); });
    return () => cancelAnimationFrame(id);
  }, [curRow]);

  const first = Math.max(0, Math.floor(scroll.top / ROW) - OVERSCAN);
  const lastIdx = Math.min(rows.length, Math.ceil((scroll.top + scroll.h) / ROW) + OVERSCAN);
  const visible = rows.slice(first, lastIdx);
  const st = store.getState;

  return (
    <section className="chart" aria-label="Sequence chart">
      <div className="chart-bar">
        <h2>Sequence chart</h2>
        <span className="muted">{rows.length} rows{showAll ? '' : ' (noise hidden)'}</span>
        {rec.first > 0 ? (
          <span className="window-note" data-testid="chart-window-note">
            from t = {fmtTime(rec.firstT)}: earlier events were dropped from the recording
          </span>
        ) : null}
        <label className="toggle">
          <input type="checkbox" checked={showAll} onChange={(e) => st().setShowAll(e.target.checked)} />
          show all hypercalls / xenstore
        </label>
      </div>
      <div className="chart-head" style={{ width }}>
        <span style={{ width: TIME_W }} className="lane-label">time</span>
        {lanes.map((l) => <span key={String(l.ep)} className="lane-label" style={{ width: laneW }} title={l.label}>{l.label}</span>)}
      </div>
      <div className="chart-scroll" ref={ref} onScroll={(e) => { const top = e.currentTarget.scrollTop; setScroll((s) => ({ ...s, top })); }}
        onPointerLeave={() => st().setHover(null)} tabIndex={0} aria-label="Events; click one to seek there">
        <div style={{ height: rows.length * ROW, width, position: 'relative' }}>
          <svg width={width} height={rows.length * ROW} className="chart-svg">
            {lanes.map((l) => <line key={String(l.ep)} x1={x(l.ep)} x2={x(l.ep)} y1={first * ROW} y2={lastIdx * ROW} className="lifeline" />)}
            {visible.map((r, i) => (
              <Row key={r.seq} r={r} y={(first + i) * ROW} x={x} width={width}
                state={first + i === curRow ? 'cur' : first + i > curRow ? 'future' : 'past'}
                inChain={chain ? rangeHits(chain, r) : false} />
            ))}
          </svg>
        </div>
      </div>
    </section>
  );
}

function rangeHits(chain: Set<number>, r: ChartRow): boolean {
  for (let s = r.seq; s <= r.last; s++) if (chain.has(s)) return true;
  return false;
}

const Row = memo(function Row({ r, y, x, width, state, inChain }: {
  r: ChartRow; y: number; x: (e: Endpoint) => number; width: number; state: 'cur' | 'past' | 'future'; inChain: boolean;
}) {
  const store = usePlaygroundStore();
  const x1 = x(r.src), x2 = x(r.dst);
  const self = x1 === x2;
  const cls = `row k-${r.kind} ${state}${r.bad ? ' bad' : ''}${inChain ? ' chain' : ''}`;
  const st = store.getState;
  const lx = self ? x1 + 10 : Math.min(x1, x2) + 6;
  return (
    <g className={cls} transform={`translate(0,${y})`} data-seq={r.seq}
      onClick={() => { st().pause(); st().seekSeq(r.last); }} onPointerEnter={() => st().setHover(r.last)}
      data-testid={r.bad ? 'chart-bad' : undefined}>
      <rect x={0} y={0} width={width} height={ROW} className="row-bg" />
      <text x={4} y={18} className="row-time">{fmtTime(r.t)}</text>
      {self ? <circle cx={x1} cy={18} r={4} className="row-dot" /> : (
        <>
          <line x1={x1} x2={x2} y1={18} y2={18} className="row-arrow" />
          <path d={x2 > x1 ? `M${x2},18l-7,-4v8z` : `M${x2},18l7,-4v8z`} className="row-head" />
        </>
      )}
      <text x={lx} y={12} className="row-text">{r.text.length > 90 ? r.text.slice(0, 89) + '…' : r.text}</text>
      <title>{`#${r.seq} ${r.kind} ${r.op}${r.count > 1 ? ` ×${r.count}` : ''} @ ${fmtTime(r.t)}${r.cause !== undefined ? ` (caused by #${r.cause})` : ''}`}</title>
    </g>
  );
});

/** Follows the moment as the chart group (store/panelMoment.ts). */
export const SequenceChart = inPanelGroup(PANEL_GROUP.chart, SequenceChartImpl);
