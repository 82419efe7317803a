/**
 * The engine's public API for the page. A run uses the modules it is given (see
 * sim/module.ts): here they default to BASE_MODULES, vsock with the connection manager.
 * The page fetches the V4V transport (`import('@engine/v4v/module')`) and the xenstore
 * broker (`import('@engine/vsock/xsbroker-module')`) the first time a document needs
 * them, and passes what it has loaded. Node code, the runner and the tests use
 * engine/index.ts, where the default is every module.
 */
import { parseScenario, type ScenarioDoc } from './scenario';
import { createSim as createSimWith, simRun, type SimOptions } from './sim/loop';
import type { SimModule } from './sim/module';
import { buildReport, type Report } from './sim/report';
import { BASE_MODULES } from './base-modules';
import type { TraceEvent } from './core/trace';
import type { SimState } from './sim/types';

export { parseScenario, applyOverrides, scenarioToJson, parseOverrides } from './scenario';
export { decodeDocumentBytes, documentTooLarge } from './scenario';
export { MAX_DOCUMENT_BYTES } from './scenario/types';
export type { ScenarioDoc, Step, Transport, Broker, Exercise, Editable, Goal } from './scenario';
export { EDITABLES, CONN_STATES, type Policy, type ConnState } from './scenario';
export { DOMAIN_GOAL_FIELDS, GOAL_STATS } from './scenario/goals';
export type { GoalResult } from './sim/goals';
export { NOTE_MODES, NOTE_MODE_LABELS, noteModeOf, noteText, pickNote, type NoteMode, type StepNote } from './scenario';
export { simRun, simStep, simNextTime } from './sim/loop';
export type { SimModule, ModuleName } from './sim/module';
export { BASE_MODULES } from './base-modules';
export { buildReport } from './sim/report';
export { cpuBusyUs, vcpusOf } from './sim/cpu';
export type { Report, ConnReport, DomainReport } from './sim/report';
export { traceToJsonl, TRACE_KINDS } from './core/trace';
export { assertNever } from './core/assert';
export type { TraceEvent, TraceKind, TraceOp, Endpoint, EventOf, OpOf, DetailOf } from './core/trace';
export type { SimState } from './sim/types';
export { DEFAULT_LIMITS, CID_SELF, CID_BACKEND, CM_PORT, limitsFor, type Limits } from './core/limits';
export { LIMIT_RANGES } from './scenario/schema';
export type { LimitKey } from './scenario/types';
export { DEFAULT_XEN, XEN_VERSIONS } from './core/xen';
export type { XenVersion } from './core/xen';

/** Safety net: a run stops after this much virtual time even if work remains (1 hour). */
export const MAX_VIRTUAL_TIME_US = 3_600_000_000;

export interface RunOptions extends SimOptions {
  /** The transports and brokers the run may use (default BASE_MODULES). */
  modules?: readonly SimModule[];
}

export interface RunResult { state: SimState; trace: TraceEvent[]; report: Report }

/** A run of `doc`, step-wise (simStep, simRun); throws if `doc` needs a module not given. */
export function createSim(doc: ScenarioDoc, opts: RunOptions = {}): SimState {
  return createSimWith(doc, { ...opts, modules: opts.modules ?? BASE_MODULES });
}

/** Run a parsed document to its end: every step applied and the queue drained. */
export function runScenario(doc: ScenarioDoc, opts: RunOptions & { untilUs?: number } = {}): RunResult {
  const st = createSim(doc, opts);
  simRun(st, opts.untilUs ?? MAX_VIRTUAL_TIME_US);
  return { state: st, trace: st.trace.events, report: buildReport(st) };
}

/** Parse and run; throws nothing, returns the one-line error on bad input. */
export function runScenarioText(text: string, opts: RunOptions = {}): { ok: true; result: RunResult } | { ok: false; error: string } {
  const parsed = parseScenario(text);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, result: runScenario(parsed.doc, opts) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
export { viewOf, domainDetail } from './view';
export type { SimView, DomainView, RingView, RingDirView, SockView, DomainDetail, V4vRingView, V4vView } from './view';
export {
  recordTimeline, extendTimeline, dropTimelineBefore, stateAtAction, stateAtSeq, actionOfSeq, actionAtTime,
  lastAction, clampAction, endSeqAt, startSeqAt, timeAt, eventAt, eventsBetween, SNAPSHOT_EVERY,
} from './timeline';
export type { Timeline } from './timeline';
