'use client';
/**
 * Asks the port of a drag-made connection (or, from a guest's Actions menu, also the guest
 * to connect to); offers "also listen" if nobody listens there yet, and warns when the
 * policy at this point will refuse the pair.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { usePlaygroundStore, useView } from '@store/index';
import { freshConnName } from '@store/edits';
import { parsePort } from '@lib/validate';
import { connectWarning } from '@lib/policy';
import './hints.css';

/** `to: null`: the dialog asks which guest. */
export interface ConnectRequest { from: number; to: number | null }

function ConnectDialogImpl({ req, onClose }: { req: ConnectRequest | null; onClose(): void }) {
  const store = usePlaygroundStore();
  const ref = useRef<HTMLDialogElement>(null);
  const view = useView();
  const [port, setPort] = useState('5432');
  const [alsoListen, setAlsoListen] = useState(true);
  const [err, setErr] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (req && !d.open) { setErr(null); setPicked(null); store.getState().pause(); d.showModal(); }
    if (!req && d.open) d.close();
  }, [req, store]);
  if (!req) return <dialog ref={ref} className="dialog" aria-label="Connect" />;
  const from = view.domains.find((d) => d.id === req.from);
  const targets = view.domains.filter((d) => d.role === 'guest' && d.id !== req.from && d.state === 'running');
  const toId = req.to ?? picked ?? targets[0]?.id ?? null;
  const to = view.domains.find((d) => d.id === toId);
  const p = parsePort(port);
  const listens = p.ok && !!to?.listening.includes(p.value);
  const warning = p.ok && toId !== null ? connectWarning(view, req.from, toId, p.value) : null;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!p.ok) { setErr(p.error); return; }
    if (toId === null) { setErr('connect: no other running guest to connect to'); return; }
    const s = store.getState();
    const as = freshConnName(s.doc);
    const steps = [
      ...(!listens && alsoListen ? [{ op: 'listen' as const, dom: toId, port: p.value, note: `${to?.name ?? toId} listens on port ${p.value}.` }] : []),
      { op: 'connect' as const, dom: req.from, cid: toId, port: p.value, as, note: `${from?.name ?? req.from} connects to ${to?.name ?? toId} (CID ${toId}) port ${p.value} as “${as}”.` },
    ];
    const r = s.dispatch(steps);
    if (!r.ok) { setErr(r.error); return; }
    onClose();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="connect-title" onClose={onClose} data-testid="connect-dialog">
      <form onSubmit={submit}>
        <h2 id="connect-title">Connect {from?.name ?? `dom${req.from}`} → {to?.name ?? (toId === null ? '…' : `dom${toId}`)}</h2>
        {req.to === null ? (
          <label className="field">to guest
            <select value={toId ?? ''} onChange={(e) => setPicked(Number(e.target.value))} data-testid="connect-to" autoFocus>
              {targets.length === 0 ? <option value="">no other running guest</option> : null}
              {targets.map((d) => <option key={d.id} value={d.id}>{d.name} (CID {d.id})</option>)}
            </select>
          </label>
        ) : null}
        <label className="field">vsock port
          <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" autoFocus={req.to !== null} data-testid="connect-port" />
        </label>
        {p.ok && !listens ? (
          <label className="check">
            <input type="checkbox" checked={alsoListen} onChange={(e) => setAlsoListen(e.target.checked)} />
            {to?.name ?? 'the target'} does not listen on {p.value} yet: also listen
          </label>
        ) : null}
        {warning ? <p className="connect-warning" role="status" data-testid="connect-warning">{warning}</p> : null}
        {err ? <p className="form-error" role="alert">{err}</p> : null}
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Connect</button>
        </div>
      </form>
    </dialog>
  );
}
export const ConnectDialog = memo(ConnectDialogImpl);
