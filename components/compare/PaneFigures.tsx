'use client';
/**
 * One pane's figures at the clock's moment, from the engine's report: bytes delivered
 * and set-up time per named connection, then what the run has cost so far. Every pane
 * lists the same rows (the connections the document names), so the three line up.
 */
import { memo, useMemo } from 'react';
import { usePg, usePlaygroundStore } from '@store/index';
import { fmtBytes, fmtCount } from '@lib/format';
import type { Report } from '@engine/api';

/** Names the document gives its connections (`as` of its connect steps), in step order. */
function connNames(steps: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const as = (s as { op?: unknown; as?: unknown }).as;
    if ((s as { op?: unknown }).op === 'connect' && typeof as === 'string' && !out.includes(as)) out.push(as);
  }
  return out;
}

const STATS: Array<[key: string, label: string, help: string, bytes?: boolean]> = [
  ['hypercalls', 'hypercalls', 'grant, event-channel and V4V hypercalls'],
  ['notifications', 'event notifications', 'EVTCHNOP_send calls'],
  ['cmMessages', 'conn. manager messages', 'CONNECT_req/ind/ack/rsp, DISCONNECT_ind'],
  ['xenstoreOps', 'xenstore ops', 'xenstore requests and watch events'],
  ['ringFullWaits', 'ring-full waits', 'a writer found its ring full and waited'],
  ['wakeups', 'wake-ups', 'a waiting writer woken (V4V: by the doorbell; vsock: by its own ring)'],
  ['spuriousWakeups', 'spurious wake-ups', 'woken, and still no room'],
  ['bytesCopiedByXen', 'bytes copied by Xen', 'V4V: the hypervisor copies every message', true],
];


function PaneFiguresImpl({ modeId }: { modeId: string }) {
  const store = usePlaygroundStore();
  const tl = usePg((s) => s.timeline);
  const cursor = usePg((s) => s.cursor);
  const report: Report = useMemo(() => store.derived.reportAt(tl, cursor), [store, tl, cursor]);
  const names = useMemo(() => connNames(tl.doc.steps), [tl]);
  const grants = report.domains.reduce((a, d) => a + d.grantsInUse, 0);
  return (
    <table className="pane-figures" aria-label="Figures" data-testid={`figures-${modeId}`}>
      <tbody>
        {names.map((n) => {
          const c = report.connections.find((x) => x.name === n);
          const bad = c?.state === 'refused' || c?.state === 'reset';
          return (
            <tr key={`c-${n}`} data-testid={`fig-conn-${n}`} title={c ? `${n}: ${c.state}${c.reason ? ` (${c.reason})` : ''} via ${c.via}` : `${n}: not opened yet`}>
              <th scope="row">{n} delivered</th>
              <td className={bad ? 'bad' : undefined}>{c ? (bad ? `✕ ${c.state}` : fmtBytes(c.bytesReceived)) : '—'}</td>
              <td className="setup" data-testid={`fig-setup-${n}`}>{c?.setupUs != null && c.state !== 'refused' ? `set-up ${fmtCount(c.setupUs)} µs` : c ? c.state : ''}</td>
            </tr>
          );
        })}
        <tr data-testid="fig-grants" title="grant entries held, all domains">
          <th scope="row">grants in use</th><td colSpan={2}>{fmtCount(grants)}</td>
        </tr>
        {STATS.map(([k, label, help, bytes]) => {
          const v = report.stats[k] ?? 0;
          return (
            <tr key={k} title={help} data-testid={`fig-${k}`} data-value={v}>
              <th scope="row">{label}</th><td colSpan={2}>{bytes ? fmtBytes(v) : fmtCount(v)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
export const PaneFigures = memo(PaneFiguresImpl);
