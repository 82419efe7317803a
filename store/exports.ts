/** The texts behind Export: scenario JSON, trace JSONL, Mermaid and SVG of the chart rows. */
import { scenarioToJson, traceToJsonl, lastAction, endSeqAt, timeAt, type Timeline } from '@engine/api';
import { toMermaid } from '@lib/exportMermaid';
import { toSvg } from '@lib/exportSvg';
import { fmtTime } from '@lib/format';
import { buildRows } from '@lib/chartRows';
import { lanesOf } from './lanes';

/**
 * What the trace exports leave out, in one line, or null when they hold the whole run:
 * a long run's recording keeps only its latest part, and records the rest as it plays.
 */
export function windowNote(tl: Timeline): string | null {
  if (tl.firstAction === 0 && tl.ended) return null;
  const end = endSeqAt(tl, lastAction(tl));
  const span = `events #${tl.firstSeq}–#${end - 1}, t = ${fmtTime(timeAt(tl, tl.firstAction))} – ${fmtTime(timeAt(tl, lastAction(tl)))}`;
  if (tl.firstAction === 0) return `Only the part of the run recorded so far (${span}); the run goes on.`;
  return `Only the recorded window (${span}): the run's ${tl.firstSeq} earlier events were dropped to bound memory${tl.ended ? '' : ', and it goes on'}.`;
}

/** The title of a chart export, marked when it holds only part of the run. */
function titleOf(tl: Timeline): string {
  return tl.firstAction === 0 && tl.ended ? tl.doc.title : `${tl.doc.title} (events #${tl.firstSeq}–#${endSeqAt(tl, lastAction(tl)) - 1} only)`;
}

export function scenarioText(tl: Timeline): string { return scenarioToJson(tl.doc); }
/** The events held, one JSON line each (see windowNote for what a long run leaves out). */
export function traceText(tl: Timeline): string { return traceToJsonl(tl.events); }
export function mermaidText(tl: Timeline, showAll: boolean): string {
  return toMermaid(titleOf(tl), lanesOf(tl.doc), buildRows(tl.events, tl.endSeq, showAll), !showAll);
}
export function svgText(tl: Timeline, showAll: boolean): string {
  return toSvg(titleOf(tl), lanesOf(tl.doc), buildRows(tl.events, tl.endSeq, showAll));
}
