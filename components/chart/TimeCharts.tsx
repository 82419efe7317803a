'use client';
/**
 * Figures over virtual time, drawn with uPlot (loaded the first time this part is shown):
 * the cursor as a vertical line, a click seeks there. Data comes from the store.
 */
import 'uplot/dist/uPlot.min.css';
import './time-charts.css';
import uPlot from 'uplot';
import { memo, useEffect, useMemo, useRef } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { useSeries, useCursorTime } from '@store/useSeries';
import { cpuSeriesOf, type CpuSeries, type Series } from '@store/series';
import { RESERVED_GRANT_ENTRIES } from '@store/grantPeaks';
import { fmtBytes, fmtTime } from '@lib/format';

const COLOURS = ['#0a7f6f', '#2457c5', '#c8102e', '#b86e00', '#7a3fc4', '#13804a', '#5b6472'];

interface ChartProps {
  id: string; title: string; t: number[]; lines: Series[]; cursorT: number;
  fmt(v: number): string; onSeek(t: number): void; dashedLast?: boolean;
}

function Chart({ id, title, t, lines, cursorT, fmt, onSeek, dashedLast }: ChartProps) {
  const el = useRef<HTMLDivElement | null>(null);
  const plot = useRef<uPlot | null>(null);
  const cur = useRef(cursorT);
  cur.current = cursorT;
  const seek = useRef(onSeek);
  seek.current = onSeek;
  useEffect(() => {
    const host = el.current;
    if (!host || t.length === 0) return;
    const width = Math.max(220, host.clientWidth);
    const opts: uPlot.Options = {
      width, height: 130, legend: { show: true, live: false },
      scales: { x: { time: false } },
      cursor: { y: false, drag: { x: false, y: false } },
      axes: [
        { values: (_u, vals) => vals.map((v) => fmtTime(v)), size: 26, font: '11px system-ui, sans-serif', stroke: '#5b6472' },
        { values: (_u, vals) => vals.map((v) => fmt(v)), size: 62, font: '11px system-ui, sans-serif', stroke: '#5b6472' },
      ],
      series: [
        {},
        ...lines.map((l, i) => ({
          label: l.label, stroke: COLOURS[i % COLOURS.length], width: 1.5, points: { show: false },
          ...(dashedLast && i === lines.length - 1 ? { dash: [6, 4] } : {}),
        })),
      ],
      hooks: {
        draw: [(u: uPlot) => {
          // the playback cursor: a vertical line at the current virtual time
          const x = Math.round(u.valToPos(cur.current, 'x', true));
          const { top, height } = u.bbox;
          u.ctx.save();
          u.ctx.strokeStyle = '#ff8a00'; u.ctx.lineWidth = 2 * devicePixelRatio;
          u.ctx.beginPath(); u.ctx.moveTo(x, top); u.ctx.lineTo(x, top + height); u.ctx.stroke();
          u.ctx.restore();
        }],
      },
    };
    const data: uPlot.AlignedData = [t, ...lines.map((l) => l.values)];
    const p = new uPlot(opts, data, host);
    plot.current = p;
    const click = () => {
      const left = p.cursor.left ?? -1;
      if (left >= 0) seek.current(p.posToVal(left, 'x'));
    };
    p.over.addEventListener('click', click);
    return () => { p.over.removeEventListener('click', click); p.destroy(); plot.current = null; };
  }, [t, lines, fmt, dashedLast]);
  // a cursor move redraws the line only
  useEffect(() => { plot.current?.redraw(false, false); }, [cursorT]);
  return (
    <figure className="time-chart" data-testid={`chart-${id}`}>
      <figcaption>{title}</figcaption>
      {t.length === 0 || lines.length === 0 ? <p className="muted">Nothing yet.</p> : null}
      <div ref={el} className="time-chart-plot" title="Click to jump to that moment" />
    </figure>
  );
}

const rate = (v: number) => `${fmtBytes(Math.round(v))}/s`;
const pct = (v: number) => `${Math.round(v * 100)}%`;
const count = (v: number) => String(Math.round(v));

/** Each domain's vCPU busy share, sampled from the recorded states (store/series.ts), when the recording grows. */
function useCpuSeries(): CpuSeries {
  const tl = usePg((s) => s.timeline);
  // sampling replays the recording: while it grows, again each time it has grown by a sixteenth
  const grown = usePg((s) => Math.floor(Math.log2(Math.max(1, s.rec.last - s.rec.first)) * 16));
  const ended = usePg((s) => s.timeline.ended);
  const first = usePg((s) => s.rec.first);
  const doc = usePg((s) => s.doc);
  return useMemo(() => {
    void first; void grown; void ended;
    const names = new Map<number, string>(doc.domains.map((d) => [d.id, d.name]));
    for (const s of doc.steps) if (s.op === 'add-domain') names.set(s.id, s.name);
    return cpuSeriesOf(tl, names);
  }, [tl, doc, first, grown, ended]);
}

function TimeChartsImpl() {
  const store = usePlaygroundStore();
  const s = useSeries();
  const cpu = useCpuSeries();
  const cursorT = useCursorTime();
  const onSeek = useRef((t: number) => { store.getState().pause(); store.getState().seekTime(Math.round(t)); }).current;
  const occupancy = s.occupancy;
  const grants = useMemo<Series[]>(() => (s.grantCapacity === null || s.grants.length === 0 ? s.grants
    : [...s.grants, { label: `limit ${s.grantCapacity} (${s.grantCapacity + RESERVED_GRANT_ENTRIES} entries, ${RESERVED_GRANT_ENTRIES} reserved)`, values: s.t.map(() => s.grantCapacity) }]), [s]);
  const wake = useMemo<Series[]>(() => [{ label: 'woken by the doorbell', values: s.wakeups }, { label: 'spurious', values: s.spurious }], [s]);
  return (
    <div className="time-charts" data-testid="time-charts">
      <Chart id="throughput" title="Throughput per connection" t={s.t} lines={s.throughput} cursorT={cursorT} fmt={rate} onSeek={onSeek} />
      <Chart id="occupancy" title="Ring occupancy" t={s.t} lines={occupancy} cursorT={cursorT} fmt={pct} onSeek={onSeek} />
      <Chart id="cpu" title="vCPU busy (share of each domain’s vCPUs)" t={cpu.t} lines={cpu.busy} cursorT={cursorT} fmt={pct} onSeek={onSeek} />
      <Chart id="grants" title="Grants in use (most held at once, against the limit)" t={s.t} lines={grants} cursorT={cursorT} fmt={count} onSeek={onSeek} dashedLast={s.grantCapacity !== null && s.grants.length > 0} />
      <Chart id="wakeups" title="V4V wake-ups per interval" t={s.t} lines={wake} cursorT={cursorT} fmt={count} onSeek={onSeek} />
      <p className="muted small">Each point: {fmtTime(s.bucketUs)} of virtual time. Click a chart to jump there.</p>
    </div>
  );
}
export const TimeCharts = memo(TimeChartsImpl);
