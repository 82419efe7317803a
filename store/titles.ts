/**
 * Titles the diagram draws, shared with the PNG export (components/share/diagramPng.ts), so the
 * picture one downloads says what the page says.
 */
import type { DomainData, RingData, SummaryData } from './flowTypes';

/** A ring pair's title: "ring web⇄db", "bypass web⇄db", "(connecting)" until it is up. */
export function ringTitle(r: Pick<RingData, 'kind' | 'aName' | 'bName' | 'state'>): string {
  return `${r.kind === 'bypass' ? 'bypass' : 'ring'} ${r.aName}⇄${r.bName}${r.state === 'connected' ? '' : ` (${r.state})`}`;
}

/** A backend part as drawn near: its name and what it does ("toolstack sets v4vtables rules"). */
export function partText(p: DomainData['parts'][number]): string {
  return p.sub ? `${p.label} ${p.sub}` : p.label;
}

/** The summary of the guests not drawn: its name (the count) and the line under it. */
export function summaryTitle(s: SummaryData): { name: string; which: string } {
  const range = s.first ? `: ${s.first}${s.last && s.last !== s.first ? ` … ${s.last}` : ''}` : '';
  return { name: `+${s.hidden}`, which: `more guests${range}` };
}
