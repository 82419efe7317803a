'use client';
/** The diagram's edges: straight centre-to-centre lines (tokens follow the same lines). */
import { memo, useCallback, type CSSProperties } from 'react';
import { useInternalNode, type EdgeProps } from '@xyflow/react';
import type { LinkEdge as LinkEdgeT, RingEdge as RingEdgeT, FailEdge as FailEdgeT, V4vCopyEdge as V4vCopyEdgeT, V4vOwnEdge as V4vOwnEdgeT } from '@store/flowTypes';
import { centre, offsetSeg } from './geometry';
import { clearMid } from '@store/placement';
import { ringTitle } from '@store/titles';
import { v4vCopyPath, v4vCopyShown, v4vCopyText, v4vOwnPath } from '@store/toFlowV4v';
import { usePainters } from './painters';

function useEnds(source: string, target: string) {
  const a = centre(useInternalNode(source));
  const b = centre(useInternalNode(target));
  return a && b ? { a, b } : null;
}

/** A node's box as React Flow has measured it. */
function useTopLeft(id: string) {
  const n = useInternalNode(id);
  if (!n) return null;
  return { x: n.internals.positionAbsolute.x, y: n.internals.positionAbsolute.y, w: n.measured?.width ?? n.width ?? 0, h: n.measured?.height ?? n.height ?? 0 };
}

function LinkEdgeImpl({ source, target, data }: EdgeProps<LinkEdgeT>) {
  const ends = useEnds(source, target);
  const ga = useTopLeft(source), gb = useTopLeft(target);
  if (!ends || !data || !ga || !gb) return null;
  const { a, b } = ends;
  // the label at the middle of the part of the line between the two boxes
  const { x: mx, y: my } = clearMid(ga, gb);
  const label = data.up ? 'xenbus Connected' : `xenbus ${data.front} / ${data.back}`;
  const farLabel = data.up ? 'Connected' : data.front === data.back ? data.front : `${data.front} / ${data.back}`;
  return (
    <g className={`link-edge ${data.up ? 'up' : 'down'}`} data-testid={`link-${source}`}>
      <path d={`M${a.x},${a.y}L${b.x},${b.y}`} className="link-line" />
      {data.label ? <text x={mx} y={my} className="edge-text link-text link-near" textAnchor="middle" dy={-6}>{label}</text> : null}
      {/* far zoom: the states alone, once if both ends agree */}
      {data.label ? <text x={mx} y={my} className="edge-text link-text link-far lod-grow" textAnchor="middle" dy={-6}>{farLabel}</text> : null}
    </g>
  );
}

function Bar({ y, k, dir, label }: { y: number; k: string; dir: 'ab' | 'ba'; label: string }) {
  const p = usePainters();
  const refBar = useCallback((el: SVGRectElement | null) => { p.barsFor(k)[dir] = el; if (el) p.requestRepaint(); }, [p, k, dir]);
  const refText = useCallback((el: SVGTextElement | null) => { p.barsFor(k)[dir === 'ab' ? 'abText' : 'baText'] = el; }, [p, k, dir]);
  return (
    <g transform={`translate(0,${y})`} className={`bar-row ${dir}`}>
      <text x={-66} y={9} className="bar-label">{label}</text>
      {/* far level of detail: the direction as an arrow under the title's two names */}
      <text x={-17} y={10} className="bar-dir" aria-hidden="true">{dir === 'ab' ? '→' : '←'}</text>
      <rect x={0} y={0} width={100} height={11} className="bar-track" rx={2} />
      <rect ref={refBar} x={0} y={0} width={100} height={11} className="bar-fill" rx={2} style={{ transform: 'scaleX(0)' }} />
      <text ref={refText} x={104} y={9} className="bar-pct">0%</text>
    </g>
  );
}

function RingEdgeImpl({ source, target, data, selected }: EdgeProps<RingEdgeT>) {
  const ends = useEnds(source, target);
  if (!ends || !data) return null;
  const up = data.state === 'connected';
  const s1 = offsetSeg(ends.a, ends.b, 4), s2 = offsetSeg(ends.a, ends.b, -4);
  const short = (n: string, max = 8) => (n.length > max ? n.slice(0, max - 1) + '…' : n);
  return (
    <g className={`ring-edge ${up ? 'up' : 'pending'}${selected ? ' selected' : ''}`} data-testid={`ring-${data.key}`}>
      <path d={`M${ends.a.x},${ends.a.y}L${ends.b.x},${ends.b.y}`} className="ring-hit" />
      <path d={`M${s1.a.x},${s1.a.y}L${s1.b.x},${s1.b.y}`} className="ring-line" />
      <path d={`M${s2.a.x},${s2.a.y}L${s2.b.x},${s2.b.y}`} className="ring-line" />
      {data.compact ? null : <g transform={`translate(${data.panel.x + 6},${data.panel.y + 16})`} className="ring-panel">
        <rect x={-6} y={-16} width={186} height={60} rx={6} className="ring-box" />
        <text x={0} y={-3} className="ring-title">{ringTitle(data)}</text>
        {/* far level of detail: the same box, fewer and bigger words (flow-extra.css) */}
        <text x={0} y={1} className="ring-title-far">{data.kind === 'bypass' ? 'bypass ' : ''}{short(data.aName, 6)}⇄{short(data.bName, 6)}{up ? '' : ' …'}</text>
        <g transform="translate(66,4)" className="ring-bars">
          <Bar y={0} k={data.key} dir="ab" label={`${short(data.aName)}→`} />
          <Bar y={15} k={data.key} dir="ba" label={`${short(data.bName)}→`} />
        </g>
      </g>}
    </g>
  );
}

function FailEdgeImpl({ source, target, data }: EdgeProps<FailEdgeT>) {
  const ends = useEnds(source, target);
  const xen = useTopLeft(target);
  if (!ends || !data) return null;
  const w = data.at.w;
  // refused by Xen: straight down into its band; by the broker in the backend: beside the xenbus line;
  // by the client itself: a short tether from its box to the label, reaching no one else
  const seg = data.by === 'self' && xen ? { a: { x: ends.a.x, y: xen.y + xen.h }, b: { x: data.at.x + w / 2, y: data.at.y } }
    : data.by === 'xen' && xen ? { a: ends.a, b: { x: ends.a.x, y: xen.y } } : data.by === 'peer' ? ends : offsetSeg(ends.a, ends.b, 7);
  return (
    <g className={`fail-edge${data.by === 'self' ? ' fail-self' : ''}`} data-testid="fail-edge" data-by={data.by} data-source={source} data-target={target}>
      <path d={`M${seg.a.x},${seg.a.y}L${seg.b.x},${seg.b.y}`} className="fail-line" />
      <g transform={`translate(${data.at.x + w / 2},${data.at.y + 12})`}>
        <g className="lod-grow" style={{ '--grow-max': data.grow } as CSSProperties}>
          <rect x={-w / 2} y={-12} width={w} height={22} rx={5} className="fail-box" />
          <text textAnchor="middle" y={4} className="fail-text" data-testid="fail-edge-label">{data.text}</text>
        </g>
      </g>
    </g>
  );
}

/** V4V: the sender's message goes down into Xen, which copies it into the receiver's ring. */
function V4vCopyEdgeImpl({ source, target, data }: EdgeProps<V4vCopyEdgeT>) {
  const from = useTopLeft(source);
  const ring = useTopLeft(target);
  if (!from || !ring || !data) return null;
  // from the sender's bottom edge (the line runs above the nodes, so it must not cross them)
  const { pts, text } = v4vCopyPath(from, ring, data);
  const t = v4vCopyText(data.bytes);
  return (
    <g className="v4v-copy-edge" data-testid={`v4vcopy-${source}`}>
      <path d={`M${pts.map((p) => `${p.x},${p.y}`).join('L')}`} className={`v4v-copy${data.up ? '' : ' pending'}`} />
      {v4vCopyShown(data) ? (
        <text x={text.x} y={text.y} textAnchor="middle" className={`v4v-copy-text lod-grow slot-${data.slot}`}>
          {t.arrow}<tspan className="v4v-copy-words">{t.words}</tspan>{t.figure}
        </text>
      ) : null}
    </g>
  );
}

/** V4V: a ring hands its messages to the domain that registered it. */
function V4vOwnEdgeImpl({ source, target }: EdgeProps<V4vOwnEdgeT>) {
  const ring = useTopLeft(source);
  const owner = useTopLeft(target);
  if (!ring || !owner) return null;
  const [a, b] = v4vOwnPath(ring, owner);
  return <path d={`M${a.x},${a.y}L${b.x},${b.y}`} className="v4v-own" data-testid="v4vown" />;
}

export const V4vCopyEdge = memo(V4vCopyEdgeImpl);
export const V4vOwnEdge = memo(V4vOwnEdgeImpl);
export const LinkEdge = memo(LinkEdgeImpl);
export const RingEdge = memo(RingEdgeImpl);
export const FailEdge = memo(FailEdgeImpl);
