/** The texts behind Export: scenario JSON, trace JSONL, Mermaid and SVG of the chart rows. */
import { scenarioToJson, traceToJsonl, type Timeline } from '@engine/index';
import { toMermaid } from '@lib/exportMermaid';
import { toSvg } from '@lib/exportSvg';
import { rowsOf } from './derived';
import { lanesOf } from './lanes';

export function scenarioText(tl: Timeline): string { return scenarioToJson(tl.doc); }
export function traceText(tl: Timeline): string { return traceToJsonl(tl.events); }
export function mermaidText(tl: Timeline, showAll: boolean): string {
  return toMermaid(tl.doc.title, lanesOf(tl.doc), rowsOf(tl, showAll), !showAll);
}
export function svgText(tl: Timeline, showAll: boolean): string {
  return toSvg(tl.doc.title, lanesOf(tl.doc), rowsOf(tl, showAll));
}
