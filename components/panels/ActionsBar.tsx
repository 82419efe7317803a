'use client';
/** Actions on the selected guest, plus "Add guest". Each becomes a scenario step at the cursor. */
import { memo, useState } from 'react';
import { usePg, getStore, useView } from '@store/index';
import { parsePort, parseName, parseNewDomId } from '@lib/validate';
import { freshConnName, type StepInput } from '@store/edits';
import { timeAt } from '@engine/index';

function ActionsBarImpl() {
  const sel = usePg((s) => s.selection);
  const v = useView();
  const tNow = usePg((s) => timeAt(s.timeline, s.cursor));
  const [port, setPort] = useState('5432');
  const [name, setName] = useState('');
  const st = getStore().getState;
  const dom = sel?.kind === 'domain' ? v.domains.find((d) => d.id === sel.id) : undefined;
  const guest = dom && dom.role === 'guest' ? dom : undefined;
  const run = (s: StepInput | StepInput[]) => st().dispatch(s);
  // A flood step names a connection (the client's name); either end may flood it.
  const named = new Map(v.sockets.filter((s) => s.name !== null).map((s) => [s.id, s.name!]));
  const conns = guest ? v.sockets.flatMap((s) => {
    if (s.dom !== guest.id || s.state !== 'connected') return [];
    const name = s.role === 'client' ? s.name : named.get(s.peerSock);
    return name ? [{ key: `${s.role === 'client' ? 'client' : 'server'}:${name}`, name, side: s.role === 'client' ? 'client' as const : 'server' as const, peerDom: s.peerDom }] : [];
  }) : [];
  const others = guest ? v.domains.filter((d) => d.id !== guest.id && d.state === 'running') : [];
  const peers = guest ? v.rings.filter((r) => r.state !== 'closed' && (r.a === guest.id || r.b === guest.id)).map((r) => (r.a === guest.id ? r.b : r.a)) : [];
  const nameOf = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;

  const listen = () => {
    if (!guest) return;
    const p = parsePort(port);
    if (!p.ok) { st().setError(p.error); return; }
    run({ op: 'listen', dom: guest.id, port: p.value, note: `${guest.name} listens on port ${p.value}.` });
  };
  const flood = (key: string) => {
    const c = conns.find((x) => x.key === key);
    if (!guest || !c) return;
    run({ op: 'flood', conn: c.name, side: c.side, until: tNow + 20_000, kind: 'data', note: `${guest.name} floods “${c.name}” (its ${c.side} end) for 20 ms.` });
  };
  const connectFlood = (target: number) => {
    const p = parsePort(port);
    if (!guest || !p.ok) { if (!p.ok) st().setError(p.error); return; }
    run({ op: 'flood', kind: 'connect', dom: guest.id, cid: target, port: p.value, until: tNow + 20_000,
      note: `${guest.name} floods the connection manager with CONNECT_req to ${nameOf(target)}:${p.value} for 20 ms.` });
  };
  const bypass = (peer: number) => {
    const p = parsePort(port);
    if (!guest || !p.ok) { if (!p.ok) st().setError(p.error); return; }
    run({ op: 'bypass', dom: guest.id, peer, port: p.value, as: freshConnName(st().doc, 'bypass'),
      note: `${guest.name} and ${nameOf(peer)} co-operate: they share pages with grants and bind an event channel, without asking the broker.` });
  };
  const addGuest = () => {
    const n = parseName(name || `guest${v.domains.length}`);
    if (!n.ok) { st().setError(n.error); return; }
    const used = new Set(st().doc.domains.map((d) => d.id));
    for (const s of st().doc.steps) if (s.op === 'add-domain') used.add(s.id);
    let id = 1; while (used.has(id)) id++;
    const chk = parseNewDomId(String(id), used);
    if (!chk.ok) { st().setError(chk.error); return; }
    if (run({ op: 'add-domain', id, name: n.value, note: `The toolstack creates ${n.value} (dom${id}).` }).ok) setName('');
  };

  return (
    <section className="actions" aria-label="Actions">
      <div className="action-row">
        <label className="field inline">new guest
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="name" maxLength={80} aria-label="New guest name" />
        </label>
        <button type="button" onClick={addGuest} data-testid="add-guest">+ Add guest</button>
        <button type="button" onClick={() => st().undoEdit()} aria-label="Undo last edit" title="Undo the last scenario edit">↶ Undo</button>
        <button type="button" onClick={() => st().redoEdit()} aria-label="Redo edit" title="Redo">↷ Redo</button>
      </div>
      {!guest ? (
        <p className="muted hint">Select a guest for its actions · drag from a guest’s ⊕ handle to another guest to connect.</p>
      ) : (
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
      )}
    </section>
  );
}
export const ActionsBar = memo(ActionsBarImpl);
