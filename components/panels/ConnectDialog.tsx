'use client';
/** Asks the port of a drag-made connection; offers "also listen" if nobody listens there yet. */
import { memo, useEffect, useRef, useState } from 'react';
import { usePlaygroundStore, useView } from '@store/index';
import { freshConnName } from '@store/edits';
import { parsePort } from '@lib/validate';

export interface ConnectRequest { from: number; to: number }

function ConnectDialogImpl({ req, onClose }: { req: ConnectRequest | null; onClose(): void }) {
  const store = usePlaygroundStore();
  const ref = useRef<HTMLDialogElement>(null);
  const view = useView();
  const [port, setPort] = useState('5432');
  const [alsoListen, setAlsoListen] = useState(true);
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (req && !d.open) { setErr(null); d.showModal(); }
    if (!req && d.open) d.close();
  }, [req]);
  if (!req) return <dialog ref={ref} className="dialog" />;
  const from = view.domains.find((d) => d.id === req.from);
  const to = view.domains.find((d) => d.id === req.to);
  const p = parsePort(port);
  const listens = p.ok && !!to?.listening.includes(p.value);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!p.ok) { setErr(p.error); return; }
    const s = store.getState();
    const as = freshConnName(s.doc);
    const steps = [
      ...(!listens && alsoListen ? [{ op: 'listen' as const, dom: req.to, port: p.value, note: `${to?.name ?? req.to} listens on port ${p.value}.` }] : []),
      { op: 'connect' as const, dom: req.from, cid: req.to, port: p.value, as, note: `${from?.name ?? req.from} connects to ${to?.name ?? req.to} (CID ${req.to}) port ${p.value} as “${as}”.` },
    ];
    const r = s.dispatch(steps);
    if (!r.ok) { setErr(r.error); return; }
    onClose();
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="connect-title" onClose={onClose} data-testid="connect-dialog">
      <form onSubmit={submit}>
        <h2 id="connect-title">Connect {from?.name ?? `dom${req.from}`} → {to?.name ?? `dom${req.to}`}</h2>
        <label className="field">vsock port
          <input value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" aria-label="Port" autoFocus />
        </label>
        {p.ok && !listens ? (
          <label className="check">
            <input type="checkbox" checked={alsoListen} onChange={(e) => setAlsoListen(e.target.checked)} />
            {to?.name ?? 'the target'} does not listen on {p.value} yet: also listen
          </label>
        ) : null}
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
