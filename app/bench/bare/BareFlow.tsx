'use client';
/**
 * The bare side of the frame benchmark: the same graph (nodes and edges as toFlow made
 * them, handed in by the harness through window.__bareGraph; opened on its own, the graph the
 * playground's diagram opens with, made when the page is built), the same node and edge
 * components, CSS and ReactFlow props as the Diagram — and no engine, store, token
 * layer, chart or clock. The pane gets the size the real page's diagram had (?w=&h=).
 * ?animated=1 is the second floor: every ring edge animated by React Flow itself
 * (`animated: true`, a dash pattern moving along each path every frame), so something
 * moves on every ring as the flood's tokens do on the real page.
 */
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo, useState } from 'react';
import { ReactFlow, ReactFlowProvider, Background, Controls, type NodeTypes, type EdgeTypes } from '@xyflow/react';
import { DomainNode } from '@components/flow/DomainNode';
import { XenNode } from '@components/flow/XenNode';
import { LinkEdge, RingEdge, FailEdge } from '@components/flow/edges';
import { PaintersProvider } from '@components/flow/painters';
import type { FlowNode, FlowEdge } from '@store/flowTypes';

const nodeTypes: NodeTypes = { domain: DomainNode, xen: XenNode };
const edgeTypes: EdgeTypes = { link: LinkEdge, ring: RingEdge, fail: FailEdge };
const proOptions = { hideAttribution: true };
const fitOpts = { padding: 0.08, maxZoom: 1.1 };

interface Graph { nodes: FlowNode[]; edges: FlowEdge[] }
type W = Window & { __bareGraph?: Graph; __bareSet?: (g: Graph) => void; __bareReady?: boolean };

export default function BareFlow({ initial }: { initial: Graph | null }) {
  const [g, setG] = useState<Graph | null>(initial);
  useEffect(() => {
    const w = window as W;
    w.__bareSet = (x) => setG(x);
    if (w.__bareGraph) setG(w.__bareGraph);
  }, []);
  useEffect(() => { if (g) (window as W).__bareReady = true; }, [g]);
  const q = typeof window === 'undefined' ? null : new URLSearchParams(window.location.search);
  const animated = q?.get('animated') === '1';
  const edges = useMemo(() => (g && animated ? g.edges.map((e) => (e.type === 'ring' ? { ...e, animated: true } : e)) : g?.edges ?? []), [g, animated]);
  // the harness gives the size the real page's diagram had; on its own the pane fills the width
  const width = Number(q?.get('w') ?? 0) || '100%', height = Number(q?.get('h') ?? 0) || 560;
  return (
    <div style={{ padding: 8 }}>
      <div className="diagram" data-testid="diagram" style={{ width, height }}>
        {g ? (
          <ReactFlowProvider>
            <PaintersProvider>
            <ReactFlow<FlowNode, FlowEdge>
              nodes={g.nodes} edges={edges} nodeTypes={nodeTypes} edgeTypes={edgeTypes}
              nodesDraggable={false} nodesConnectable elementsSelectable minZoom={0.1} maxZoom={2.5}
              connectionRadius={40} proOptions={proOptions} panActivationKeyCode={null} deleteKeyCode={null}
              selectionKeyCode={null} multiSelectionKeyCode={null} fitView fitViewOptions={fitOpts}
            >
              <Background gap={22} size={1} />
              <Controls showInteractive={false} />
            </ReactFlow>
            </PaintersProvider>
          </ReactFlowProvider>
        ) : <p>Waiting for the graph…</p>}
      </div>
    </div>
  );
}
