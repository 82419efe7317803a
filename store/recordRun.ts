/**
 * Recording a run for the page's first load (store/recordedRun.ts): the build runs the
 * engine on the default preset exactly as the page would (the page's modules and budget)
 * and keeps every event and the view after every action. Only runs that end within
 * MAX_ACTIONS (or `maxActions`) are recorded (null otherwise: the page then runs the engine at load).
 * Imported by the build (app/) and tests only: it is never part of the page's code.
 */
import {
  parseScenario, recordTimeline, stateAtAction, viewOf, lastAction, BASE_MODULES, type SimView,
} from '@engine/api';
import type { RecordedRun } from './recordedRun';

const MAX_ACTIONS = 2_000;

export function recordRun(presetId: string, input: unknown, maxActions = MAX_ACTIONS): RecordedRun | null {
  const p = parseScenario(input);
  if (!p.ok) throw new Error(`${presetId}: ${p.error}`);
  const tl = recordTimeline(p.doc, maxActions, undefined, undefined, BASE_MODULES);
  if (!tl.ended || tl.stopped) return null;
  const views: SimView[] = [];
  for (let a = 0; a <= lastAction(tl); a++) views.push(viewOf(stateAtAction(tl, a)));
  return {
    presetId, doc: p.doc, events: tl.events, endSeq: tl.endSeq, times: tl.times, views,
    truncated: tl.truncated, maxTimeUs: tl.maxTimeUs, budget: tl.budget,
  };
}
