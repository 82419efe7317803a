'use client';
/** The toolstack's policy as a from × to matrix. Click a cell to allow or deny that pair. */
import { memo, useState } from 'react';
import { usePlaygroundStore, useView } from '@store/index';
import { parsePort } from '@lib/validate';
import type { SimView } from '@engine/api';

/** Last matching rule wins (as in the connection manager); `port` null = any other port. */
function lastMatch(v: SimView, from: number, to: number, port: number | null): string {
  let verdict = v.policy.default;
  for (const r of v.policy.rules) {
    if (r.from === from && r.to === to && (r.port === null || r.port === port)) verdict = r.verdict;
  }
  return verdict;
}

function verdictOf(v: SimView, from: number, to: number, port: number | null): { allow: boolean; text: string; desc: string } {
  if (port !== null) {
    const ok = lastMatch(v, from, to, port) === 'allow';
    return { allow: ok, text: `${ok ? '✓' : '✕'} :${port}`, desc: ok ? `allowed on port ${port}` : `denied on port ${port}` };
  }
  const generic = lastMatch(v, from, to, null) === 'allow';
  const ports = [...new Set(v.policy.rules.filter((r) => r.from === from && r.to === to && r.port !== null).map((r) => r.port!))];
  const except = ports.filter((p) => (lastMatch(v, from, to, p) === 'allow') !== generic);
  const text = `${generic ? '✓' : '✕'}${except.slice(0, 2).map((p) => ` ${generic ? '✕' : '✓'}:${p}`).join('')}${except.length > 2 ? ' …' : ''}`;
  const allow = generic || except.length > 0;
  const desc = generic ? (except.length ? `allowed except ports ${except.join(', ')}` : 'allowed on every port')
    : except.length ? `denied except ports ${except.join(', ')}` : 'denied';
  return { allow, text, desc };
}

function PolicyMatrixImpl() {
  const store = usePlaygroundStore();
  const v = useView();
  const [portText, setPortText] = useState('');
  const guests = v.domains.filter((d) => d.role === 'guest' && d.state !== 'removed').slice(0, 12);
  const port = portText.trim() === '' ? null : parsePort(portText);
  const portVal = port && port.ok ? port.value : null;
  const click = (from: number, to: number, allow: boolean) => {
    const st = store.getState();
    if (port && !port.ok) { st.setError(port.error); return; }
    if (st.doc.exercise?.editable.includes('policy')) {
      // an exercise's policy is the document's own: the whole run changes (store/exercise.ts)
      void import('@store/exercise').then((m) => m.editPolicy(store, from, to, portVal, !allow));
      return;
    }
    const names = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
    const op = allow ? 'deny' : 'allow';
    st.dispatch({
      op, from, to, ...(portVal !== null ? { port: portVal } : {}),
      note: `The toolstack ${op === 'allow' ? 'allows' : 'denies'} ${names(from)} → ${names(to)}${portVal !== null ? ` on port ${portVal}` : ''}.`,
    });
  };
  return (
    <section className="policy" aria-label="Policy (set by the toolstack)">
      <p className="muted panel-sub">set by the toolstack · default {v.policy.default}</p>
      <label className="field inline">port (optional)
        <input value={portText} onChange={(e) => setPortText(e.target.value)} placeholder="any" inputMode="numeric" aria-label="Policy port (optional)" />
      </label>
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
                        onClick={() => click(f.id, t.id, vd.allow)}>{vd.text}</button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
export const PolicyMatrix = memo(PolicyMatrixImpl);
