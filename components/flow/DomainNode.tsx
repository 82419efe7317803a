'use client';
import { lazy, memo, Suspense, type CSSProperties } from 'react';
import { Handle, Position, useConnection, type NodeProps } from '@xyflow/react';
import type { DomainNode as DomainNodeT } from '@store/flowTypes';
import { withEngine } from '@store/engine';
import { STATE_ICON } from '@lib/format';
// The Actions menu needs the store (and so the engine): loaded when a guest is first selected,
// so a page that only draws nodes (the bench's bare React Flow page) does not carry it.
const NodeMenu = lazy(() => withEngine(import('./NodeMenu')).then((m) => ({ default: m.NodeMenu })));

/** Refs 0-7 of every grant table are Xen's (GNTTAB_NR_RESERVED_ENTRIES): the gauge counts the rest. */
const RESERVED = 8;

function Gauge({ used, cap, atRefusal }: { used: number; cap: number; atRefusal: number | undefined }) {
  // at a refusal the table was full, whatever the action gave back after
  const shown = atRefusal ?? used;
  const f = cap > 0 ? Math.min(1, shown / cap) : 0;
  const pct = f > 0 && f < 0.01 ? '<1' : String(Math.round(f * 100));
  const title = atRefusal !== undefined
    ? `grants: ${atRefusal} of ${cap} usable in use when a grant was refused (the table was full); ${used} after the refused connection gave its grants back`
    : `grants: ${used} of ${cap} usable in use`;
  return (
    <div className="gauge" title={`${title}. The table has ${cap + RESERVED} entries; refs 0-${RESERVED - 1} are reserved by Xen.`} data-testid="grant-gauge">
      <div className="gauge-row"><span>{atRefusal !== undefined ? 'grants ✕ full' : 'grants'}</span><span className="num">{shown} / {cap} <small>({pct}%)</small></span></div>
      <div className="gauge-track"><div className={f > 0.9 ? 'gauge-fill hot' : 'gauge-fill'} style={{ width: `${Math.max(f > 0 ? 2 : 0, f * 100)}%` }} /></div>
    </div>
  );
}

/** A bold character's width, em (DejaVu Sans Bold, the page's font, rounded up): narrow, wide, the rest. */
const emOf = (ch: string) => (/[iljtrf\-.:,' |!()[\]]/.test(ch) ? 0.45 : /[mwMW@%]/.test(ch) ? 1.05 : 0.72);

/**
 * How far a name may grow at far zoom and still fit its box whole (flow-extra.css): a long name
 * grows less rather than end in an ellipsis ("peer-259", not "peer-…"), in the box's 172 px
 * (a guest) or 236 px (the backend) inside its padding.
 */
export function nameFit(name: string, backend = false): CSSProperties {
  const room = backend ? 236 : 172;
  let em = 0;
  for (const ch of name) em += emOf(ch);
  return { '--name-fit': (room / (Math.max(1, em) * 15)).toFixed(2) } as CSSProperties;
}

function DomainNodeImpl({ data, selected }: NodeProps<DomainNodeT>) {
  const connecting = useConnection((c) => c.inProgress);
  const d = data;
  const isBackend = d.role === 'backend';
  const up = d.state === 'running';
  return (
    <div
      className={`domain ${isBackend ? 'backend' : 'guest'} state-${d.state}${selected ? ' selected' : ''}`}
      data-testid={`domain-${d.id}`}
    >
      <Handle type="target" id="t" position={Position.Top} className="hidden-handle" isConnectable={!isBackend} aria-hidden="true" />
      <Handle type="source" id="s" position={Position.Bottom} className="hidden-handle" isConnectable={false} aria-hidden="true" />
      <div className="domain-head">
        <span className="domain-name" style={nameFit(d.name, isBackend)}>{d.name}</span>
        {/* CID = the domid it runs as: a migration gives it a new one */}
        <span className={d.xenDomid !== d.id ? 'domain-id moved' : 'domain-id'} data-testid={`cid-${d.id}`}
          title={d.xenDomid !== d.id ? `Migrated: Xen now runs it as domid ${d.xenDomid}, so its CID is ${d.xenDomid}; an application that kept CID ${d.id} reaches nobody` : undefined}>
          dom{d.id} · CID {d.xenDomid !== d.id ? `${d.id} → ${d.xenDomid}` : d.id}
        </span>
      </div>
      <div className={`badge state-${d.state}`} data-testid={`state-${d.id}`}>
        <span aria-hidden="true">{STATE_ICON[d.state] ?? '?'}</span> {d.state}
        {d.linkUp === false && up ? <span className="badge-sub"> · link not up</span> : null}
      </div>
      {isBackend ? (
        <div className={d.parts.length < 3 ? 'backend-parts roomy' : 'backend-parts'}>
          {d.parts.map((p, i) => (
            <div key={p.label} className={i === 0 ? 'part cm' : 'part'} title={p.title}>
              {p.label}{p.sub ? <> <small className={p.far ? 'part-near' : undefined}>{p.sub}</small></> : null}
              {p.far ? <small className="part-far"> {p.far}</small> : null}
            </div>
          ))}
        </div>
      ) : null}
      <Gauge used={d.grantsInUse} cap={d.grantCapacity} atRefusal={d.grantsAtRefusal} />
      <div className="domain-facts">
        <span title="event-channel ports in use">⚡ {d.evtchnInUse} port{d.evtchnInUse === 1 ? '' : 's'}</span>
        {!isBackend ? <span title="guests it shares a ring pair with (V4V: talks to)">⇆ {d.peers} peer{d.peers === 1 ? '' : 's'}</span> : null}
        {d.v4vRings !== null ? <span title="V4V rings it registered with Xen">◫ {d.v4vRings} ring{d.v4vRings === 1 ? '' : 's'}</span> : null}
      </div>
      {d.listening.length > 0 ? (
        <div className="listening" title="listening ports">
          {d.listening.slice(0, 6).map((p) => <span key={p} className="chip">:{p}</span>)}
          {d.listening.length > 6 ? <span className="chip">+{d.listening.length - 6}</span> : null}
        </div>
      ) : null}
      {!isBackend && selected ? <Suspense fallback={null}><NodeMenu id={d.id} name={d.name} /></Suspense> : null}
      {!isBackend && up ? (
        <Handle
          type="source" id="connect" position={Position.Right}
          className={`connect-handle${connecting ? ' busy' : ''}`}
          title="Drag to another guest to connect (or use the Actions menu: Connect to…)" aria-hidden="true"
        />
      ) : null}
    </div>
  );
}

export const DomainNode = memo(DomainNodeImpl);
