/**
 * The engine's public API without the V4V transport installed (the page loads that the
 * first time it meets a V4V document: `import('@engine/v4v/install')`). Node code, the
 * runner and the tests use engine/index.ts, which installs it.
 */
import { parseScenario, type ScenarioDoc } from './scenario';
import { createSim, simRun, type SimOptions } from './sim/sim';
import { buildReport, type Report } from './sim/report';
import type { TraceEvent } from './core/trace';
import type { SimState } from './sim/types';

export { parseScenario, applyOverrides, scenarioToJson, parseOverrides } from './scenario';
export type { ScenarioDoc, Step, Transport, Broker } from './scenario';
export { createSim, simRun, simStep, simNextTime } from './sim/sim';
export { buildReport } from './sim/report';
export type { Report, ConnReport, DomainReport } from './sim/report';
export { traceToJsonl, TRACE_KINDS } from './core/trace';
export { assertNever } from './core/assert';
export type { TraceEvent, TraceKind, TraceOp, Endpoint, EventOf, OpOf, DetailOf } from './core/trace';
export type { SimState } from './sim/types';
export { DEFAULT_LIMITS, CID_SELF, CID_BACKEND, CM_PORT } from './core/limits';

/** Safety net: a run stops after this much virtual time even if work remains (1 hour). */
export const MAX_VIRTUAL_TIME_US = 3_600_000_000;

export interface RunResult { state: SimState; trace: TraceEvent[]; report: Report }

/** Run a parsed document to its end: every step applied and the queue drained. */
export function runScenario(doc: ScenarioDoc, opts: SimOptions & { untilUs?: number } = {}): RunResult {
  const st = createSim(doc, opts);
  simRun(st, opts.untilUs ?? MAX_VIRTUAL_TIME_US);
  return { state: st, trace: st.trace.events, report: buildReport(st) };
}

/** Parse and run; throws nothing, returns the one-line error on bad input. */
export function runScenarioText(text: string): { ok: true; result: RunResult } | { ok: false; error: string } {
  const parsed = parseScenario(text);
  if (!parsed.ok) return parsed;
  return { ok: true, result: runScenario(parsed.doc) };
}
export { viewOf, domainDetail } from './view';
export type { SimView, DomainView, RingView, RingDirView, SockView, DomainDetail } from './view';
export {
  recordTimeline, extendTimeline, dropTimelineBefore, stateAtAction, stateAtSeq, actionOfSeq, actionAtTime,
  lastAction, clampAction, endSeqAt, startSeqAt, timeAt, eventAt, eventsBetween, SNAPSHOT_EVERY,
} from './timeline';
export type { Timeline } from './timeline';
export { v4vInstalled, xsBrokerInstalled } from './sim/transport';
