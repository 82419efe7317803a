'use client';
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { XenNode as XenNodeT } from '@store/flowTypes';

function XenNodeImpl({ data }: NodeProps<XenNodeT>) {
  return (
    <div className="xen-band" style={{ width: data.width }} data-testid="xen-band">
      <strong>{data.label}</strong>
      <span>grant tables · event channels · domain lifecycle</span>
    </div>
  );
}
export const XenNode = memo(XenNodeImpl);
