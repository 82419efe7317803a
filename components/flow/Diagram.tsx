'use client';
import '@xyflow/react/dist/style.css';
import './flow-extra.css';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ReactFlow, ReactFlowProvider, Background, Controls, useReactFlow, useStore as useFlowStore,
  type NodeTypes, type EdgeTypes, type OnConnectEnd, type NodeMouseHandler, type EdgeMouseHandler,
} from '@xyflow/react';
import { usePanelMoment, usePanelView, usePg, usePlaygroundStore } from '@store/index';
import { toFlow } from '@store/toFlow';
import { grantPeaksIn } from '@store/grantPeaks';
import type { FlowNode, FlowEdge } from '@store/flowTypes';
import { DomainNode } from './DomainNode';
import { XenNode } from './XenNode';
import { LinkEdge, RingEdge, FailEdge, V4vCopyEdge, V4vOwnEdge } from './edges';
import { V4vRingNode } from './V4vRingNode';
import { SummaryNode, ExpandContext } from './SummaryNode';
import { TokenLayer } from './TokenLayer';
import { PaintersProvider } from './painters';

const nodeTypes: NodeTypes = { domain: DomainNode, xen: XenNode, v4vring: V4vRingNode, summary: SummaryNode };
const edgeTypes: EdgeTypes = { link: LinkEdge, ring: RingEdge, fail: FailEdge, v4vcopy: V4vCopyEdge, v4vown: V4vOwnEdge };
const proOptions = { hideAttribution: true };
const fitOpts = { padding: 0.02, maxZoom: 1.1 };
/**
 * The zoom buttons sit in a strip along an edge of the pane that the fit leaves empty, so they
 * never cover the diagram (Xen's band and its name run along the bottom): a wide diagram (bound
 * by the pane's width) has room to spare below it, so the buttons take a row there; a tall one
 * has room to spare at the sides, so they take a column on the left. A phone: always a row.
 */
const STRIP = '44px';
const fitRow = { padding: { top: 0.02, left: 0.02, right: 0.02, bottom: STRIP }, maxZoom: 1.1 } as const;
const fitColumn = { padding: { top: 0.02, right: 0.02, bottom: 0.02, left: STRIP }, maxZoom: 1.1 } as const;
const isNarrow = (w: number) => w > 0 && w < 560;
/** The buttons' strip for this pane (w × h) and a diagram of this extent (flow units). */
function stripFor(w: number, h: number, ext: { w: number; h: number }): 'row' | 'column' {
  if (isNarrow(w) || ext.w <= 0 || ext.h <= 0) return 'row';
  // the zoom the fit reaches with the strip below, and with it on the left: the larger wins
  const s = parseFloat(STRIP);
  return Math.min(w / ext.w, (h - s) / ext.h) >= Math.min((w - s) / ext.w, h / ext.h) ? 'row' : 'column';
}
/**
 * Domain names stay readable when the fit zooms out (a projector, an embed): below this
 * size on screen, px, they grow with 1 / zoom, up to NAME_MAX_SCALE times, inside boxes
 * that keep their size (a long name ends in an ellipsis).
 */
const NAME_MIN_PX = 13;
const NAME_PX = 15;
const NAME_MAX_SCALE = 2.8;
/**
 * The rest of the diagram's text (12 px at zoom 1) grows the same way to stay at least
 * TEXT_MIN_PX on screen; from the zoom where it must grow, the low-value text (the domain's
 * id line, its port and peer counts, "xenbus Connected") is dropped to make room: the
 * inspector and the figures have it ("far" level of detail).
 */
const TEXT_MIN_PX = 10.6;
/** A phone's pane, held in the hand: at least 11 px (its layout zooms in far enough for that, store/toFlow.ts). */
const TEXT_MIN_PX_NARROW = 11;
const TEXT_PX = 12;
const TEXT_MAX_SCALE = 2;

/** The CSS scale of text at this zoom (1 at zoom ≥ min / px). */
function scaleFor(zoom: number, min: number, px: number, max: number): number {
  return Math.min(max, Math.max(1, min / (px * Math.max(zoom, 0.01))));
}

/**
 * A refusal's label (12.5 px at zoom 1) grows to stay at least LABEL_MIN_PX on screen, as far
 * as the room store/toFlowFail.ts found for it allows (its `grow`).
 */
const LABEL_MIN_PX = 12.4;
const LABEL_PX = 12.5;
const LABEL_MAX_SCALE = 3.4;

function NameScale() {
  const zoom = useFlowStore((s) => s.transform[2]);
  const narrow = isNarrow(useFlowStore((s) => s.width));
  const scale = scaleFor(zoom, NAME_MIN_PX, NAME_PX, NAME_MAX_SCALE).toFixed(3);
  const text = scaleFor(zoom, narrow ? TEXT_MIN_PX_NARROW : TEXT_MIN_PX, TEXT_PX, TEXT_MAX_SCALE);
  const label = scaleFor(zoom, LABEL_MIN_PX, LABEL_PX, LABEL_MAX_SCALE).toFixed(3);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const rf = ref.current?.closest<HTMLElement>('.react-flow');
    rf?.style.setProperty('--name-scale', scale);
    rf?.style.setProperty('--text-scale', text.toFixed(3));
    rf?.style.setProperty('--label-scale', label);
    if (rf) rf.dataset['lod'] = text > 1.5 ? 'farther' : text > 1 ? 'far' : 'near';
  }, [scale, text, label]);
  return <div ref={ref} hidden />;
}
const ariaLabelConfig = {
  'node.a11yDescription.default': 'Enter or Space selects the domain and shows its details; the arrow keys move to the next domain; Tab reaches a selected guest’s Actions menu; Escape clears the selection.',
  'edge.a11yDescription.default': 'Enter or Space selects the ring and shows its indices; Escape clears the selection.',
};

export interface DiagramProps { onConnectRequest(from: number, to: number): void }

/** The diagram's extent: a new layout (another mode, a summary expanded) is fitted again. */
function extentOf(nodes: readonly FlowNode[]): { key: string; w: number; h: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x); y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0)); y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  return { key: `${nodes.length}:${x0},${y0},${x1},${y1}`, w: x1 - x0, h: y1 - y0 };
}

function Fitter({ extent }: { extent: { key: string; w: number; h: number } }) {
  const rf = useReactFlow();
  // the pane's size: a banner or panel that appears later shrinks it, so fit again
  const w = useFlowStore((s) => s.width);
  const h = useFlowStore((s) => s.height);
  const strip = stripFor(w, h, extent);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const rfEl = ref.current?.closest<HTMLElement>('.react-flow');
    if (rfEl) rfEl.dataset['controls'] = strip;
    const opts = strip === 'row' ? fitRow : fitColumn;
    const id = requestAnimationFrame(() => { void rf.fitView(opts); });
    const on = () => { void rf.fitView(opts); };
    window.addEventListener('resize', on);
    return () => { cancelAnimationFrame(id); window.removeEventListener('resize', on); };
  }, [rf, extent.key, w, h, strip]);
  return <div ref={ref} hidden />;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function DiagramInner({ onConnectRequest }: DiagramProps) {
  const store = usePlaygroundStore();
  // nodes and edges follow the panels' moment (store/panelMoment.ts): while playing, at most
  // every PANEL_MS, as the diagram's group; paused, a seek or a step at once. Tokens follow
  // every action and the ring bars every PANEL_MS, painted directly (usePlayback).
  const view = usePanelView();
  const { tl, cursor } = usePanelMoment();
  const doc = usePg((s) => s.doc);
  const selection = usePg((s) => s.selection);
  // a grant refused in the action at the cursor: the gauge shows the full table of that moment
  const peaks = useMemo(() => grantPeaksIn(tl, cursor), [tl, cursor]);
  const prev = useRef<{ nodes: FlowNode[]; edges: FlowEdge[] }>({ nodes: [], edges: [] });
  // a big topology is summarised until someone asks to see every guest (per document)
  const [expanded, setExpanded] = useState<object | null>(null);
  const expand = expanded === doc;
  const onExpand = useCallback(() => setExpanded(doc), [doc]);
  // a phone's pane draws fewer guests, bigger (store/toFlow.ts)
  const narrow = isNarrow(useFlowStore((s) => s.width));
  const { nodes, edges } = useMemo(() => {
    const f = toFlow(view, doc, expand, narrow);
    const selId = selection?.kind === 'domain' ? `d${selection.id}` : selection?.kind === 'ring' ? `ring-${selection.key}` : null;
    // selection is applied on copies only for the selected element, so other objects keep their identity
    const nodes = f.nodes.map((n) => {
      const peak = n.type === 'domain' ? peaks.get(n.data.id) : undefined;
      const m = peak === undefined ? n : ({ ...n, data: { ...n.data, grantsAtRefusal: peak } } as FlowNode);
      return m.id === selId ? ({ ...m, selected: true } as FlowNode) : m;
    });
    const edges = f.edges.map((e) => (e.id === selId ? ({ ...e, selected: true } as FlowEdge) : e));
    // Same elements as before (most actions of a run): keep the arrays, so React Flow does
    // not rebuild its node and edge lookups on every action.
    const p = prev.current;
    const out = { nodes: sameItems(p.nodes, nodes) ? p.nodes : nodes, edges: sameItems(p.edges, edges) ? p.edges : edges };
    prev.current = out;
    return out;
  }, [view, doc, selection, expand, peaks, narrow]);

  const extent = useMemo(() => extentOf(nodes), [nodes]);

  const onConnectEnd: OnConnectEnd = useCallback((event, state) => {
    const from = state.fromNode?.id;
    let to = state.toNode?.id;
    if (!to) {
      const pt = 'changedTouches' in event ? event.changedTouches[0] : event;
      const el = pt ? document.elementFromPoint(pt.clientX, pt.clientY) : null;
      to = el?.closest('.react-flow__node')?.getAttribute('data-id') ?? undefined;
    }
    if (!from || !to || !from.startsWith('d') || !to.startsWith('d')) return;
    onConnectRequest(Number(from.slice(1)), Number(to.slice(1)));
  }, [onConnectRequest]);

  const onNodeClick: NodeMouseHandler = useCallback((_, n) => {
    if (n.id.startsWith('d')) store.getState().select({ kind: 'domain', id: Number(n.id.slice(1)) });
  }, [store]);
  const onEdgeClick: EdgeMouseHandler = useCallback((_, e) => {
    if (e.id.startsWith('ring-')) store.getState().select({ kind: 'ring', key: e.id.slice(5) });
  }, [store]);
  const onPaneClick = useCallback(() => store.getState().select(null), [store]);

  return (
    <ExpandContext.Provider value={onExpand}>
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes}
      onConnectEnd={onConnectEnd} onNodeClick={onNodeClick} onEdgeClick={onEdgeClick} onPaneClick={onPaneClick}
      nodesDraggable={false} nodesConnectable elementsSelectable minZoom={0.1} maxZoom={2.5}
      connectionRadius={40} proOptions={proOptions} panActivationKeyCode={null} deleteKeyCode={null} selectionKeyCode={null} multiSelectionKeyCode={null} fitView fitViewOptions={fitOpts}
      ariaLabelConfig={ariaLabelConfig}
      aria-label="Diagram of the domains, their links to the backend and their shared rings"
    >
      <Background gap={22} size={1} />
      {/* in the strip the fit leaves empty, a row below the diagram or a column on its left (Fitter) */}
      <Controls showInteractive={false} />
      <TokenLayer />
      <Fitter extent={extent} />
      <NameScale />
    </ReactFlow>
    </ExpandContext.Provider>
  );
}

function DiagramImpl(props: DiagramProps) {
  return (
    <ReactFlowProvider>
      <PaintersProvider>
        <DiagramInner {...props} />
      </PaintersProvider>
    </ReactFlowProvider>
  );
}
export const Diagram = memo(DiagramImpl);
