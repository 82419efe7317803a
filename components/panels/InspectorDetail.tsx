'use client';
/** The Inspector's tables: a domain's sockets, ports, grants and xenstore; a ring's indices. */
import type { RingView, SimView } from '@engine/api';
import { usePanelDetail } from '@store/index';
import { fmtBytes } from '@lib/format';

const CAP = 120;

export function RingTable({ r, v }: { r: RingView; v: SimView }) {
  const name = (id: number) => v.domains.find((d) => d.id === id)?.name ?? `dom${id}`;
  return (
    <table className="kv">
      <caption>ring {name(r.a)} ⇄ {name(r.b)} · {r.kind} · {r.state}</caption>
      <thead><tr><th>direction</th><th>prod</th><th>cons</th><th>used / size</th></tr></thead>
      <tbody>
        {[r.ab, r.ba].map((d, i) => d ? (
          <tr key={i}><td>{name(d.writer)}→{name(d.reader)}</td><td className="num">{d.prod}</td><td className="num">{d.cons}</td><td className="num">{fmtBytes(d.used)} / {fmtBytes(d.size)}</td></tr>
        ) : <tr key={i}><td colSpan={4}>not mapped yet</td></tr>)}
        <tr><td>event channel</td><td colSpan={3}>{name(r.a)} port {r.portA} ⇄ {name(r.b)} port {r.portB}</td></tr>
        <tr><td>grants</td><td colSpan={3}>{name(r.a)} {r.grantsA} · {name(r.b)} {r.grantsB} · {r.sockets} socket(s)</td></tr>
      </tbody>
    </table>
  );
}

export function DomainInspector({ id, v }: { id: number; v: SimView }) {
  const det = usePanelDetail(id);
  const d = v.domains.find((x) => x.id === id);
  if (!d || !det) return <p className="muted">This domain does not exist at this point of the run.</p>;
  const socks = v.sockets.filter((s) => s.dom === id);
  const rings = v.rings.filter((r) => r.a === id || r.b === id);
  return (
    <div className="inspect" data-testid="inspector-domain" tabIndex={0} role="region" aria-label={`Details of ${d.name}`}>
      <h3>{d.name} <small>dom{d.id} · {d.state}{d.privileged ? ' · privileged' : ''}</small></h3>
      <table className="kv">
        <caption>sockets ({socks.length})</caption>
        <thead><tr><th>name :port</th><th>role</th><th>state</th><th>peer</th><th>tx / rx</th></tr></thead>
        <tbody>{socks.map((s) => (
          <tr key={s.id} className={s.state === 'refused' || s.state === 'reset' ? 'bad' : ''} data-testid={`sock-${s.name ?? s.id}`}>
            <td>{s.name ?? '—'} <span className="muted num">:{s.port}</span></td><td>{s.role}</td>
            <td>{s.state}{s.reason ? ` ✕ ${s.reason}` : ''}{s.flooding ? ' (flooding)' : ''}</td>
            <td>{s.peerDom >= 0 ? `${s.peerDom}:${s.peerPort}` : '—'}</td><td className="num io"><span>{fmtBytes(s.sent)}</span> / <span>{fmtBytes(s.received)}</span></td>
          </tr>))}</tbody>
      </table>
      {rings.map((r) => <RingTable key={r.key} r={r} v={v} />)}
      <table className="kv">
        <caption>grant entries ({det.grants.length})</caption>
        <thead><tr><th>ref</th><th>to</th><th>flags</th><th>mapped</th></tr></thead>
        <tbody>{det.grants.slice(0, CAP).map((g) => (
          <tr key={g.ref}><td className="num">{g.ref}</td><td>dom{g.domid}</td><td className="num">0x{g.flags.toString(16)}{g.readonly ? ' ro' : ''}</td><td>{g.mapped ? `yes (${g.writePins}w/${g.readPins}r)` : 'no'}{g.deferred ? ' · deferred' : ''}</td></tr>
        ))}</tbody>
      </table>
      {det.grants.length > CAP ? <p className="muted">… {det.grants.length - CAP} more</p> : null}
      <table className="kv">
        <caption>event-channel ports ({det.ports.length})</caption>
        <thead><tr><th>port</th><th>state</th><th>remote</th></tr></thead>
        <tbody>{det.ports.slice(0, CAP).map((p) => (
          <tr key={p.port}><td className="num">{p.port}</td><td>{p.stateName}{p.pending ? " · pending" : ""}{p.masked ? " · masked" : ""}</td><td>{portRemote(p)}</td></tr>
        ))}</tbody>
      </table>
      <table className="kv">
        <caption>xenstore /local/domain/{id} ({det.xenstore.length})</caption>
        <tbody>{det.xenstore.slice(0, CAP).map((n) => (
          <tr key={n.path}><td className="path">{n.path.replace(`/local/domain/${id}`, '') || '/'}</td><td>{n.value}</td><td className="muted">{n.perms}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

function portRemote(p: object): string {
  const r = p as { remoteDom?: number; remotePort?: number };
  if (typeof r.remoteDom === 'number' && r.remoteDom >= 0) return `dom${r.remoteDom}${typeof r.remotePort === 'number' && r.remotePort >= 0 ? `:${r.remotePort}` : ''}`;
  return '—';
}

