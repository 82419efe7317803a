'use client';
/** Live figures at the cursor: per-connection throughput, ring occupancy, grants in use. */
import { memo, useMemo } from 'react';
import { usePg, useView } from '@store/index';
import { throughputAt } from '@store/derived';
import { fmtBytes, fmtRate } from '@lib/format';

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

function FiguresImpl() {
  const v = useView();
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const tp = useMemo(() => throughputAt(tl, cursor, WINDOW_US), [tl, cursor]);
  const name = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
  const conns = v.sockets.filter((s) => s.role === 'client' && s.name);
  const rates = v.rings.flatMap((r) => [
    { k: `${r.key}:${r.b}`, label: `${name(r.a)}→${name(r.b)}`, bytes: tp.get(`${r.key}:${r.b}`) ?? 0 },
    { k: `${r.key}:${r.a}`, label: `${name(r.b)}→${name(r.a)}`, bytes: tp.get(`${r.key}:${r.a}`) ?? 0 },
  ]);
  const maxRate = Math.max(1, ...rates.map((r) => r.bytes));
  const guests = v.domains.filter((d) => d.state !== 'removed').slice(0, 16);
  return (
    <section className="figures" aria-label="Live figures">
      <h2>Live figures</h2>
      <h3>Throughput <small className="muted">last {WINDOW_US / 1000} ms of virtual time</small></h3>
      {rates.length === 0 ? <p className="muted">No ring set up.</p> : rates.map((r) => (
        <Bar key={r.k} f={r.bytes / maxRate} label={r.label} value={fmtRate(r.bytes * (1_000_000 / WINDOW_US))} />
      ))}
      <h3>Ring occupancy</h3>
      {v.rings.length === 0 ? <p className="muted">—</p> : v.rings.flatMap((r) => [r.ab, r.ba].map((d, i) => d ? (
        <Bar key={r.key + i} f={d.used / d.size} label={`${name(d.writer)}→${name(d.reader)}`} value={`${fmtBytes(d.used)} / ${fmtBytes(d.size)}`} hot={d.used / d.size > 0.9} />
      ) : null))}
      <h3>Grants in use</h3>
      {guests.map((d) => (
        <Bar key={d.id} f={d.grantCapacity ? d.grantsInUse / d.grantCapacity : 0} label={d.name} value={`${d.grantsInUse} / ${d.grantCapacity}`} hot={d.grantsInUse / Math.max(1, d.grantCapacity) > 0.9} />
      ))}
      <h3>Connections</h3>
      <ul className="conn-list">
        {conns.map((c) => (
          <li key={c.id} className={c.state === 'refused' || c.state === 'reset' ? 'bad' : c.state} data-testid={`conn-${c.name}`}>
            <strong>{c.name}</strong> {name(c.dom)}→{name(c.peerDom)}:{c.peerPort} <span className="conn-state">{c.state === 'refused' || c.state === 'reset' ? `✕ ${c.state}` : c.state}{c.reason ? ` (${c.reason})` : ''}</span> <span className="muted">{fmtBytes(c.sent)} sent</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
export const Figures = memo(FiguresImpl);
