'use client';
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { XenNode as XenNodeT } from '@store/flowTypes';

function XenNodeImpl({ data }: NodeProps<XenNodeT>) {
  const tall = data.chips.length > 0;
  return (
    <div className={`xen-band${tall ? ' tall' : ''}`} style={{ width: data.width, height: data.height }} data-testid="xen-band" title={data.sub}>
      {/* where a refusal by Xen (v4vtables) ends */}
      <Handle type="target" id="t" position={Position.Top} className="hidden-handle" isConnectable={false} aria-hidden="true" />
      <strong>{data.label}</strong>
      <span>{data.sub}</span>
      {tall ? (
        <span className="xen-chips" data-testid="xen-chips">
          {/* the first two (rings registered, the v4vtables rules) are drawn or listed elsewhere: dropped at far zoom */}
          {data.chips.map((c, i) => <span key={c} className={i < 2 ? 'xen-chip low' : 'xen-chip'}>{c}</span>)}
        </span>
      ) : null}
    </div>
  );
}
export const XenNode = memo(XenNodeImpl);
