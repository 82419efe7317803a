'use client';
/**
 * The toolstack's policy as a from × to matrix. Click a cell to allow or deny that pair.
 * After an allow, a connection the policy refused before gets a "Connect again" (a
 * refused connection does not try again by itself).
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { usePanelView, usePlaygroundStore, inPanelGroup, withEngine, PANEL_GROUP } from '@store/index';
import { parsePort } from '@lib/validate';
import { refusedNowAllowed, verdictFor } from '@lib/policy';
import { freshConnName } from '@store/edits';
import type { SimView } from '@engine/api';
import './hints.css';

function verdictOf(v: SimView, from: number, to: number, port: number | null): { allow: boolean; text: string; desc: string } {
  if (port !== null) {
    const ok = verdictFor(v.policy, from, to, port) === 'allow';
    return { allow: ok, text: `${ok ? '✓' : '✕'} :${port}`, desc: ok ? `allowed on port ${port}` : `denied on port ${port}` };
  }
  const generic = verdictFor(v.policy, from, to, null) === 'allow';
  const ports = [...new Set(v.policy.rules.filter((r) => r.from === from && r.to === to && r.port !== null).map((r) => r.port!))];
  const except = ports.filter((p) => (verdictFor(v.policy, from, to, p) === 'allow') !== generic);
  const text = `${generic ? '✓' : '✕'}${except.slice(0, 2).map((p) => ` ${generic ? '✕' : '✓'}:${p}`).join('')}${except.length > 2 ? ' …' : ''}`;
  const allow = generic || except.length > 0;
  const desc = generic ? (except.length ? `allowed except ports ${except.join(', ')}` : 'allowed on every port')
    : except.length ? `denied except ports ${except.join(', ')}` : 'denied';
  return { allow, text, desc };
}

type Guest = SimView['domains'][number];

/** What the matrix shows, as a string: it is drawn again only when this changes (not at every move of a run). */
function matrixKey(v: SimView, guests: Guest[], portVal: number | null): string {
  const rules = v.policy.rules.map((r) => `${r.from}>${r.to}:${r.port ?? '*'}=${r.verdict}`).join(',');
  return `${portVal ?? '*'}|${v.policy.default}|${rules}|${guests.map((g) => `${g.id}=${g.name}`).join(',')}`;
}

const Matrix = memo(function Matrix({ v, guests, portVal, onCell }: {
  k: string; v: SimView; guests: Guest[]; portVal: number | null; onCell: (from: number, to: number, allow: boolean) => void;
}) {
  return (
    <div className="matrix-wrap">
      <table className="matrix">
        <thead><tr><th scope="col"><span className="sr-only">from \ to</span>from ↓ to →</th>{guests.map((g) => <th key={g.id} scope="col">{g.name}</th>)}</tr></thead>
        <tbody>
          {guests.map((f) => (
            <tr key={f.id}>
              <th scope="row">{f.name}</th>
              {guests.map((t) => {
                if (t.id === f.id) return <td key={t.id} className="self">—</td>;
                const vd = verdictOf(v, f.id, t.id, portVal);
                return (
                  <td key={t.id}>
                    <button type="button" className={vd.allow ? 'cell allow' : 'cell deny'} data-testid={`policy-${f.id}-${t.id}`}
                      aria-label={`${f.name} to ${t.name}: ${vd.desc}. Click to ${vd.allow ? 'deny' : 'allow'}${portVal !== null ? ` port ${portVal}` : ' every port'}.`}
                      onClick={() => onCell(f.id, t.id, vd.allow)}>{vd.text}</button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}, (a, b) => a.k === b.k && a.onCell === b.onCell);

function PolicyMatrixImpl() {
  const store = usePlaygroundStore();
  const v = usePanelView();
  const [portText, setPortText] = useState('');
  /** The pair allowed last in this panel (its refused connections get a hint). */
  const [allowed, setAllowed] = useState<{ from: number; to: number } | null>(null);
  const guests = v.domains.filter((d) => d.role === 'guest' && d.state !== 'removed').slice(0, 12);
  const port = portText.trim() === '' ? null : parsePort(portText);
  const portVal = port && port.ok ? port.value : null;
  const click = (from: number, to: number, allow: boolean) => {
    const st = store.getState();
    if (port && !port.ok) { st.setError(port.error); return; }
    if (st.doc.exercise?.editable.includes('policy')) {
      // an exercise's policy is the document's own: the whole run changes (store/exercise.ts)
      void withEngine(import('@store/exercise')).then((m) => m.editPolicy(store, from, to, portVal, !allow));
      return;
    }
    const names = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
    const op = allow ? 'deny' : 'allow';
    setAllowed(op === 'allow' ? { from, to } : null);
    st.dispatch({
      op, from, to, ...(portVal !== null ? { port: portVal } : {}),
      note: `The toolstack ${op === 'allow' ? 'allows' : 'denies'} ${names(from)} → ${names(to)}${portVal !== null ? ` on port ${portVal}` : ''}.`,
    });
  };
  // the cells call the click of the latest render: the matrix itself re-renders only when it changes
  const clickRef = useRef(click);
  clickRef.current = click;
  const onCell = useCallback((from: number, to: number, allow: boolean) => clickRef.current(from, to, allow), []);
  const retries = allowed ? refusedNowAllowed(v, allowed.from, allowed.to) : [];
  const hintRef = useRef<HTMLDivElement>(null);
  const hinting = retries.length > 0;
  // the hint sits under the matrix: bring it into view when it appears
  useEffect(() => { if (hinting) hintRef.current?.scrollIntoView?.({ block: 'nearest' }); }, [hinting]);
  const retry = (r: (typeof retries)[number]) => {
    const st = store.getState();
    const as = freshConnName(st.doc);
    const names = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
    st.dispatch({ op: 'connect', dom: r.dom, cid: r.cid, port: r.port, as, note: `${names(r.dom)} connects to ${names(r.cid)} port ${r.port} again, as “${as}”.` });
    setAllowed(null);
  };
  return (
    <section className="policy" aria-label="Policy (set by the toolstack)">
      <p className="muted panel-sub">set by the toolstack · default {v.policy.default}</p>
      <label className="field inline">port (optional)
        <input value={portText} onChange={(e) => setPortText(e.target.value)} placeholder="any" inputMode="numeric" aria-label="Policy port (optional)" />
      </label>
      <Matrix k={matrixKey(v, guests, portVal)} v={v} guests={guests} portVal={portVal} onCell={onCell} />
      <div ref={hintRef}>
        {retries.map((r) => (
          <p key={r.port} className="retry-hint" role="status" data-testid="retry-hint">
            {r.line}{' '}
            <button type="button" onClick={() => retry(r)} data-testid="connect-again">Connect again</button>
          </p>
        ))}
      </div>
    </section>
  );
}
/** Follows the moment as the side group (store/panelMoment.ts). */
export const PolicyMatrix = inPanelGroup(PANEL_GROUP.side, PolicyMatrixImpl);
