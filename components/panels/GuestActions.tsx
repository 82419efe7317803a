'use client';
/**
 * The selected guest's actions (listen, flood, connect flood, bypass, shed a peer,
 * migrate, crash, remove): each becomes a scenario step at the cursor. Loaded the first
 * time a guest is selected.
 */
import { memo } from 'react';
import { usePg, usePlaygroundStore, useView } from '@store/index';
import { parsePort } from '@lib/validate';
import { freshConnName, type StepInput } from '@store/edits';
import type { DomainView } from '@engine/api';
import { timeAt } from '@store/timeline';
import { guestConns } from '../flow/NodeMenu';

export interface GuestActionsProps { guest: DomainView; port: string; setPort(p: string): void }

function GuestActionsImpl({ guest, port, setPort }: GuestActionsProps) {
  const store = usePlaygroundStore();
  const v = useView();
  const tNow = usePg((s) => timeAt(s.timeline, s.cursor));
  const st = store.getState;
  const run = (s: StepInput | StepInput[]) => st().dispatch(s);
  const conns = guestConns(v, guest.id);
  const others = v.domains.filter((d) => d.id !== guest.id && d.state === 'running');
  const peers = v.rings.filter((r) => r.state !== 'closed' && (r.a === guest.id || r.b === guest.id)).map((r) => (r.a === guest.id ? r.b : r.a));
  const nameOf = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;

  const listen = () => {
    const p = parsePort(port);
    if (!p.ok) { st().setError(p.error); return; }
    run({ op: 'listen', dom: guest.id, port: p.value, note: `${guest.name} listens on port ${p.value}.` });
  };
  const flood = (key: string) => {
    const c = conns.find((x) => x.key === key);
    if (!c) return;
    run({ op: 'flood', conn: c.name, side: c.side, until: tNow + 20_000, kind: 'data', note: `${guest.name} floods “${c.name}” (its ${c.side} end) for 20 ms.` });
  };
  const connectFlood = (target: number) => {
    const p = parsePort(port);
    if (!p.ok) { st().setError(p.error); return; }
    run({ op: 'flood', kind: 'connect', dom: guest.id, cid: target, port: p.value, until: tNow + 20_000,
      note: `${guest.name} floods the connection manager with CONNECT_req to ${nameOf(target)}:${p.value} for 20 ms.` });
  };
  const bypass = (peer: number) => {
    const p = parsePort(port);
    if (!p.ok) { st().setError(p.error); return; }
    run({ op: 'bypass', dom: guest.id, peer, port: p.value, as: freshConnName(st().doc, 'bypass'),
      note: `${guest.name} and ${nameOf(peer)} co-operate: they share pages with grants and bind an event channel, without asking the broker.` });
  };
  return (
    <div className="action-row" role="toolbar" aria-label={`Actions on ${guest.name}`} data-testid="guest-actions">
      <strong className="sel-name">{guest.name}</strong>
      {guest.state !== 'running' ? <span className="warn">✕ {guest.state}: actions will be refused</span> : null}
      <label className="field inline">port
        <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" aria-label="Listen port" className="short" />
      </label>
      <button type="button" onClick={listen} data-testid="act-listen">Listen</button>
      <select aria-label="Flood a connection" value="" onChange={(e) => flood(e.target.value)} disabled={conns.length === 0} data-testid="act-flood">
        <option value="">Flood…</option>
        {conns.map((c) => <option key={c.key} value={c.key}>{c.name} → {nameOf(c.peerDom)}{c.side === 'server' ? ' (server end)' : ''}</option>)}
      </select>
      <select aria-label="Flood the connection manager with requests to a domain (at the port above)" value="" disabled={others.length === 0}
        onChange={(e) => connectFlood(Number(e.target.value))} data-testid="act-connect-flood">
        <option value="">Connect flood…</option>
        {others.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
      </select>
      <select aria-label="Bypass the broker to a guest (co-operating guests, at the port above)" value="" data-testid="act-bypass"
        disabled={others.every((d) => d.role !== 'guest')} onChange={(e) => bypass(Number(e.target.value))}>
        <option value="">Bypass to…</option>
        {others.filter((d) => d.role === 'guest').map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
      </select>
      <select aria-label="Shed a peer (shut down the ring)" value="" disabled={peers.length === 0}
        onChange={(e) => run({ op: 'shutdown-ring', dom: guest.id, peer: Number(e.target.value), note: `${guest.name} sheds ${nameOf(Number(e.target.value))}: it shuts down their ring.` })}>
        <option value="">Shed peer…</option>
        {peers.map((p) => <option key={p} value={p}>{nameOf(p)}</option>)}
      </select>
      <button type="button" onClick={() => run({ op: 'migrate', dom: guest.id, note: `The toolstack migrates ${guest.name}.` })}>⇄ Migrate</button>
      <button type="button" className="danger" onClick={() => run({ op: 'crash', dom: guest.id, note: `${guest.name} crashes.` })} data-testid="act-crash">✕ Crash</button>
      <button type="button" className="danger" onClick={() => run({ op: 'remove-domain', id: guest.id, note: `The toolstack destroys ${guest.name}.` })}>⊘ Remove</button>
    </div>
  );
}
export const GuestActions = memo(GuestActionsImpl);
