'use client';
/** Live figures at the cursor: per-connection throughput, ring occupancy, grants in use. */
import { useMemo, useState } from 'react';
import { lazyPart } from '@lib/lazy';
import { usePanelMoment, usePanelView, inPanelGroup, withEngine, PANEL_GROUP } from '@store/index';
import { throughputAt } from '@store/derived';
import { setupTimes } from '@store/setup';
import { grantPeaksIn, RESERVED_GRANT_ENTRIES } from '@store/grantPeaks';
import { fmtBytes, fmtCount, fmtRate, fmtTime } from '@lib/format';


function Bar({ f, label, value, hot }: { f: number; label: string; value: string; hot?: boolean }) {
  return (
    <div className="fig-row" title={`${label}: ${value}`}>
      <span className="fig-label">{label}</span>
      <span className="fig-track"><span className={hot ? 'fig-fill hot' : 'fig-fill'} style={{ width: `${Math.min(100, f * 100)}%` }} /></span>
      <span className="fig-val">{value}</span>
    </div>
  );
}

const WINDOW_US = 1000;
const NOTE = { fontSize: 13, margin: '2px 0 4px' } as const;
const NOTE_BAD = { ...NOTE, color: 'var(--bad)', fontWeight: 600 } as const;

/** uPlot and the charts load the first time "Over time" is opened. */
const TimeCharts = lazyPart(() => withEngine(import('../chart/TimeCharts')).then((m) => m.TimeCharts), <p className="muted">Loading charts…</p>);

function OverTime() {
  const [shown, setShown] = useState(false);
  return (
    <details className="over-time" data-testid="over-time" onToggle={(e) => { if ((e.currentTarget as HTMLDetailsElement).open) setShown(true); }}>
      <summary>Over time <small className="muted">throughput, rings, vCPU, grants, wake-ups as curves</small></summary>
      {shown ? <TimeCharts /> : null}
    </details>
  );
}

function FiguresImpl() {
  const v = usePanelView();
  const { tl, cursor, rec } = usePanelMoment();
  const tp = useMemo(() => throughputAt(tl, cursor, WINDOW_US), [tl, cursor]);
  // a grant refused at the cursor: the table was full at that moment, whatever was given back after
  const peaks = useMemo(() => grantPeaksIn(tl, cursor), [tl, cursor]);
  const last = rec.last;
  // the timeline grows in place: `last` says when to look again
  const setup = useMemo(() => { void last; return setupTimes(tl); }, [tl, last]);
  // one lookup per label (a find per label was 800 scans of 100 domains a render)
  const names = useMemo(() => new Map(v.domains.map((d) => [d.id, d.name])), [v.domains]);
  const name = (id: number) => names.get(id) ?? `dom${id}`;
  const conns = v.sockets.filter((s) => s.role === 'client' && s.name);
  const rates = v.rings.flatMap((r) => [
    { k: `${r.key}:${r.b}`, label: `${name(r.a)}→${name(r.b)}`, bytes: tp.get(`${r.key}:${r.b}`) ?? 0 },
    { k: `${r.key}:${r.a}`, label: `${name(r.b)}→${name(r.a)}`, bytes: tp.get(`${r.key}:${r.a}`) ?? 0 },
  ]);
  for (const r of v.v4v?.rings ?? []) {
    const bytes = tp.get(`${r.id}:${r.owner}`) ?? 0;
    if (bytes > 0 || r.used > 0) rates.push({ k: `v4v:${r.id}`, label: `→ ring ${name(r.owner)} :${r.port}`, bytes });
  }
  const maxRate = Math.max(1, ...rates.map((r) => r.bytes));
  const TOP = 8;
  // busiest first, so big runs stay readable
  const shownRates = [...rates].sort((a, b) => b.bytes - a.bytes).slice(0, TOP);
  const alive = v.domains.filter((d) => d.state !== 'removed');
  const guests = [...alive].sort((a, b) => b.grantsInUse / Math.max(1, b.grantCapacity) - a.grantsInUse / Math.max(1, a.grantCapacity)).slice(0, TOP);
  const occ = v.rings.flatMap((r) => [r.ab, r.ba].map((d, i) => ({ key: r.key + i, d }))).filter((x) => x.d)
    .sort((a, b) => b.d!.used / b.d!.size - a.d!.used / a.d!.size).slice(0, TOP);
  const more = (n: number) => (n > TOP ? <p className="muted">… {n - TOP} more</p> : null);
  return (
    <section className="figures" aria-label="Live figures">
      <h2>Live figures</h2>
      <OverTime />
      <h3>Throughput <small className="muted">last {WINDOW_US / 1000} ms of virtual time</small></h3>
      {rates.length === 0 ? <p className="muted">{v.v4v ? 'No data into a V4V ring yet.' : 'No ring set up.'}</p> : shownRates.map((r) => (
        <Bar key={r.k} f={r.bytes / maxRate} label={r.label} value={fmtRate(r.bytes * (1_000_000 / WINDOW_US))} />
      ))}
      {more(rates.length)}
      <h3>Ring occupancy</h3>
      {occ.length === 0 ? <p className="muted">—</p> : occ.map(({ key, d }) => (
        <Bar key={key} f={d!.used / d!.size} label={`${name(d!.writer)}→${name(d!.reader)}`} value={`${fmtBytes(d!.used)} / ${fmtBytes(d!.size)}`} hot={d!.used / d!.size > 0.9} />
      ))}
      {more(v.rings.length * 2)}
      <h3>Grants in use</h3>
      <GrantNote caps={alive.map((d) => d.grantCapacity)} />
      {guests.map((d) => {
        const used = peaks.get(d.id) ?? d.grantsInUse;
        return <Bar key={d.id} f={d.grantCapacity ? used / d.grantCapacity : 0} label={d.name} value={`${used} / ${d.grantCapacity}`} hot={used / Math.max(1, d.grantCapacity) > 0.9} />;
      })}
      {[...peaks].map(([id, n]) => (
        <p key={id} style={NOTE_BAD} data-testid={`grant-refusal-${id}`}>
          ✕ {name(id)}: {n} of {alive.find((d) => d.id === id)?.grantCapacity ?? n} in use when a grant was refused, the table full; {alive.find((d) => d.id === id)?.grantsInUse ?? 0} once the refused connection gave its grants back.
        </p>
      ))}
      {more(alive.length)}
      <Counters v={v} />
      <h3>Connections</h3>
      <ul className="conn-list">
        {conns.slice(0, 40).map((c) => (
          <li key={c.id} className={c.state === 'refused' || c.state === 'reset' ? 'bad' : c.state} data-testid={`conn-${c.name}`}>
            <strong>{c.name}</strong> {name(c.dom)}→{name(c.peerDom)}:{c.peerPort} <span className="conn-state">{c.state === 'refused' || c.state === 'reset' ? `✕ ${c.state}` : c.state}{c.reason ? ` (${c.reason})` : ''}</span> <span className="muted">{fmtBytes(c.sent)} sent</span>
            {c.state !== 'connecting' && setup.has(c.id) ? <span className="conn-setup" data-testid={`setup-${c.name}`}> · set up in {fmtTime(setup.get(c.id)!)}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
/** What the gauges count: a table's entries less the ones Xen reserves. */
function GrantNote({ caps }: { caps: number[] }) {
  const cap = caps[0];
  if (cap === undefined || caps.some((c) => c !== cap)) return null;
  return (
    <p className="muted" style={NOTE} data-testid="grant-note">
      Each table has {fmtCount(cap + RESERVED_GRANT_ENTRIES)} entries; Xen reserves refs 0–{RESERVED_GRANT_ENTRIES - 1}, so {fmtCount(cap)} can be granted.
    </p>
  );
}

/** What the run has cost so far; the alternatives differ most here. */
function Counters({ v }: { v: ReturnType<typeof usePanelView> }) {
  const s = v.stats;
  const rows: Array<[string, number, string]> = [
    ['hypercalls', v.counts['hypercall'] ?? 0, 'grant, event-channel and V4V hypercalls'],
    ['event notifications', s.notifications, 'EVTCHNOP_send calls'],
    ['connection-manager messages', s.cmMessages, 'CONNECT_req/ind/ack/rsp, DISCONNECT_ind'],
    ['xenstore requests', v.counts['xenstore'] ?? 0, 'requests and watch events'],
    ['ring-full waits', s.ringFullWaits, 'a writer found its ring full and waited'],
    ['wake-ups', s.wakeups, 'a waiting writer woken (V4V: by the doorbell; vsock: by its own ring)'],
    ['spurious wake-ups', s.spuriousWakeups, 'woken, and still no room'],
    ['retries', s.retries, 'V4V: sends tried again'],
    ['bytes copied by Xen', s.bytesCopiedByXen, 'V4V: the hypervisor copies every message'],
  ];
  return (
    <>
      <h3>Counters</h3>
      <table className="counters" aria-label="Counters">
        <tbody>
          {rows.map(([label, n, help]) => (
            <tr key={label} title={help} data-testid={`counter-${label.replace(/ /g, '-')}`}>
              <th scope="row">{label}</th><td>{label.startsWith('bytes') ? fmtBytes(n) : fmtCount(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Follows the moment as the figures group (store/panelMoment.ts). */
export const Figures = inPanelGroup(PANEL_GROUP.figures, FiguresImpl);
