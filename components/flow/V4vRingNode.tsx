'use client';
/** A ring a receiver registered with Xen (V4V), inside Xen's band: fill, waiting senders, the doorbell's burst. */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { V4vRingNode as V4vRingNodeT } from '@store/flowTypes';
import { fmtBytes } from '@lib/format';
import { v4vRingTitle } from '@store/toFlowV4v';

function V4vRingNodeImpl({ data: r }: NodeProps<V4vRingNodeT>) {
  const f = r.len > 0 ? r.used / r.len : 0;
  // the same title as the PNG export's (store/toFlowV4v.ts); the port dropped at far zoom where it may be
  const t = v4vRingTitle(r, true), near = v4vRingTitle(r);
  return (
    <div className={`v4v-ring${r.woke > 1 ? ' burst' : ''}`} data-testid={`v4vring-${r.id}`} aria-label={`V4V ring of ${r.ownerName}, port ${r.port}`}>
      <Handle type="target" position={Position.Top} className="hidden-handle" isConnectable={false} />
      <Handle type="source" position={Position.Top} className="hidden-handle" isConnectable={false} />
      {/* far zoom: a reply ring's port (an ephemeral number) is dropped; a listening ring keeps its port */}
      <div className="v4v-ring-title">{t.owner}<span className={t.port === near.port ? undefined : 'far-drop'}>{near.port}</span> <small>{t.from}</small></div>
      <div className="v4v-ring-bar" title={`${fmtBytes(r.used)} of ${fmtBytes(r.len)} waiting to be read`}>
        <span className={f > 0.9 ? 'hot' : ''} style={{ width: `${Math.min(100, f * 100)}%` }} />
        <em>{Math.round(f * 100)}%<span className="far-drop"> of {fmtBytes(r.len)}</span></em>
      </div>
      <div className="v4v-ring-facts">
        {r.woke > 0 ? <span className="woke" data-testid="v4v-woke">🔔 {r.woke} woken<span className="far-drop"> at once</span></span>
          : r.waiting > 0 ? <span className="wait">⏸ {r.waiting} waiting</span>
            : <span className="far-drop">⇣ {fmtBytes(r.copied)} copied in</span>}
      </div>
    </div>
  );
}
export const V4vRingNode = memo(V4vRingNodeImpl);
