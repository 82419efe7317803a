'use client';
import dynamic from 'next/dynamic';
import type { FlowNode, FlowEdge } from '@store/flowTypes';

const BareFlow = dynamic(() => import('./BareFlow'), { ssr: false, loading: () => <p>Loading…</p> });

export function BareClient({ graph }: { graph: { nodes: FlowNode[]; edges: FlowEdge[] } | null }) {
  return <BareFlow initial={graph} />;
}
