'use client';
/** A big topology's guests not drawn one by one: how many, connected or refused; a button draws them all. */
import { createContext, memo, useContext } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { SummaryNode as SummaryNodeT } from '@store/flowTypes';
import { summaryTitle } from '@store/titles';

/** Draws every guest (set by the diagram). */
export const ExpandContext = createContext<() => void>(() => undefined);

function SummaryNodeImpl({ data: s }: NodeProps<SummaryNodeT>) {
  const expand = useContext(ExpandContext);
  const t = summaryTitle(s);
  return (
    <div className="domain guest lod-summary" data-testid="lod-summary">
      <Handle type="target" id="t" position={Position.Top} className="hidden-handle" isConnectable={false} />
      {/* the count as its name (short: it grows at far zoom), which guests in the line under it */}
      <div className="domain-name" title={`${s.hidden} more guests`}>{t.name}</div>
      <div className="lod-facts">
        <span className="which" data-testid="lod-which">{t.which}</span>
        <span className="ok" data-testid="lod-connected">● {s.connected} connected</span>
        <span className="bad" data-testid="lod-refused">✕ {s.refused} refused</span>
        {s.other > 0 ? <span>○ {s.other} idle</span> : null}
      </div>
      <button type="button" className="nodrag lod-expand" onClick={expand}>Draw all {s.hidden}</button>
    </div>
  );
}
export const SummaryNode = memo(SummaryNodeImpl);
